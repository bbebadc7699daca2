import {createHash} from 'node:crypto';

/*
 * What the model was offered in the demo's story sessions (issue 21; transcripts.md,
 * "skill_listing"): each of the thirty sessions in /home/demo/code/shop starts with the skill
 * listing Claude Code gave the model. What a new user should see in it:
 *
 *   pr-review is listed in all 30 and picked by the model in all 30; standup listed in 30, picked
 *   in the 6 it ran in (20%); commit listed in 30 and never picked by the model (people type it,
 *   in other sessions): "the model rarely picks it".
 *   From day 35 (the last 18 sessions) the toolkit plugin's twelve skills are installed too, their
 *   long descriptions listed first: the listing outgrows the budget, and the descriptions of
 *   commit and standup are cut (they end with …) in those 18 of the 30 sessions: "cut in most".
 *
 * No session without a listing changes: the first 65 sessions stay byte for byte, and the story's
 * invocations are those of demo-story.ts.
 */

/** The story sessions from this one on (daysAgo ≤ 35) list the toolkit plugin, and cut. */
export const TOOLKIT_FROM_SESSION = 12;

const DESCRIPTIONS = {
	commit: 'Commit the staged work with a message that says why.',
	'pr-review': 'Review a pull request and fix what it finds.',
	standup: "Summarise yesterday's commits for the daily standup.",
};

const TOOLKIT = ['api-docs', 'changelog', 'dependency-audit', 'docker', 'i18n', 'k8s-manifests', 'migrations', 'perf-profile', 'release', 'security-scan', 'sql-review', 'storybook'];

/** A plugin skill's description as plugins write them: long, every trigger spelled out. */
const toolkitDescription = (name: string) =>
	`Use this skill for anything about ${name.replace('-', ' ')}: when the user mentions ${name}, asks to create, update, check or explain ${name} files, `
	+ `or when a task touches ${name} indirectly (CI, reviews, releases). It covers setup, conventions, common mistakes and a checklist to finish with.`;

/** Cut to fit the budget as Claude Code cuts: the start of the text, then …. */
const cut = (text: string) => `${text.slice(0, 24).trimEnd()}…`;

/** The content of a story session's listing: `- name: description` lines. */
export function storyListing(session: number): {content: string; skillCount: number} {
	const toolkit = session >= TOOLKIT_FROM_SESSION;
	const entries: Array<[string, string]> = [
		...(toolkit ? TOOLKIT.map((name): [string, string] => [`toolkit:${name}`, toolkitDescription(name)]) : []),
		['commit', toolkit ? cut(DESCRIPTIONS.commit) : DESCRIPTIONS.commit],
		['pr-review', DESCRIPTIONS['pr-review']],
		['standup', toolkit ? cut(DESCRIPTIONS.standup) : DESCRIPTIONS.standup],
	];
	return {content: entries.map(([name, description]) => `- ${name}: ${description}`).join('\n'), skillCount: entries.length};
}

/** A uuid of its own for the listing line, drawn from the session's id: the PRNG's sequence is left as it was. */
export function listingUuid(sessionId: string): string {
	const hex = createHash('sha256').update(`${sessionId}:skill_listing`).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
