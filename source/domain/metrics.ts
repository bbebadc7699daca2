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
