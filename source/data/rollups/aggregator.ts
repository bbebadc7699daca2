import {ALL_BUCKET} from '../../domain/time-window.js';
import {ALL_PROJECTS} from '../store/schema.js';
import type {Database} from '../store/database.js';
import {refreshProfiles} from './profiles.js';
import {refreshScopeFigures} from './scope-quantiles.js';
import {getSettings, setSetting, setSettings} from '../store/settings.js';


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

/**
 * How the uses ended (outcomes.md): counts by outcome and of retried uses, stored after
 * `computed_at` (schema version 6 added them). `clean_rate` is derived from them where read.
 */
export const OUTCOME_SUMS = `
	coalesce(sum(clean_finishes), 0)::INTEGER AS clean_finishes,
	coalesce(sum(interrupted), 0)::INTEGER AS interrupted,
	coalesce(sum(rejected), 0)::INTEGER AS rejected,
	coalesce(sum(errored), 0)::INTEGER AS errored,
	coalesce(sum(load_failed), 0)::INTEGER AS load_failed,
	coalesce(sum(retried), 0)::INTEGER AS retried`;

/** `clean_rate` from the summed outcome counts (beside OUTCOME_SUMS in one GROUP BY); null when none is known. */
export const CLEAN_RATE_FROM_SUMS = `(sum(clean_finishes) / nullif(sum(clean_finishes) + sum(interrupted) + sum(rejected) + sum(errored) + sum(load_failed), 0))::DOUBLE AS clean_rate`;

const BUCKET_OF_DAY = `CASE w.time_window
	WHEN 'daily' THEN day
	WHEN 'weekly' THEN date_trunc('week', day)::DATE
	WHEN 'monthly' THEN date_trunc('month', day)::DATE
	ELSE DATE '${ALL_BUCKET}' END`;

export interface AggregateOptions {
	timezone: string;
	/** Projects whose rows changed; all of them when omitted. */
	projectIds?: readonly string[];
	/**
	 * When every changed row is known: per project, the earliest and latest `invoked_at` (epoch µs)
	 * of the rows inserted or updated. Only the buckets holding those days are recomputed (and the
	 * project's all-time bucket, and the same buckets across projects), not whole projects.
	 */
	ranges?: ReadonlyArray<{projectId: string; fromUs: number; toUs: number}>;
}

const DAILY_COLUMNS = `count(*) FILTER (WHERE status <> 'pending') AS total_invocations,
	count(*) FILTER (WHERE status = 'succeeded') AS successful_completions,
	count(*) FILTER (WHERE status = 'failed') AS failed_invocations,
	count(*) FILTER (WHERE status = 'pending') AS pending_invocations,
	sum(duration_ms) FILTER (WHERE status = 'succeeded') AS duration_sum_ms,
	count(duration_ms) FILTER (WHERE status = 'succeeded') AS duration_count,
	coalesce(sum(followup_actions) FILTER (WHERE status <> 'pending'), 0) AS followup_sum,
	min(invoked_at) FILTER (WHERE status <> 'pending') AS first_used,
	max(invoked_at) FILTER (WHERE status <> 'pending') AS last_used,
	count(*) FILTER (WHERE outcome = 'clean') AS clean_finishes,
	count(*) FILTER (WHERE outcome = 'interrupted') AS interrupted,
	count(*) FILTER (WHERE outcome = 'rejected') AS rejected,
	count(*) FILTER (WHERE outcome = 'errored') AS errored,
	count(*) FILTER (WHERE outcome = 'load_failed') AS load_failed,
	count(*) FILTER (WHERE retried) AS retried`;

const HOUR_US = 3_600_000_000;
/** The UTC hour of `u.invoked_at`, rounded down also before 1970 (`//` truncates). */
const HOUR_OF_ROW = `(epoch_us(u.invoked_at) - ((epoch_us(u.invoked_at) % ${HOUR_US}) + ${HOUR_US}) % ${HOUR_US}) // ${HOUR_US}`;

/**
 * `aggregate_hours`: the local day of every UTC hour of `rows` (a FROM clause of skill_usage rows)
 * that lies whole inside one local day, with no offset change in it. ICU's zone conversion costs
 * about a microsecond a row; looked up per hour it costs nothing, and rows in the other hours (a
 * zone whose midnight is not on the hour, a transition) are converted one by one: see LOCAL_DAY.
 */
async function tabulateHours(database: Database, timezone: string, rows: string, params: Record<string, string> = {}): Promise<void> {
	await database.run(`CREATE OR REPLACE TEMP TABLE aggregate_hours AS
		WITH hours AS (SELECT DISTINCT ${HOUR_OF_ROW} AS hour ${rows}),
		ends AS (
			SELECT hour, make_timestamp(hour * ${HOUR_US})::TIMESTAMPTZ AS first_us, make_timestamp(hour * ${HOUR_US} + ${HOUR_US - 1})::TIMESTAMPTZ AS last_us
			FROM hours
		)
		SELECT hour, timezone($tz, first_us)::DATE AS day FROM ends
		WHERE timezone($tz, first_us)::DATE = timezone($tz, last_us)::DATE
			AND epoch_us(timezone($tz, first_us)) - epoch_us(first_us) = epoch_us(timezone($tz, last_us)) - epoch_us(last_us)`, {...params, tz: timezone});
}

/** The local day of `u.invoked_at`, with `aggregate_hours h` joined on HOUR_JOIN. */
const LOCAL_DAY = `coalesce(h.day, timezone($tz, u.invoked_at)::DATE)`;
const HOUR_JOIN = `LEFT JOIN aggregate_hours h ON h.hour = ${HOUR_OF_ROW}`;

/**
 * The bucket-level refresh (see AggregateOptions.ranges); the caller owns the transaction.
 * Buckets touched: the days from the first to the last changed day, the weeks and months holding
 * them. Raw rows are read for the days those weeks and months cover, and nothing else.
 */
async function refreshRanges(database: Database, timezone: string, ranges: NonNullable<AggregateOptions['ranges']>): Promise<void> {
	await database.run(`CREATE OR REPLACE TEMP TABLE aggregate_ranges AS
		WITH given AS (
			SELECT unnest(string_split($ids, ',')) AS project_id,
				unnest(string_split($froms, ','))::BIGINT AS from_us, unnest(string_split($tos, ','))::BIGINT AS to_us
		), days AS (
			SELECT project_id, min(timezone($tz, make_timestamp(from_us)::TIMESTAMPTZ)::DATE) AS first_day,
				max(timezone($tz, make_timestamp(to_us)::TIMESTAMPTZ)::DATE) AS last_day
			FROM given GROUP BY project_id
		)
		SELECT project_id, first_day, last_day,
			least(date_trunc('week', first_day), date_trunc('month', first_day))::DATE AS read_from,
			greatest(date_trunc('week', last_day)::DATE + 6, last_day(last_day))::DATE AS read_to
		FROM days`, {
		ids: ranges.map(range => range.projectId).join(','),
		froms: ranges.map(range => String(Math.trunc(range.fromUs))).join(','),
		tos: ranges.map(range => String(Math.trunc(range.toUs))).join(','),
		tz: timezone,
	});
	await database.run(`CREATE OR REPLACE TEMP TABLE aggregate_keys AS
		SELECT project_id, 'daily' AS time_window, unnest(generate_series(first_day, last_day, INTERVAL 1 DAY))::DATE AS bucket_start FROM aggregate_ranges
		UNION ALL SELECT project_id, 'weekly', unnest(generate_series(date_trunc('week', first_day), date_trunc('week', last_day), INTERVAL 7 DAY))::DATE FROM aggregate_ranges
		UNION ALL SELECT project_id, 'monthly', unnest(generate_series(date_trunc('month', first_day), date_trunc('month', last_day), INTERVAL 1 MONTH))::DATE FROM aggregate_ranges
		UNION ALL SELECT project_id, 'all', DATE '${ALL_BUCKET}' FROM aggregate_ranges`);
	// Two days either side of the local days: any zone's offset, and the zone maps skip the rest.
	const inRange = `FROM skill_usage u JOIN aggregate_ranges r USING (project_id)
		WHERE u.invoked_at >= (r.read_from - 2)::TIMESTAMP::TIMESTAMPTZ AND u.invoked_at < (r.read_to + 3)::TIMESTAMP::TIMESTAMPTZ`;
	await tabulateHours(database, timezone, inRange);
	await database.run(`CREATE OR REPLACE TEMP TABLE aggregate_days AS
		SELECT * FROM (
			SELECT u.project_id, u.skill_name, ${LOCAL_DAY} AS day, ${DAILY_COLUMNS}
			FROM skill_usage u JOIN aggregate_ranges r USING (project_id) ${HOUR_JOIN}
			WHERE u.invoked_at >= (r.read_from - 2)::TIMESTAMP::TIMESTAMPTZ AND u.invoked_at < (r.read_to + 3)::TIMESTAMP::TIMESTAMPTZ
			GROUP BY ALL
		) d SEMI JOIN aggregate_ranges r ON r.project_id = d.project_id AND d.day BETWEEN r.read_from AND r.read_to`, {tz: timezone});
	await database.run(`DELETE FROM skill_aggregates a USING aggregate_keys k
		WHERE a.project_id = k.project_id AND a.time_window = k.time_window AND a.bucket_start = k.bucket_start`);
	await database.run(`INSERT INTO skill_aggregates
		SELECT * FROM (
			SELECT project_id, skill_name, w.time_window, ${BUCKET_OF_DAY} AS bucket_start, ${RATES_FROM_SUMS}, now() AS computed_at, ${OUTCOME_SUMS}
			FROM aggregate_days, (VALUES ('daily'), ('weekly'), ('monthly')) AS w(time_window)
			GROUP BY project_id, skill_name, w.time_window, bucket_start
		) SEMI JOIN aggregate_keys k USING (project_id, time_window, bucket_start)`);
	// All time, from the project's days (sums add up again).
	await database.run(`INSERT INTO skill_aggregates
		SELECT project_id, skill_name, 'all', DATE '${ALL_BUCKET}', ${RATES_FROM_SUMS}, now(), ${OUTCOME_SUMS}
		FROM skill_aggregates WHERE time_window = 'daily' AND project_id IN (SELECT project_id FROM aggregate_ranges)
		GROUP BY project_id, skill_name`);
	await database.run(`CREATE OR REPLACE TEMP TABLE aggregate_scope_keys AS SELECT DISTINCT time_window, bucket_start FROM aggregate_keys`);
	await database.run(`DELETE FROM skill_aggregates a USING aggregate_scope_keys k
		WHERE a.project_id = $all AND a.time_window = k.time_window AND a.bucket_start = k.bucket_start`, {all: ALL_PROJECTS});
	await database.run(`INSERT INTO skill_aggregates
		SELECT $all, skill_name, time_window, bucket_start, ${RATES_FROM_SUMS}, now(), ${OUTCOME_SUMS}
		FROM skill_aggregates SEMI JOIN aggregate_scope_keys USING (time_window, bucket_start)
		WHERE project_id IN (SELECT project_id FROM projects WHERE is_active)
		GROUP BY skill_name, time_window, bucket_start`, {all: ALL_PROJECTS});
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
	await database.transaction(async () => refreshAggregatesIn(database, options));
	const count = await database.one<{rows: number}>(`SELECT count(*)::INTEGER AS rows FROM skill_aggregates`);
	return {rows: count?.rows ?? 0, durationMs: Math.round(performance.now() - started)};
}

/** refreshAggregates inside the caller's transaction (a collect's rollups land together). */
export async function refreshAggregatesIn(database: Database, options: AggregateOptions): Promise<void> {
	const stored = await getSettings(database, ['aggregate_timezone', 'aggregated_at']);
	const storedZone = stored.aggregate_timezone;
	// Buckets are calendar days of one zone: another zone means every bucket moves.
	const projectIds = storedZone === options.timezone ? options.projectIds : undefined;
	const aggregatedBefore = stored.aggregated_at !== undefined;
	const ranges = storedZone === options.timezone && aggregatedBefore && options.ranges && options.ranges.length > 0 ? options.ranges : undefined;
	if (ranges) {
		await refreshRanges(database, options.timezone, ranges);
		await refreshProfiles(database, 'SELECT project_id FROM aggregate_ranges');
		await setSetting(database, 'aggregated_at', new Date().toISOString());
		await refreshScopeFigures(database);
		return;
	}

	await setTargets(database, projectIds);
	const targeted = `FROM skill_usage u WHERE u.project_id IN (SELECT project_id FROM aggregate_targets)`;
	await tabulateHours(database, options.timezone, targeted);
	await database.run(`CREATE OR REPLACE TEMP TABLE aggregate_days AS
		SELECT u.project_id, u.skill_name, ${LOCAL_DAY} AS day, ${DAILY_COLUMNS}
		FROM skill_usage u ${HOUR_JOIN}
		WHERE u.project_id IN (SELECT project_id FROM aggregate_targets)
		GROUP BY ALL`, {tz: options.timezone});
	await database.run(`DELETE FROM skill_aggregates WHERE project_id IN (SELECT project_id FROM aggregate_targets) OR project_id = $all`, {all: ALL_PROJECTS});
	await database.run(`INSERT INTO skill_aggregates
		SELECT project_id, skill_name, w.time_window, ${BUCKET_OF_DAY} AS bucket_start, ${RATES_FROM_SUMS}, now(), ${OUTCOME_SUMS}
		FROM aggregate_days, (VALUES ('daily'), ('weekly'), ('monthly'), ('all')) AS w(time_window)
		GROUP BY project_id, skill_name, w.time_window, bucket_start`);
	await database.run(`INSERT INTO skill_aggregates
		SELECT $all, skill_name, time_window, bucket_start, ${RATES_FROM_SUMS}, now(), ${OUTCOME_SUMS}
		FROM skill_aggregates
		WHERE project_id IN (SELECT project_id FROM projects WHERE is_active)
		GROUP BY skill_name, time_window, bucket_start`, {all: ALL_PROJECTS});
	await refreshProfiles(database, 'SELECT project_id FROM aggregate_targets');
	await setSettings(database, {aggregate_timezone: options.timezone, aggregated_at: new Date().toISOString()});
	await refreshScopeFigures(database);
}

/**
 * Profiles (refreshProfiles) hold no zone: they are fresh when the rollups were computed after
 * the last change, in any zone.
 */
export async function profilesAreFresh(database: Database): Promise<boolean> {
	const {aggregated_at: aggregatedAt, data_changed_at: changedAt} = await getSettings(database, ['aggregated_at', 'data_changed_at']);
	return aggregatedAt !== undefined && (changedAt === undefined || changedAt < aggregatedAt);
}

/** What aggregatesAreFresh reads: a caller that reads them with other settings in one query passes them in. */
export const AGGREGATE_FRESHNESS_KEYS = ['aggregate_timezone', 'aggregated_at', 'data_changed_at'] as const;

/** Aggregates are fresh when they were computed after the last change, in the zone asked for. */
export async function aggregatesAreFresh(database: Database, timezone: string, known?: Partial<Record<string, string>>): Promise<boolean> {
	const settings = known ?? (await getSettings(database, AGGREGATE_FRESHNESS_KEYS));
	const {aggregate_timezone: zone, aggregated_at: aggregatedAt, data_changed_at: changedAt} = settings;
	if (zone !== timezone || aggregatedAt === undefined) return false;
	// Millisecond stamps: a change in the same millisecond as the aggregation may have come after it.
	return changedAt === undefined || changedAt < aggregatedAt;
}
