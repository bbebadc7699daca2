import assert from 'node:assert/strict';
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {before, describe, test} from 'node:test';
import {ADVICE_NOW, ADVICE_R, SESSIONS_P, SESSIONS_Q} from '../helpers/insight-fixture.js';
import {isolatedEnv} from '../helpers/environment.js';
import {runInProcess as runCli} from '../helpers/run-cli.js';
import {makeProject, makeTempDir} from '../helpers/temp.js';

/** The insight commands as a script calls them (the command line, in this process): JSON on stdout, the hand-worked fixture. */
let env: NodeJS.ProcessEnv;

async function json<T = Record<string, unknown>>(args: string[]): Promise<T> {
	const result = await runCli([...args, '--json'], env);
	assert.equal(result.code, 0, result.stderr);
	return JSON.parse(result.stdout) as T;
}

before(async () => {
	const root = await makeTempDir();
	const config = path.join(root, 'config.json');
	await writeFile(config, JSON.stringify({timezone: 'UTC', naive_timezone: 'UTC'}));
	env = isolatedEnv(root, {SKILLSCOPE_CONFIG: config, SKILLSCOPE_NOW: ADVICE_NOW});
	for (const [name, files] of [['P', SESSIONS_P], ['Q', SESSIONS_Q], ['R', ADVICE_R]] as const) {
		const result = await runCli(['register', await makeProject(files), '--name', name], env);
		assert.equal(result.code, 0, result.stderr);
	}

	const collected = await runCli(['collect'], env);
	assert.equal(collected.code, 0, collected.stderr);
});

describe('insight commands, --json', () => {
	test('cousage: {sessions, pairs: [{skill_a, skill_b, sessions_together, lift}]}, highest lift first', async () => {
		const report = await json<{sessions: number; min_sessions: number; pairs: Array<Record<string, unknown>>}>(['cousage', '--min-sessions', '1']);
		assert.equal(report.sessions, 6);
		assert.deepEqual(report.pairs[0], {skill_a: 'plan', skill_b: 'review', sessions_together: 1, sessions_a: 4, sessions_b: 1, lift: 1.5});
		assert.deepEqual(report.pairs.map(pair => Math.round(Number(pair.lift) * 1e9) / 1e9), [1.5, 1.2, 0.9, 0.75]);
		const ofPlan = await json<{skill: string; pairs: Array<{skill_a: string; skill_b: string}>}>(['cousage', '--skill', 'plan', '--min-sessions', '2', '--project', 'P']);
		assert.equal(ofPlan.skill, 'plan');
		assert.deepEqual(ofPlan.pairs.map(pair => pair.skill_b), ['code', 'test']);
	});

	test('next: {skill_name, next: [{skill, count, probability}]}', async () => {
		const report = await json(['next', 'code']);
		assert.deepEqual(report, {
			skill_name: 'code',
			found: true,
			project: null,
			transitions: 5,
			next: [{skill: 'test', count: 4, probability: 0.8}, {skill: 'code', count: 1, probability: 0.2}],
		});
	});

	test('skill --window weekly adds the trend and its direction', async () => {
		const report = await json<Record<string, unknown> & {trend: Array<Record<string, unknown>>}>(['skill', 'sliding', '--window', 'weekly']);
		assert.equal(report.total_invocations, 12);
		assert.equal(report.window, 'weekly');
		assert.deepEqual(report.trend.map(point => [point.bucket_start, point.total_invocations, point.successful_completions, point.success_rate]), [
			['2026-03-09', 4, 4, 1],
			['2026-03-16', 4, 3, 0.75],
			['2026-03-23', 4, 2, 0.5],
			['2026-03-30', 0, 0, null],
		]);
		assert.deepEqual(Object.keys(report.trend[0]!), ['bucket_start', 'total_invocations', 'successful_completions', 'success_rate', 'avg_duration_ms', 'clean_rate']);
		assert.equal(report.trend_direction, 'declining');
		const plain = await json(['skill', 'sliding']);
		assert.equal(plain.trend, undefined, 'no --window, no trend');
		// A skill that exists, with no use in the range: not found there, and not suggested as its own alternative.
		const before = await json<Record<string, unknown> & {trend: unknown[]}>(['skill', 'sliding', '--until', '2026-03-08', '--window', 'weekly']);
		assert.equal(before.found, false);
		assert.deepEqual(before.did_you_mean, []);
		assert.equal(before.since, null, 'not asked for, not made up');
		assert.equal(before.until, '2026-03-08');
		assert.equal(before.trend_direction, 'stable');
		assert.deepEqual(before.trend.map(point => (point as {bucket_start: string}).bucket_start), ['2026-03-02'], 'one empty bucket, not buckets from 1970');
		const far = await json<{trend: Array<{bucket_start: string}>}>(['skill', 'sliding', '--since', '9999d', '--until', '2026-03-20', '--window', 'weekly']);
		assert.deepEqual(far.trend.map(point => point.bucket_start), ['2026-03-09', '2026-03-16'], 'a far --since starts at the first use');
	});

	test('recommend: {recommendations: [{skill, priority, issue, action, evidence}]}', async () => {
		const report = await json<{recommendations: Array<{skill: string; priority: string; issue: string; action: string; evidence: Record<string, unknown>}>}>(['recommend', '--project', 'R']);
		assert.deepEqual(report.recommendations.map(item => `${item.priority} ${item.skill} ${item.issue}`), [
			'high bad low_success_rate',
			'medium sliding declining_trend',
			'medium meh below_target',
			'medium chatty high_followup_rate',
			'low old unused',
		]);
		for (const item of report.recommendations) {
			assert.deepEqual(Object.keys(item), ['skill', 'priority', 'issue', 'action', 'evidence']);
			assert.match(item.action, new RegExp(item.skill));
		}
	});

	test('workflows: the most frequent sequences and the fastest completed ones', async () => {
		const report = await json<{sessions: number; frequent: Array<Record<string, unknown>>; fastest: Array<Record<string, unknown>>}>(['workflows', '--min-sessions', '2']);
		assert.equal(report.sessions, 6);
		assert.deepEqual(report.frequent[0], {skills: ['plan', 'code', 'test'], executions: 2, completed: 2, failed: 0, running: 0, success_rate: 1, avg_duration_ms: 7000});
		assert.deepEqual(report.fastest, [{skills: ['plan', 'code', 'test'], completed: 2, avg_duration_ms: 7000, min_duration_ms: 6000}]);
	});

	test('adoption: first use per skill; new in the chosen week', async () => {
		const report = await json<{skills: Array<{skill_name: string}>; new_in_window: Array<{skill_name: string}>; bucket_start: string}>(['adoption', '--window', 'weekly', '--at', '2026-03-09']);
		assert.equal(report.bucket_start, '2026-03-09');
		assert.deepEqual(report.new_in_window.map(skill => skill.skill_name), ['sliding']);
		assert.equal(report.skills.length, 10);
	});
});

describe('insight commands, text and bad usage', () => {
	test('the text forms name what they show', async () => {
		const cousage = await runCli(['cousage'], env);
		assert.equal(cousage.code, 0, cousage.stderr);
		assert.match(cousage.stdout, /6 sessions, pairs seen in at least 3/);
		assert.match(cousage.stdout, /code\s+│ test\s+│ 4\s+│ 1\.20/);
		const next = await runCli(['next', 'cod'], env);
		assert.match(next.stdout, /No invocations of "cod".*Did you mean: code\b/);
		const recommend = await runCli(['recommend'], env);
		assert.match(recommend.stdout, /\[high\] bad: low success rate/);
	});

	const cases: Array<[string, string[], RegExp]> = [
		['--min-sessions 0', ['cousage', '--min-sessions', '0'], /--min-sessions expects a whole number/],
		['a trend over all time', ['skill', 'x', '--window', 'all'], /--window for a trend is daily, weekly or monthly/],
		['next without a skill', ['next'], /"next" needs an argument[\s\S]*usage: skillscope next/],
		['--skill on workflows', ['workflows', '--skill', 'x'], /--skill does not apply to "workflows"/],
	];
	for (const [name, args, message] of cases) {
		test(`${name}: exit 2`, async () => {
			const result = await runCli(args, env);
			assert.equal(result.code, 2);
			assert.match(result.stderr, message);
			assert.equal(result.stdout, '');
		});
	}
});
