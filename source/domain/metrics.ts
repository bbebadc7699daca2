/** The metrics of formats.md, as every report names them (JSON field names included). */
export interface UsageMetrics {
	total_invocations: number;
	successful_completions: number;
	failed_invocations: number;
	pending_invocations: number;
	success_rate: number | null;
	avg_duration_ms: number | null;
	avg_followup_actions: number | null;
	last_used: string | null;
}

/**
 * How the uses ended (outcomes.md): a count per outcome, the retried uses, and `clean_rate` =
 * clean / (uses with an outcome), null when none has one. Pending uses have none, and so have
 * transcript uses read before outcomes were recorded ("not known").
 */
export interface OutcomeMetrics {
	clean_finishes: number;
	interrupted: number;
	rejected: number;
	errored: number;
	load_failed: number;
	retried: number;
	clean_rate: number | null;
}

/** The uses whose outcome is known: the denominator of `clean_rate`. */
export function outcomesKnown(metrics: Pick<OutcomeMetrics, 'clean_finishes' | 'interrupted' | 'rejected' | 'errored' | 'load_failed'>): number {
	return metrics.clean_finishes + metrics.interrupted + metrics.rejected + metrics.errored + metrics.load_failed;
}
