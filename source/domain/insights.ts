import {outcomesKnown, type OutcomeMetrics} from './metrics.js';

/** The design's thresholds (formats.md), in one place so the docs, CLI and explorer agree. */
export const MIN_INVOCATIONS_TO_JUDGE = 5;
export const LOW_SUCCESS_RATE = 0.6;
export const TARGET_SUCCESS_RATE = 0.7;
export const WELL_TUNED_RATE = 0.9;
export const HIGH_FOLLOWUP_RATE = 2;

export type InsightLevel = 'high' | 'medium' | 'info' | 'positive';

export interface Insight {
	level: InsightLevel;
	message: string;
}

export interface JudgedMetrics {
	total_invocations: number;
	success_rate: number | null;
	avg_followup_actions: number | null;
}

/** What a skill is judged by: its uses, and how they finished where that is known (outcomes.md). */
export type JudgedSkill = JudgedMetrics & Partial<OutcomeMetrics>;

const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

export function insightsFor(metrics: JudgedSkill): Insight[] {
	if (metrics.total_invocations < MIN_INVOCATIONS_TO_JUDGE) {
		return [{level: 'info', message: `too few invocations to judge (${metrics.total_invocations} finished, ${MIN_INVOCATIONS_TO_JUDGE} needed)`}];
	}

	const insights: Insight[] = [];
	const rate = metrics.success_rate;
	const chatty = metrics.avg_followup_actions !== null && metrics.avg_followup_actions > HIGH_FOLLOWUP_RATE;
	const clean = judgedCleanRate(metrics);
	if (rate !== null) {
		if (rate < LOW_SUCCESS_RATE) {
			insights.push({level: 'high', message: `low success rate: ${percent(rate)} (below ${percent(LOW_SUCCESS_RATE)})`});
		} else if (rate < TARGET_SUCCESS_RATE) {
			insights.push({level: 'medium', message: `below target: ${percent(rate)} (target ${percent(TARGET_SUCCESS_RATE)})`});
		} else if (rate > WELL_TUNED_RATE && !chatty && (clean === undefined || clean > WELL_TUNED_RATE)) {
			// Praise rests on how uses finish once that is known: a skill that loads every time is not
			// well-tuned if its uses are interrupted, rejected or need many follow-up actions (issue 27).
			insights.push({level: 'positive', message: clean === undefined ? `well-tuned: ${percent(rate)} success` : `well-tuned: ${percent(clean)} of uses finish cleanly`});
		}
	}

	// Said once: a success rate already judged low covers uses that also finished badly.
	if (clean !== undefined && clean < TARGET_SUCCESS_RATE && (rate === null || rate >= TARGET_SUCCESS_RATE)) {
		insights.push({level: clean < LOW_SUCCESS_RATE ? 'high' : 'medium', message: `few clean finishes: ${percent(clean)} of uses finish cleanly (${unclean(metrics)})`});
	}

	if (chatty) {
		insights.push({level: 'medium', message: `high follow-up rate: ${metrics.avg_followup_actions!.toFixed(1)} actions per use (over ${HIGH_FOLLOWUP_RATE})`});
	}

	return insights;
}

/** The clean rate when enough uses have a known outcome to judge by it, else undefined. */
function judgedCleanRate(metrics: JudgedSkill): number | undefined {
	if (metrics.clean_rate === null || metrics.clean_rate === undefined) return undefined;
	const known = outcomesKnown({clean_finishes: 0, interrupted: 0, rejected: 0, errored: 0, load_failed: 0, ...metrics});
	return known >= MIN_INVOCATIONS_TO_JUDGE ? metrics.clean_rate : undefined;
}

/** How the other uses ended, the most common first: `3 interrupted, 1 rejected`. */
function unclean(metrics: JudgedSkill): string {
	const counts: Array<[string, number]> = [
		['interrupted', metrics.interrupted ?? 0],
		['rejected', metrics.rejected ?? 0],
		['errored', metrics.errored ?? 0],
		['failed to load', metrics.load_failed ?? 0],
	];
	return counts.filter(([, count]) => count > 0).sort((a, b) => b[1] - a[1]).map(([word, count]) => `${count} ${word}`).join(', ') || 'none other known';
}
