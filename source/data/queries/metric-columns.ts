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

/** How the rows ended (outcomes.md): counts per outcome, retried, and the clean rate over the known ones. */
export const OUTCOME_METRICS = `count(*) FILTER (WHERE outcome = 'clean')::INTEGER AS clean_finishes,
	count(*) FILTER (WHERE outcome = 'interrupted')::INTEGER AS interrupted,
	count(*) FILTER (WHERE outcome = 'rejected')::INTEGER AS rejected,
	count(*) FILTER (WHERE outcome = 'errored')::INTEGER AS errored,
	count(*) FILTER (WHERE outcome = 'load_failed')::INTEGER AS load_failed,
	count(*) FILTER (WHERE retried)::INTEGER AS retried,
	(count(*) FILTER (WHERE outcome = 'clean') / nullif(count(outcome), 0))::DOUBLE AS clean_rate`;

/** The outcome fields every report of a skill carries, in their order (after the metrics of formats.md). */
export const OUTCOME_FIELDS = 'clean_finishes, interrupted, rejected, errored, load_failed, retried, clean_rate';
