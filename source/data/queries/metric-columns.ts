/*
 * formats.md's metrics over raw rows of skill_usage, written once: pending rows count only as
 * pending; rates and means over the finished ones; durations over the succeeded ones.
 */

const FINISHED = `status <> 'pending'`;

/** Counts, success rate and mean duration of the rows aggregated. */
export const STATUS_METRICS = `count(*) FILTER (WHERE ${FINISHED})::INTEGER AS total_invocations,
	count(*) FILTER (WHERE status = 'succeeded')::INTEGER AS successful_completions,
	count(*) FILTER (WHERE status = 'failed')::INTEGER AS failed_invocations,
	count(*) FILTER (WHERE status = 'pending')::INTEGER AS pending_invocations,
	(count(*) FILTER (WHERE status = 'succeeded') / nullif(count(*) FILTER (WHERE ${FINISHED}), 0))::DOUBLE AS success_rate,
	avg(duration_ms) FILTER (WHERE status = 'succeeded')::DOUBLE AS avg_duration_ms,
	avg(followup_actions) FILTER (WHERE ${FINISHED})::DOUBLE AS avg_followup_actions`;
