import {ALL_BUCKET} from '../domain/time-window.js';
import {ALL_PROJECTS} from './schema.js';
import type {Database} from './database.js';
import {getSetting, setSetting} from './settings.js';


/**
 * The rates every rollup derives from its sums. Sums (not averages) are stored so that buckets
 * can be added up again: weeks from days, all projects from each project, a date range from days.
 */
export const RATES_FROM_SUMS = `
	sum(total_invocations)::INTEGER AS total_invocations,
	sum(successful_completions)::INTEGER AS successful_completions,
	sum(failed_invocations)::INTEGER AS failed_invocations,
	sum(pending_invocations)::INTEGER AS pending_invocations,
	CASE WHEN sum(total_invocations) > 0 THEN sum(successful_completions) / sum(total_invocations) END::DOUBLE AS success_rate,
	coalesce(sum(duration_sum_ms), 0)::DOUBLE AS duration_sum_ms,
	sum(duration_count)::INTEGER AS duration_count,
	CASE WHEN sum(duration_count) > 0 THEN sum(duration_sum_ms) / sum(duration_count) END::DOUBLE AS avg_duration_ms,
	sum(followup_sum)::BIGINT AS followup_sum,
	CASE WHEN sum(total_invocations) > 0 THEN sum(followup_sum) / sum(total_invocations) END::DOUBLE AS avg_followup_actions,
	min(first_used) AS first_used,
	max(last_used) AS last_used`;

const BUCKET_OF_DAY = `CASE w.time_window
	WHEN 'daily' THEN day
	WHEN 'weekly' THEN date_trunc('week', day)::DATE
	WHEN 'monthly' THEN date_trunc('month', day)::DATE
	ELSE DATE '${ALL_BUCKET}' END`;

export interface AggregateOptions {
	timezone: string;
	/** Projects whose rows changed; all of them when omitted. */
	projectIds?: readonly string[];
}

async function setTargets(database: Database, projectIds: readonly string[] | undefined): Promise<void> {
	await database.run(`CREATE OR REPLACE TEMP TABLE aggregate_targets AS
		SELECT project_id FROM projects WHERE $all OR list_contains(string_split($ids, ','), project_id)`, {
		all: projectIds === undefined,
		ids: (projectIds ?? []).join(','),
	});
}

/**
 * Recomputes the rollups of the given projects (every window, every bucket) from raw rows, then
 * the cross-project rollups of the active projects from those. Metric definitions: formats.md.
 */
export async function refreshAggregates(database: Database, options: AggregateOptions): Promise<{rows: number; durationMs: number}> {
	const started = performance.now();
	const storedZone = await getSetting(database, 'aggregate_timezone');
	// Buckets are calendar days of one zone: another zone means every bucket moves.
	const projectIds = storedZone === options.timezone ? options.projectIds : undefined;
	await database.transaction(async () => {
		await setTargets(database, projectIds);
		await database.run(`CREATE OR REPLACE TEMP TABLE aggregate_days AS
			SELECT project_id, skill_name, timezone($tz, invoked_at)::DATE AS day,
				count(*) FILTER (WHERE status <> 'pending') AS total_invocations,
				count(*) FILTER (WHERE status = 'succeeded') AS successful_completions,
				count(*) FILTER (WHERE status = 'failed') AS failed_invocations,
				count(*) FILTER (WHERE status = 'pending') AS pending_invocations,
				sum(duration_ms) FILTER (WHERE status = 'succeeded') AS duration_sum_ms,
				count(duration_ms) FILTER (WHERE status = 'succeeded') AS duration_count,
				coalesce(sum(followup_actions) FILTER (WHERE status <> 'pending'), 0) AS followup_sum,
				min(invoked_at) FILTER (WHERE status <> 'pending') AS first_used,
				max(invoked_at) FILTER (WHERE status <> 'pending') AS last_used
			FROM skill_usage
			WHERE project_id IN (SELECT project_id FROM aggregate_targets)
			GROUP BY ALL`, {tz: options.timezone});
		await database.run(`DELETE FROM skill_aggregates WHERE project_id IN (SELECT project_id FROM aggregate_targets) OR project_id = $all`, {all: ALL_PROJECTS});
		await database.run(`INSERT INTO skill_aggregates
			SELECT project_id, skill_name, w.time_window, ${BUCKET_OF_DAY} AS bucket_start, ${RATES_FROM_SUMS}, now()
			FROM aggregate_days, (VALUES ('daily'), ('weekly'), ('monthly'), ('all')) AS w(time_window)
			GROUP BY project_id, skill_name, w.time_window, bucket_start`);
		await database.run(`INSERT INTO skill_aggregates
			SELECT $all, skill_name, time_window, bucket_start, ${RATES_FROM_SUMS}, now()
			FROM skill_aggregates
			WHERE project_id IN (SELECT project_id FROM projects WHERE is_active)
			GROUP BY skill_name, time_window, bucket_start`, {all: ALL_PROJECTS});
		await setSetting(database, 'aggregate_timezone', options.timezone);
		await setSetting(database, 'aggregated_at', new Date().toISOString());
	});
	const count = await database.one<{rows: number}>(`SELECT count(*)::INTEGER AS rows FROM skill_aggregates`);
	return {rows: count?.rows ?? 0, durationMs: Math.round(performance.now() - started)};
}

/** Aggregates are fresh when they were computed after the last change, in the zone asked for. */
export async function aggregatesAreFresh(database: Database, timezone: string): Promise<boolean> {
	const [zone, aggregatedAt, changedAt] = await Promise.all([
		getSetting(database, 'aggregate_timezone'),
		getSetting(database, 'aggregated_at'),
		getSetting(database, 'data_changed_at'),
	]);
	if (zone !== timezone || aggregatedAt === undefined) return false;
	// Millisecond stamps: a change in the same millisecond as the aggregation may have come after it.
	return changedAt === undefined || changedAt < aggregatedAt;
}

/** Queries call this first: stale or differently-zoned rollups are recomputed, never served. */
export async function ensureAggregates(database: Database, timezone: string): Promise<void> {
	if (!(await aggregatesAreFresh(database, timezone))) await refreshAggregates(database, {timezone});
}
