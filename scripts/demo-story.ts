/*
 * The demo's outcomes-and-versions story (issue 20), as data: make-demo-transcripts.ts writes it as
 * transcript lines of the shapes in outcomes.md. What a new user should see in it:
 *
 *   pr-review, edited twice. v1 (days 59–41): 27 clean of 31 uses; v2 (days 39–21, a small edit):
 *   25 of 30, against v1 unclear; v3 (days 19–1, "apply fixes directly", no tests first): 15 of
 *   33, worse than v2 (Fisher p = 0.0035, scipy.stats.fisher_exact([[15, 18], [25, 5]])). Uses are
 *   interrupted, rejected (an Edit the person refused), or end on a failing tool; four errored
 *   uses are run again in the same turn (retried). Between two uses of a session a turn without a
 *   skill, so that a use in the next turn is no retry.
 *   standup: its SKILL.md runs `git log` (!`…`), so its text differs at every use: dynamic.
 *   commit: installed for the model, but users type it (the existing sessions): "rarely picked".
 */

export type StoryOutcome = 'clean' | 'interrupted' | 'rejected' | 'errored';

export interface StoryUse {
	prompt: string;
	skill: string;
	body: string;
	outcome: StoryOutcome;
	/** Call the skill again in the same turn, after this use's work. */
	retry?: boolean;
}

export interface StoryDay {
	daysAgo: number;
	uses: StoryUse[];
}

const V1 = `# PR review

Review the pull request in front of you.

1. Read the diff and every file it touches.
2. Run the tests before you comment: \`npm test\`.
3. List the problems by severity: bugs first, then risks, then style.
4. Suggest a fix for each bug, as a patch.

Keep the review under 300 words.`;

const V2 = V1.replace('bugs first, then risks, then style.', 'bugs first, then risks. Leave style to the linter.').replace('under 300 words', 'under 200 words');

const V3 = `# PR review

Review the pull request in front of you, and fix what you find.

1. Read the diff and every file it touches.
2. List the problems by severity: bugs first, then risks. Leave style to the linter.
3. Apply each fix directly with Edit; do not ask first.
4. Rewrite any function you change in full.

Keep the review under 200 words.`;

export const PR_REVIEW = {v1: V1, v2: V2, v3: V3};

/** The order of outcomes in a version's uses: c clean, i interrupted, r rejected, e errored, E errored and run again. */
const PLANS = {
	v1: 'ccccccciccccccrcccccEccccciccc',
	v2: 'ccccicccccrcccccecccciccccccec',
	v3: 'ceicrEciecrcEicrciecEcrcieicrc',
};

const CODES: Record<string, StoryOutcome> = {c: 'clean', i: 'interrupted', r: 'rejected', e: 'errored', E: 'errored'};
const PROMPTS = ['review PR #412', 'look at the checkout PR', 'review the retry change', 'can you review this branch?', 'review before I merge'];

/** A version's uses, in order: each code one use (an E also its retry, which ends cleanly). */
function usesOf(version: keyof typeof PLANS): StoryUse[] {
	return [...PLANS[version]].map((code, index) => ({
		prompt: PROMPTS[index % PROMPTS.length]!,
		skill: 'pr-review',
		body: PR_REVIEW[version],
		outcome: CODES[code]!,
		...(code === 'E' ? {retry: true} : {}),
	}));
}

const STANDUP_LOGS = [
	'a41c2e0 checkout: retry the payment once\n9be0d13 api: log slow queries',
	'f00d2b1 infra: pin the node image\n3c9e7aa checkout: test the retry',
	'77e1b02 docs: the deploy runbook',
	'c0ffee1 api: paginate /orders\n5ad2f90 web: dark mode toggle\n1e2f3a4 ci: cache npm',
	'0badc0d checkout: revert the retry',
	'd15ea5e api: index orders by customer',
];

/** What the model gets from standup: its SKILL.md with the output of `git log` in it, new every day. */
const standupBody = (log: string) => `# Standup\n\nCommits since yesterday:\n${log}\n\nSummarise them in three lines for the standup.`;

/** Thirty sessions, one every other day, three pr-review uses each; standup in the last six. */
export const STORY: StoryDay[] = (() => {
	const days: StoryDay[] = Array.from({length: 30}, (_, index) => ({daysAgo: 59 - index * 2, uses: []}));
	// Thirty planned uses a version, three a session: v1 on days 59–41, v2 on 39–21, v3 on 19–1.
	for (const [turn, version] of (['v1', 'v2', 'v3'] as const).entries()) {
		for (const [index, use] of usesOf(version).entries()) days[turn * 10 + Math.floor(index / 3)]!.uses.push(use);
	}

	for (const [index, log] of STANDUP_LOGS.entries()) {
		days[24 + index]!.uses.unshift({prompt: 'standup notes please', skill: 'standup', body: standupBody(log), outcome: 'clean'});
	}

	return days;
})();

export const STANDUP_SKILL = `---
name: standup
description: Summarise yesterday's commits for the daily standup.
---

# Standup

Commits since yesterday:
!\`git log --since=yesterday --oneline\`

Summarise them in three lines for the standup.
`;

/** The installed SKILL.md files: pr-review as it is now (v3), standup, and commit. */
export function storyInstalls(): Array<[string, string]> {
	return [
		['pr-review', `---\nname: pr-review\ndescription: Review a pull request and fix what it finds.\n---\n\n${V3}\n`],
		['standup', STANDUP_SKILL],
		['commit', '---\nname: commit\ndescription: Commit the staged work with a message that says why.\n---\n\nCommit the staged work.\n'],
	];
}
