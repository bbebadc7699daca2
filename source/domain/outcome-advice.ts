import {formatP} from './version-words.js';
import {SIGNIFICANCE} from './versions.js';

/*
 * Advice from how the uses ended and from the versions (issue 20), pure: the caller counts. A
 * recommendation's shape is recommend.ts's; these three rules add to its rules.
 */

/** A skill the user interrupts in this share of its uses or more … */
export const OFTEN_INTERRUPTED_SHARE = 0.2;
/** … of at least this many uses with a known outcome. */
export const OFTEN_INTERRUPTED_MIN_USES = 10;
/** A model-invocable skill the user types in this share of its uses or more … */
export const USER_TYPED_SHARE = 0.8;
/** … of at least this many finished uses read from transcripts. */
export const USER_TYPED_MIN_USES = 5;

export type OutcomeIssue = 'worse_version' | 'often_interrupted' | 'rarely_model_picked';

export interface OutcomeAdvice {
	skill: string;
	priority: 'high' | 'medium' | 'low';
	issue: OutcomeIssue;
	action: string;
	evidence: Record<string, number | string | null>;
}

const percent = (rate: number) => `${Math.round(rate * 100)}%`;

/** The version in use against the one before it, as versions.ts compares them. */
export interface WorseVersion {
	label: string;
	compared_with: string;
	clean_rate: number;
	previous_clean_rate: number;
	p_value: number;
	/** Whether both texts are kept, so that their diff can be shown. */
	diffable: boolean;
}

/** The latest version of a skill is worse than the one before it: high, it undid what worked. */
export function worseVersionAdvice(skill: string, version: WorseVersion): OutcomeAdvice {
	const look = version.diffable ? `look at what changed: skillscope versions ${skill} --diff ${version.compared_with} ${version.label}` : `compare them: skillscope versions ${skill}`;
	return {
		skill,
		priority: 'high',
		issue: 'worse_version',
		action: `${version.label} of ${skill} finishes cleanly ${percent(version.clean_rate)} against ${percent(version.previous_clean_rate)} for ${version.compared_with} (${formatP(version.p_value)}): ${look}`,
		evidence: {version: version.label, compared_with: version.compared_with, clean_rate: version.clean_rate, previous_clean_rate: version.previous_clean_rate, p_value: version.p_value, threshold: SIGNIFICANCE},
	};
}

/** Interrupted in 20 % or more of 10 or more uses with a known outcome: medium. */
export function interruptedAdvice(skill: string, interrupted: number, known: number): OutcomeAdvice | undefined {
	if (known < OFTEN_INTERRUPTED_MIN_USES || interrupted / known < OFTEN_INTERRUPTED_SHARE) return undefined;
	return {
		skill,
		priority: 'medium',
		issue: 'often_interrupted',
		action: `"${skill}" is interrupted in ${percent(interrupted / known)} of its ${known} uses: the person stops it midway. Read what it does before it is stopped (skill ${skill}), and have it check in before long or risky steps.`,
		evidence: {interrupted, uses_with_outcome: known, share: interrupted / known, threshold: OFTEN_INTERRUPTED_SHARE, min_uses: OFTEN_INTERRUPTED_MIN_USES},
	};
}

/** An installed skill the model may call, typed by the user in 80 % or more of 5 or more uses: low. */
export function rarelyPickedAdvice(skill: string, typed: number, uses: number, path: string): OutcomeAdvice | undefined {
	if (uses < USER_TYPED_MIN_USES || typed / uses < USER_TYPED_SHARE) return undefined;
	return {
		skill,
		priority: 'low',
		issue: 'rarely_model_picked',
		action: `"${skill}" was typed by the user in ${typed} of its ${uses} uses: the model rarely picks it itself: sharpen its description (what it does, and when to use it) in ${path}.`,
		evidence: {user_typed: typed, uses, share: typed / uses, threshold: USER_TYPED_SHARE, min_uses: USER_TYPED_MIN_USES, path},
	};
}
