import {stepBucket, type TimeWindow} from '../../domain/time-window.js';
import type {Database} from '../database.js';
import {scopeId, type Scope} from './scope.js';

export interface TrendPoint {
	bucket_start: string;
	total_invocations: number;
	successful_completions: number;
	success_rate: number | null;
	avg_duration_ms: number | null;
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
		`SELECT strftime(bucket_start, '%Y-%m-%d') AS bucket_start, total_invocations, successful_completions, success_rate, avg_duration_ms
		FROM skill_aggregates
		WHERE project_id = $scope AND skill_name = $skill AND time_window = $window AND bucket_start BETWEEN $first::DATE AND $last::DATE`,
		{scope: scopeId(scope), skill: skillName, window, first, last},
	);
	const byBucket = new Map(rows.map(row => [row.bucket_start, row]));
	return Array.from({length: count}, (_, index) => {
		const bucket = stepBucket(window, first, index);
		return byBucket.get(bucket) ?? {bucket_start: bucket, total_invocations: 0, successful_completions: 0, success_rate: null, avg_duration_ms: null};
	});
}
