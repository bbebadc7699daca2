import type {ExposureFigures} from './exposure-words.js';

/*
 * Advice from what the model was offered (issue 21), pure: the caller counts. A skill listed often
 * and rarely picked does not trigger: its description does not say when to use it. A skill whose
 * description is cut in most sessions is half-invisible: others take its room in the listing.
 */

/** A skill listed in at least this many sessions that recorded a listing … */
export const RARELY_PICKED_MIN_LISTED = 20;
/** … and picked by the model in fewer than this share of them. */
export const RARELY_PICKED_RATE = 0.05;
/** A description cut in more than this share of the sessions that recorded a listing. */
export const MOSTLY_CUT_SHARE = 0.5;

export type ExposureIssue = 'low_trigger_rate' | 'description_cut';

export interface ExposureAdvice {
	skill: string;
	priority: 'medium' | 'low';
	issue: ExposureIssue;
	action: string;
	evidence: Record<string, number | string | null>;
}

export interface ExposedSkill extends Omit<ExposureFigures, 'sessions_with_listings'> {
	skill_name: string;
}

/** An installed skill nobody used, whose description takes room in the listing. */
export interface IdleDescription {
	skill_name: string;
	description_chars: number;
}

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

/** Listed in 20 or more sessions and picked by the model in under 5 % of them: medium. */
export function lowTriggerAdvice(skill: ExposedSkill, sessionsWithListings: number): ExposureAdvice | undefined {
	const rate = skill.trigger_rate;
	if (skill.sessions_listed < RARELY_PICKED_MIN_LISTED || rate === null || rate >= RARELY_PICKED_RATE) return undefined;
	return {
		skill: skill.skill_name,
		priority: 'medium',
		issue: 'low_trigger_rate',
		action: `"${skill.skill_name}" was listed to the model in ${skill.sessions_listed} sessions and picked by it in ${skill.sessions_model_invoked} (${percent(rate)}): the model rarely picks it: sharpen its description (what it does, and when to use it).`,
		evidence: {
			sessions_listed: skill.sessions_listed,
			sessions_model_invoked: skill.sessions_model_invoked,
			trigger_rate: rate,
			sessions_with_listings: sessionsWithListings,
			min_listed: RARELY_PICKED_MIN_LISTED,
			threshold: RARELY_PICKED_RATE,
		},
	};
}

/**
 * Its description cut in more than half the sessions that recorded a listing: medium. The advice
 * names the installed skills never used, whose descriptions take the room (the longest first).
 */
export function descriptionCutAdvice(skill: ExposedSkill, sessionsWithListings: number, idle: readonly IdleDescription[] = []): ExposureAdvice | undefined {
	if (sessionsWithListings === 0 || skill.sessions_description_cut / sessionsWithListings <= MOSTLY_CUT_SHARE) return undefined;
	const names = idle.filter(other => other.skill_name !== skill.skill_name).toSorted((a, b) => b.description_chars - a.description_chars || a.skill_name.localeCompare(b.skill_name));
	const which = names.length === 0 ? '' : ` (${names.slice(0, 3).map(other => `${other.skill_name}, ${other.description_chars} characters`).join('; ')}${names.length > 3 ? `; ${names.length - 3} more` : ''})`;
	return {
		skill: skill.skill_name,
		priority: 'medium',
		issue: 'description_cut',
		action: `The description of "${skill.skill_name}" was cut to fit the skill listing in ${skill.sessions_description_cut} of the ${sessionsWithListings} sessions that recorded one: the model sees it half. Shorten the descriptions of the skills you never use${which}, or hide them (disable-model-invocation: true), so this one fits.`,
		evidence: {
			sessions_description_cut: skill.sessions_description_cut,
			sessions_with_listings: sessionsWithListings,
			share: skill.sessions_description_cut / sessionsWithListings,
			threshold: MOSTLY_CUT_SHARE,
		},
	};
}

export function exposureRecommendations(skills: readonly ExposedSkill[], sessionsWithListings: number, idle: readonly IdleDescription[] = []): ExposureAdvice[] {
	return skills.flatMap(skill => [lowTriggerAdvice(skill, sessionsWithListings), descriptionCutAdvice(skill, sessionsWithListings, idle)].filter(advice => advice !== undefined));
}
