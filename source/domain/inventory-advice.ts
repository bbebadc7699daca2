import type {Recommendation} from './recommend.js';

/**
 * Advice from what is installed (issue 13): an installed skill never used costs its description
 * in every session's listing for nothing; a name invoked but installed nowhere was removed,
 * renamed, or made up. Pure: the caller joins the inventory with the usage.
 */

/** From this many invocations a name installed nowhere is worth more than a note. */
export const MANY_MISSING_CALLS = 5;

export interface InstalledEvidence {
	skill_name: string;
	kind: string;
	scope: string;
	path: string;
	description_chars: number;
	state: string;
	/** The model may call it (outcome-advice.ts asks whether it does); absent: not known. */
	model_invocable?: boolean;
	/** Its text runs commands when loaded (a dynamic skill: outcomes.md). */
	runs_commands?: boolean;
}

export interface MissingEvidence {
	skill_name: string;
	invocations: number;
	last_used: string | null;
	unknown_skill_errors: number;
}

export function inventoryRecommendations(installed: readonly InstalledEvidence[], missing: readonly MissingEvidence[]): Recommendation[] {
	const found: Recommendation[] = [];
	for (const skill of installed) {
		if (skill.state !== 'never-used') continue;
		const frees = skill.scope === 'project' ? 'in the sessions of its project' : 'in every session';
		found.push({
			skill: skill.skill_name,
			priority: 'low',
			issue: 'never_used',
			action: `"${skill.skill_name}" (${skill.scope} ${skill.kind}, ${skill.path}) has never been used: consider removing it, which frees ${skill.description_chars} characters of the skill listing ${frees}, or give it a description that says when to use it.`,
			evidence: {scope: skill.scope, kind: skill.kind, path: skill.path, description_chars: skill.description_chars, total_invocations: 0},
		});
	}

	for (const name of missing) {
		const times = `${name.invocations} time${name.invocations === 1 ? '' : 's'}`;
		found.push({
			skill: name.skill_name,
			priority: name.invocations >= MANY_MISSING_CALLS ? 'medium' : 'low',
			issue: 'not_installed',
			action: `"${name.skill_name}" was invoked ${times} but is installed nowhere (removed, renamed, or a name the model made up${name.unknown_skill_errors > 0 ? `; ${name.unknown_skill_errors} calls failed as an unknown skill` : ''}): reinstall it, or correct what still names it.`,
			evidence: {invocations: name.invocations, last_used: name.last_used, unknown_skill_errors: name.unknown_skill_errors, threshold: MANY_MISSING_CALLS},
		});
	}

	return found;
}
