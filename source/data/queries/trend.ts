import {trendDirection, type TrendDirection} from '../../domain/trend-direction.js';
import {bucketIndex, bucketStart, stepBucket, type TimeWindow} from '../../domain/time-window.js';
import type {Database} from '../store/database.js';
import {rollupTable, scopeId, type Scope} from './scope.js';

export interface TrendPoint {
	bucket_start: string;
	total_invocations: number;
	successful_completions: number;
	success_rate: number | null;
	avg_duration_ms: number | null;
	/** Clean finishes over the uses with a known outcome (outcomes.md); null when none. */
	clean_rate: number | null;
}

/**
 * Uses and success of one skill per bucket of `window`, the `count` buckets ending with the one
 * starting at `last`, from the rollups. Buckets without uses are present with zeros.
 */
export async function skillTrend(
	database: Database,
	skillName: string,
	scope: Scope,
	window: Exclude<TimeWindow, 'all'>,
	last: string,
	count: number,
): Promise<TrendPoint[]> {
	const first = stepBucket(window, last, -(count - 1));
	const rows = await database.all<TrendPoint & Record<string, unknown>>(
		`SELECT strftime(bucket_start, '%Y-%m-%d') AS bucket_start, total_invocations, successful_completions, success_rate, avg_duration_ms,
			(clean_finishes / nullif(clean_finishes + interrupted + rejected + errored + load_failed, 0))::DOUBLE AS clean_rate
		FROM ${rollupTable(scope).sql}
		WHERE project_id = $scope AND skill_name = $skill AND time_window = $window AND bucket_start BETWEEN $first::DATE AND $last::DATE`,
		{...rollupTable(scope).params, scope: scopeId(scope), skill: skillName, window, first, last},
	);
	const byBucket = new Map(rows.map(row => [row.bucket_start, row]));
	return Array.from({length: count}, (_, index) => {
		const bucket = stepBucket(window, first, index);
		return byBucket.get(bucket) ?? {bucket_start: bucket, total_invocations: 0, successful_completions: 0, success_rate: null, avg_duration_ms: null, clean_rate: null};
	});
}

export interface TrendReport {
	window: Exclude<TimeWindow, 'all'>;
	trend: TrendPoint[];
	trend_direction: TrendDirection;
	/** The least-squares slope behind the direction, success rate per bucket (null: too few buckets). */
	trend_slope: number | null;
	trend_buckets_used: number;
}

/**
 * Every bucket of `window` from the skill's first finished use (or `since`'s bucket, if later) to
 * `until`'s bucket, empty ones included, and the direction of its success rate
 * (domain/trend-direction.ts). Never earlier than the first use: a far `since` adds no empty years.
 */
export async function skillTrendReport(
	database: Database,
	skillName: string,
	scope: Scope,
	window: Exclude<TimeWindow, 'all'>,
	range: {since?: string; until: string},
): Promise<TrendReport> {
	const last = bucketStart(window, range.until);
	const earliest = await database.one<{first: string | null}>(
		`SELECT strftime(min(bucket_start), '%Y-%m-%d') AS first FROM ${rollupTable(scope).sql}
		WHERE project_id = $scope AND skill_name = $skill AND time_window = $window AND bucket_start <= $last::DATE AND total_invocations > 0`,
		{...rollupTable(scope).params, scope: scopeId(scope), skill: skillName, window, last},
	);
	const firstUse = earliest?.first ?? last;
	const since = range.since === undefined ? undefined : bucketStart(window, range.since);
	const first = since !== undefined && since > firstUse ? since : firstUse;

	const count = first > last ? 0 : bucketIndex(window, last) - bucketIndex(window, first) + 1;
	const trend = count === 0 ? [] : await skillTrend(database, skillName, scope, window, last, count);
	const samples = trend
		.filter(point => point.total_invocations > 0 && point.success_rate !== null)
		.map(point => ({step: bucketIndex(window, point.bucket_start), success_rate: point.success_rate!}));
	const verdict = trendDirection(samples);
	return {window, trend, trend_direction: verdict.direction, trend_slope: verdict.slope, trend_buckets_used: verdict.buckets_used};
}
