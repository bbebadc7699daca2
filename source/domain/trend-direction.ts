/**
 * Which way a skill's success rate is going (issue 6's definition, also in the README): the
 * least-squares slope of success rate against time over the last `TREND_BUCKETS` buckets that have
 * finished invocations. Time is the bucket's position counted in window steps, so a gap of empty
 * buckets stretches the line instead of being skipped. Each bucket weighs the same, however many
 * invocations it holds: the question is whether the skill got better from period to period.
 */
export const TREND_BUCKETS = 8;
/** Fewer buckets with data than this: too little to call a direction. */
export const MIN_TREND_BUCKETS = 3;
/** A slope beyond ±1 percentage point of success rate per bucket is a direction; within it, stable. */
export const TREND_SLOPE_THRESHOLD = 0.01;

export type TrendDirection = 'improving' | 'declining' | 'stable';

export interface TrendSample {
	/** Position in window steps (any origin). */
	step: number;
	success_rate: number;
}

export interface TrendVerdict {
	direction: TrendDirection;
	/** Success rate change per bucket; null with fewer than MIN_TREND_BUCKETS buckets of data. */
	slope: number | null;
	buckets_used: number;
}

export function leastSquaresSlope(points: ReadonlyArray<{x: number; y: number}>): number | null {
	if (points.length < 2) return null;
	const meanX = points.reduce((sum, point) => sum + point.x, 0) / points.length;
	const meanY = points.reduce((sum, point) => sum + point.y, 0) / points.length;
	let covariance = 0;
	let variance = 0;
	for (const {x, y} of points) {
		covariance += (x - meanX) * (y - meanY);
		variance += (x - meanX) ** 2;
	}

	return variance === 0 ? null : covariance / variance;
}

/** `samples` in time order; only the last TREND_BUCKETS of them count. */
export function trendDirection(samples: readonly TrendSample[]): TrendVerdict {
	const used = samples.slice(-TREND_BUCKETS);
	if (used.length < MIN_TREND_BUCKETS) return {direction: 'stable', slope: null, buckets_used: used.length};
	const slope = leastSquaresSlope(used.map(sample => ({x: sample.step, y: sample.success_rate})));
	if (slope === null) return {direction: 'stable', slope: null, buckets_used: used.length};
	const direction = slope > TREND_SLOPE_THRESHOLD ? 'improving' : slope < -TREND_SLOPE_THRESHOLD ? 'declining' : 'stable';
	return {direction, slope, buckets_used: used.length};
}
