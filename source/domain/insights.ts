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

const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

export function insightsFor(metrics: JudgedMetrics): Insight[] {
	if (metrics.total_invocations < MIN_INVOCATIONS_TO_JUDGE) {
		return [{level: 'info', message: `too few invocations to judge (${metrics.total_invocations} finished, ${MIN_INVOCATIONS_TO_JUDGE} needed)`}];
	}

	const insights: Insight[] = [];
	const rate = metrics.success_rate;
	if (rate !== null) {
		if (rate < LOW_SUCCESS_RATE) {
			insights.push({level: 'high', message: `low success rate: ${percent(rate)} (below ${percent(LOW_SUCCESS_RATE)})`});
		} else if (rate < TARGET_SUCCESS_RATE) {
			insights.push({level: 'medium', message: `below target: ${percent(rate)} (target ${percent(TARGET_SUCCESS_RATE)})`});
		} else if (rate > WELL_TUNED_RATE) {
			insights.push({level: 'positive', message: `well-tuned: ${percent(rate)} success`});
		}
	}

	if (metrics.avg_followup_actions !== null && metrics.avg_followup_actions > HIGH_FOLLOWUP_RATE) {
		insights.push({level: 'medium', message: `high follow-up rate: ${metrics.avg_followup_actions.toFixed(1)} actions per use (over ${HIGH_FOLLOWUP_RATE})`});
	}

	return insights;
}
