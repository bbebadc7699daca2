import {fisherExactTwoSided} from './stats.js';

/*
 * The rules of a skill's versions (outcomes.md, "Version" and "Comparing versions"), pure: when a
 * skill is dynamic, what its versions are keyed by, and the verdict of one version against the one
 * before. The data layer counts; these decide.
 */

/** A verdict is `better` or `worse` only below this two-sided p-value (outcomes.md). */
export const SIGNIFICANCE = 0.05;
/** A dynamic skill shows at least this many texts seen only once (outcomes.md's second rule). */
export const DYNAMIC_MIN_SINGLE_TEXTS = 3;
/**
 * Below this many uses with a known outcome on either side, an unclear verdict says "too few uses
 * to tell" rather than "no clear difference": with fewer, only a near-total reversal can reach
 * p < 0.05 (4 of 4 against 0 of 6 does; 4 of 4 against 2 of 6 does not).
 */
export const MIN_USES_TO_TELL = 10;

export type Verdict = 'better' | 'worse' | 'unclear';

export interface Dynamic {
	dynamic: boolean;
	/** Why, in words; null when the skill is not dynamic. */
	reason: string | null;
}

/**
 * A skill is dynamic when its installed SKILL.md runs commands (`` !`…` ``), or when at least 3 of
 * its texts were each seen once and those uses are at least half of its uses with a text (the uses
 * without one, load failures and uses read before bodies were recorded, tell nothing either way).
 */
export function dynamicSkill(runsCommands: boolean, textUses: readonly number[]): Dynamic {
	if (runsCommands) return {dynamic: true, reason: 'its installed SKILL.md runs commands (!`…`), so its text changes at every use'};
	const once = textUses.filter(uses => uses === 1).length;
	const total = textUses.reduce((sum, uses) => sum + uses, 0);
	if (once >= DYNAMIC_MIN_SINGLE_TEXTS && once * 2 >= total) {
		return {dynamic: true, reason: `${once} of its ${total} uses each had a text seen only once: it takes arguments or runs commands that change its text`};
	}

	return {dynamic: false, reason: null};
}

export interface CleanCounts {
	clean: number;
	/** Uses with a known outcome. */
	known: number;
}

/**
 * `current` against `previous`: Fisher's exact test on (clean, not clean) × (current, previous);
 * better or worse below SIGNIFICANCE, else unclear. No p-value when either side has no known
 * outcome: there is nothing to test.
 */
export function versionVerdict(current: CleanCounts, previous: CleanCounts): {verdict: Verdict; p_value: number | null} {
	if (current.known === 0 || previous.known === 0) return {verdict: 'unclear', p_value: null};
	const p = fisherExactTwoSided(current.clean, current.known - current.clean, previous.clean, previous.known - previous.clean);
	if (p >= SIGNIFICANCE) return {verdict: 'unclear', p_value: p};
	return {verdict: current.clean / current.known > previous.clean / previous.known ? 'better' : 'worse', p_value: p};
}

/** `v1`, `v2`, … in order of first use. */
export const versionLabel = (index: number) => `v${index + 1}`;
