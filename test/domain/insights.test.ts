import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {insightsFor, type Insight} from '../../source/domain/insights.js';

function judge(total: number, successes: number, avgFollowups: number | null = 0): Insight[] {
	return insightsFor({total_invocations: total, success_rate: total > 0 ? successes / total : null, avg_followup_actions: avgFollowups});
}

const levels = (insights: Insight[]) => insights.map(insight => insight.level);

describe('success-rate insights at the thresholds of formats.md', () => {
	test('below 0.6 is a high-priority "low success rate"', () => {
		const insights = judge(100, 59);
		assert.deepEqual(levels(insights), ['high']);
		assert.match(insights[0]!.message, /^low success rate: 59%/);
	});

	test('exactly 0.6 is "below target", not "low"', () => {
		const insights = judge(5, 3);
		assert.deepEqual(levels(insights), ['medium']);
		assert.match(insights[0]!.message, /^below target: 60%/);
	});

	test('just under 0.7 is "below target"', () => {
		assert.match(judge(100, 69)[0]!.message, /^below target: 69%/);
	});

	test('from 0.7 to 0.9 inclusive there is no rate insight', () => {
		assert.deepEqual(judge(10, 7), []);
		assert.deepEqual(judge(5, 4), []);
		assert.deepEqual(judge(10, 9), []);
	});

	test('above 0.9 is "well-tuned"', () => {
		const insights = judge(100, 91);
		assert.deepEqual(levels(insights), ['positive']);
		assert.match(insights[0]!.message, /^well-tuned: 91%/);
		assert.deepEqual(levels(judge(5, 5)), ['positive']);
	});
});

describe('follow-up insight', () => {
	test('an average of exactly 2 follow-ups is not high', () => {
		assert.deepEqual(judge(10, 8, 2), []);
	});

	test('above 2 is a "high follow-up rate", alongside the rate insight', () => {
		const insights = judge(10, 5, 2.2);
		assert.deepEqual(levels(insights), ['high', 'medium']);
		assert.match(insights[1]!.message, /^high follow-up rate: 2\.2 actions per use/);
	});
});

describe('too few invocations', () => {
	test('fewer than 5 finished invocations give only "too few", whatever the rates', () => {
		for (const [total, successes, followups] of [[4, 0, 9], [4, 4, 0], [1, 1, 3], [0, 0, null]] as const) {
			const insights = judge(total, successes, followups);
			assert.equal(insights.length, 1, `${total}/${successes}`);
			assert.equal(insights[0]!.level, 'info');
			assert.match(insights[0]!.message, new RegExp(`^too few invocations to judge \\(${total} finished, 5 needed\\)`));
		}
	});

	test('5 finished invocations are enough', () => {
		assert.deepEqual(levels(judge(5, 0)), ['high']);
	});
});

describe('praise rests on how uses finish once outcomes are known (issue 27)', () => {
	const outcomes = (clean: number, interrupted: number, rejected = 0) => ({clean_finishes: clean, interrupted, rejected, errored: 0, load_failed: 0, clean_rate: clean / (clean + interrupted + rejected)});

	test('loaded every time and most uses finish cleanly: well-tuned by its clean finishes', () => {
		const insights = insightsFor({total_invocations: 20, success_rate: 1, avg_followup_actions: 0.5, ...outcomes(19, 1)});
		assert.deepEqual(levels(insights), ['positive']);
		assert.match(insights[0]!.message, /^well-tuned: 95% of uses finish cleanly/);
	});

	test('loaded every time but its uses rarely finish cleanly: no praise, a clean-finish insight instead', () => {
		const insights = insightsFor({total_invocations: 20, success_rate: 1, avg_followup_actions: 0.5, ...outcomes(8, 9, 3)});
		assert.deepEqual(levels(insights), ['high']);
		assert.match(insights[0]!.message, /^few clean finishes: 40% of uses finish cleanly \(9 interrupted, 3 rejected\)/);
	});

	test('loaded every time but 7.3 follow-up actions a use: not well-tuned', () => {
		const insights = insightsFor({total_invocations: 20, success_rate: 1, avg_followup_actions: 7.3, ...outcomes(20, 0)});
		assert.deepEqual(levels(insights), ['medium']);
		assert.match(insights[0]!.message, /^high follow-up rate: 7\.3/);
	});

	test('fewer than 5 known outcomes: judged by success as before', () => {
		const insights = insightsFor({total_invocations: 20, success_rate: 1, avg_followup_actions: 0, ...outcomes(1, 3)});
		assert.deepEqual(levels(insights), ['positive']);
		assert.match(insights[0]!.message, /^well-tuned: 100% success/);
	});

	test('no outcome known (clean_rate null): judged by success as before', () => {
		const insights = insightsFor({total_invocations: 20, success_rate: 1, avg_followup_actions: 0, clean_rate: null, clean_finishes: 0, interrupted: 0, rejected: 0, errored: 0, load_failed: 0});
		assert.match(insights[0]!.message, /^well-tuned: 100% success/);
	});
});
