import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {rankRecommendations, recommendationsFor, type SkillEvidence} from '../../source/domain/recommend.js';

const NOW = new Date('2026-03-31T12:00:00Z');
const skill = (overrides: Partial<SkillEvidence>): SkillEvidence => ({
	skill_name: 's',
	total_invocations: 10,
	successful_completions: 8,
	failed_invocations: 2,
	success_rate: 0.8,
	avg_followup_actions: 0,
	last_used: '2026-03-30T12:00:00.000000Z',
	trend: {direction: 'stable', slope: 0, buckets_used: 8},
	...overrides,
});
const issues = (evidence: SkillEvidence) => recommendationsFor(evidence, NOW).map(item => `${item.priority}:${item.issue}`);

describe('recommendation rules', () => {
	test('success-rate bands: under 0.6 high, 0.6 to under 0.7 medium, 0.7 nothing', () => {
		assert.deepEqual(issues(skill({success_rate: 0.59})), ['high:low_success_rate']);
		assert.deepEqual(issues(skill({success_rate: 0.6})), ['medium:below_target']);
		assert.deepEqual(issues(skill({success_rate: 0.69})), ['medium:below_target']);
		assert.deepEqual(issues(skill({success_rate: 0.7})), []);
	});

	test('rate-based rules need 5 finished uses; unused does not', () => {
		assert.deepEqual(issues(skill({total_invocations: 4, success_rate: 0, avg_followup_actions: 9, trend: {direction: 'declining', slope: -0.5, buckets_used: 3}})), []);
		assert.deepEqual(issues(skill({total_invocations: 1, last_used: '2026-02-01T00:00:00Z'})), ['low:unused']);
	});

	test('follow-ups over 2, a declining trend, 30 days unused', () => {
		assert.deepEqual(issues(skill({avg_followup_actions: 2})), []);
		assert.deepEqual(issues(skill({avg_followup_actions: 2.01})), ['medium:high_followup_rate']);
		assert.deepEqual(issues(skill({trend: {direction: 'declining', slope: -0.02, buckets_used: 5}})), ['medium:declining_trend']);
		assert.deepEqual(issues(skill({trend: {direction: 'improving', slope: 0.2, buckets_used: 5}})), []);
		assert.deepEqual(issues(skill({last_used: '2026-03-01T12:00:01Z'})), [], '29 days and a bit');
		assert.deepEqual(issues(skill({last_used: '2026-03-01T12:00:00Z'})), ['low:unused'], '30 days');
	});

	test('evidence carries the numbers; ranking is priority, then the busiest skill', () => {
		const [low] = recommendationsFor(skill({skill_name: 'x', success_rate: 0.5, total_invocations: 6, successful_completions: 3, failed_invocations: 3}), NOW);
		assert.deepEqual(low!.evidence, {total_invocations: 6, successful_completions: 3, failed_invocations: 3, success_rate: 0.5, threshold: 0.6});
		const found = [
			...recommendationsFor(skill({skill_name: 'quiet', last_used: '2026-01-01T00:00:00Z'}), NOW),
			...recommendationsFor(skill({skill_name: 'small', success_rate: 0.65, total_invocations: 5}), NOW),
			...recommendationsFor(skill({skill_name: 'big', success_rate: 0.65, total_invocations: 50}), NOW),
			...recommendationsFor(skill({skill_name: 'worst', success_rate: 0.1, total_invocations: 5}), NOW),
		];
		const uses = new Map([['quiet', 10], ['small', 5], ['big', 50], ['worst', 5]]);
		assert.deepEqual(rankRecommendations(found, uses).map(item => item.skill), ['worst', 'big', 'small', 'quiet']);
	});
});
