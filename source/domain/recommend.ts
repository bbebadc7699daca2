import {HIGH_FOLLOWUP_RATE, LOW_SUCCESS_RATE, MIN_INVOCATIONS_TO_JUDGE, TARGET_SUCCESS_RATE} from './insights.js';
import {loadFailureFindings, MANY_LOAD_FAILURES, type LoadFailure} from './load-failures.js';
import type {ExposureIssue} from './exposure-advice.js';
import type {OutcomeIssue} from './outcome-advice.js';
import {localDate} from './time-window.js';
import {TREND_BUCKETS, TREND_SLOPE_THRESHOLD, type TrendVerdict} from './trend-direction.js';

/** A skill used before but not in this many days is worth a look (issue 6's rule). */
export const UNUSED_DAYS = 30;

export type Priority = 'high' | 'medium' | 'low';
export type RecommendationIssue = 'low_success_rate' | 'below_target' | 'high_followup_rate' | 'declining_trend' | 'unused' | LoadFailure | 'never_used' | 'not_installed' | OutcomeIssue | ExposureIssue;

export interface SkillEvidence {
	skill_name: string;
	total_invocations: number;
	successful_completions: number;
	failed_invocations: number;
	success_rate: number | null;
	avg_followup_actions: number | null;
	last_used: string | null;
	/** Weekly success-rate direction (trend-direction.ts). */
	trend: TrendVerdict;
	/** Failed uses that never loaded, by error type (transcripts only). */
	load_failures?: Partial<Record<LoadFailure, number>>;
}

export interface Recommendation {
	skill: string;
	priority: Priority;
	issue: RecommendationIssue;
	action: string;
	/** The numbers behind the finding, named as in the other reports. */
	evidence: Record<string, number | string | null>;
}

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;
/** A threshold as people write it: 60%, not 60.0%. */
const limit = (rate: number) => `${Math.round(rate * 100)}%`;
const DAY_MS = 86_400_000;

/**
 * The rules, in the order of the issue: success rate under 0.6 with at least 5 finished uses →
 * high; 0.6 to under 0.7 → medium; more than 2 follow-ups per use → medium; a declining weekly
 * trend → medium (these need 5 finished uses, as every rate-based insight does); no use in the
 * last 30 days though used before → low.
 */
export function recommendationsFor(skill: SkillEvidence, now: Date, zone = 'UTC'): Recommendation[] {
	const found: Recommendation[] = [];
	const name = skill.skill_name;
	const judged = skill.total_invocations >= MIN_INVOCATIONS_TO_JUDGE;
	const base = {total_invocations: skill.total_invocations, successful_completions: skill.successful_completions, failed_invocations: skill.failed_invocations};
	const rate = skill.success_rate;
	if (judged && rate !== null && rate < LOW_SUCCESS_RATE) {
		found.push({
			skill: name,
			priority: 'high',
			issue: 'low_success_rate',
			action: `Review "${name}": ${percent(rate)} of ${skill.total_invocations} finished uses succeeded (under ${limit(LOW_SUCCESS_RATE)}). Read its most common errors (skill ${name}) and fix its instructions, or prefer another skill until it improves.`,
			evidence: {...base, success_rate: rate, threshold: LOW_SUCCESS_RATE},
		});
	} else if (judged && rate !== null && rate < TARGET_SUCCESS_RATE) {
		found.push({
			skill: name,
			priority: 'medium',
			issue: 'below_target',
			action: `Tune "${name}": ${percent(rate)} success is below the ${limit(TARGET_SUCCESS_RATE)} target. Its errors and the projects where it works better (compare ${name}) show what to tighten.`,
			evidence: {...base, success_rate: rate, threshold: TARGET_SUCCESS_RATE},
		});
	}

	const followups = skill.avg_followup_actions;
	if (judged && followups !== null && followups > HIGH_FOLLOWUP_RATE) {
		found.push({
			skill: name,
			priority: 'medium',
			issue: 'high_followup_rate',
			action: `"${name}" is followed by ${followups.toFixed(1)} actions per use (over ${HIGH_FOLLOWUP_RATE}): fold the usual follow-ups into the skill, or chain the skill that does them (next ${name}).`,
			evidence: {...base, avg_followup_actions: followups, threshold: HIGH_FOLLOWUP_RATE},
		});
	}

	if (judged && skill.trend.direction === 'declining' && skill.trend.slope !== null) {
		const points = Math.round(-skill.trend.slope * 1000) / 10;
		found.push({
			skill: name,
			priority: 'medium',
			issue: 'declining_trend',
			action: `"${name}" is getting worse: its weekly success rate falls by ${points} points a week over its last ${skill.trend.buckets_used} weeks with uses. Look at what changed (skill ${name} --window weekly).`,
			evidence: {...base, success_rate: rate, trend_slope: skill.trend.slope, trend_buckets_used: skill.trend.buckets_used, threshold: -TREND_SLOPE_THRESHOLD, trend_buckets: TREND_BUCKETS},
		});
	}

	if (skill.last_used !== null) {
		const idle = Math.floor((now.getTime() - Date.parse(skill.last_used)) / DAY_MS);
		if (idle >= UNUSED_DAYS) {
			found.push({
				skill: name,
				priority: 'low',
				issue: 'unused',
				action: `"${name}" has not been used for ${idle} days (last ${localDate(new Date(skill.last_used), zone)}): retire it, or check that it still triggers when it should.`,
				evidence: {...base, last_used: skill.last_used, days_unused: idle, threshold_days: UNUSED_DAYS},
			});
		}
	}

	for (const failure of loadFailureFindings(name, skill.load_failures ?? {}, skill.total_invocations)) {
		found.push({
			skill: name,
			priority: failure.priority,
			issue: failure.issue,
			action: failure.action,
			evidence: {...base, [failure.issue]: failure.count, threshold: MANY_LOAD_FAILURES},
		});
	}

	return found;
}

const PRIORITY_ORDER: Record<Priority, number> = {high: 0, medium: 1, low: 2};

/** Highest priority first; within one, the busiest skill first (it matters most), then by name. */
export function rankRecommendations(found: readonly Recommendation[], uses: ReadonlyMap<string, number>): Recommendation[] {
	return found.toSorted(
		(a, b) =>
			PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority]
			|| (uses.get(b.skill) ?? 0) - (uses.get(a.skill) ?? 0)
			|| a.skill.localeCompare(b.skill)
			|| a.issue.localeCompare(b.issue),
	);
}

/** The evidence of a recommendation in a few words, for a table cell. */
export function evidenceSummary(item: Recommendation): string {
	const number = (key: string) => Number(item.evidence[key] ?? 0);
	switch (item.issue) {
		case 'low_success_rate':
		case 'below_target': {
			return `${percent(number('success_rate'))} of ${number('total_invocations')}`;
		}

		case 'high_followup_rate': {
			return `${number('avg_followup_actions').toFixed(1)} follow-ups/use`;
		}

		case 'declining_trend': {
			return `${(number('trend_slope') * 100).toFixed(1)} pts/week, ${number('trend_buckets_used')} weeks`;
		}

		case 'unused': {
			return `idle ${number('days_unused')} days`;
		}

		case 'unknown_skill': {
			return `${number('unknown_skill')} calls, not installed`;
		}

		case 'not_model_invocable': {
			return `${number('not_model_invocable')} calls, model may not`;
		}

		case 'never_used': {
			return `never used, ${number('description_chars')} chars`;
		}

		case 'not_installed': {
			return `${number('invocations')} calls, not installed`;
		}

		case 'worse_version': {
			return `${String(item.evidence.version)} ${percent(number('clean_rate'))} vs ${percent(number('previous_clean_rate'))}`;
		}

		case 'often_interrupted': {
			return `${percent(number('share'))} of ${number('uses_with_outcome')} interrupted`;
		}

		case 'rarely_model_picked': {
			return `typed ${number('user_typed')} of ${number('uses')}`;
		}

		case 'low_trigger_rate': {
			return `picked ${number('sessions_model_invoked')} of ${number('sessions_listed')} listed`;
		}

		case 'description_cut': {
			return `cut in ${number('sessions_description_cut')} of ${number('sessions_with_listings')}`;
		}
	}
}
