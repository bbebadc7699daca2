import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {leastSquaresSlope, TREND_SLOPE_THRESHOLD, trendDirection} from '../../source/domain/trend-direction.js';
import {bucketIndex} from '../../source/domain/time-window.js';

const near = (actual: number | null, expected: number) => assert.ok(actual !== null && Math.abs(actual - expected) < 1e-12, `${actual} ≠ ${expected}`);

describe('trend direction', () => {
	test('least squares by hand: a gap of empty buckets stretches the line', () => {
		// x = 0, 1, 3; y = 1, .5, .5: mean x 4/3, mean y 2/3; cov −2/3, var 42/9 → slope −1/7.
		near(leastSquaresSlope([{x: 0, y: 1}, {x: 1, y: 0.5}, {x: 3, y: 0.5}]), -1 / 7);
		assert.equal(leastSquaresSlope([{x: 2, y: 1}]), null);
		assert.equal(leastSquaresSlope([{x: 2, y: 1}, {x: 2, y: 0}]), null);
	});

	test('only the last 8 buckets with data count', () => {
		const early = [{step: 0, success_rate: 0}, {step: 1, success_rate: 0}];
		const flat = Array.from({length: 8}, (_, index) => ({step: index + 2, success_rate: 0.8}));
		assert.deepEqual(trendDirection([...early, ...flat]), {direction: 'stable', slope: 0, buckets_used: 8});
		assert.equal(trendDirection([...early, ...flat.slice(0, 7)]).direction, 'improving', 'with 9 buckets one early zero is inside the 8');
	});

	test('the threshold: beyond ±0.01 per bucket is a direction, within is stable; under 3 buckets is stable', () => {
		const line = (slope: number) => [0, 1, 2, 3].map(step => ({step, success_rate: 0.5 + slope * step}));
		assert.equal(trendDirection(line(0.011)).direction, 'improving');
		assert.equal(trendDirection(line(-0.011)).direction, 'declining');
		assert.equal(trendDirection(line(0.009)).direction, 'stable');
		assert.equal(trendDirection(line(-TREND_SLOPE_THRESHOLD / 2)).direction, 'stable');
		assert.deepEqual(trendDirection([{step: 0, success_rate: 1}, {step: 1, success_rate: 0}]), {direction: 'stable', slope: null, buckets_used: 2});
	});

	test('bucket positions: weeks and months count steps, across years', () => {
		assert.equal(bucketIndex('weekly', '2026-01-05') - bucketIndex('weekly', '2025-12-29'), 1);
		assert.equal(bucketIndex('monthly', '2026-01-01') - bucketIndex('monthly', '2025-11-01'), 2);
		assert.equal(bucketIndex('daily', '2026-03-01') - bucketIndex('daily', '2026-02-27'), 2);
	});
});
