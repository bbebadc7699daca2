import assert from 'node:assert/strict';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {isolatedEnv} from '../helpers/environment.js';
import {ADVICE_NOW, ADVICE_R, SESSIONS_P, SESSIONS_Q} from '../helpers/insight-fixture.js';
import {runInProcess} from '../helpers/run-cli.js';
import {makeTempDir, writeTree} from '../helpers/temp.js';
import {cliJson, type Json, serve, toolData, toolError} from './client.js';

/**
 * The insight tools on the hand-worked fixture of the insight definitions
 * (test/helpers/insight-fixture.ts: the expected figures are derived there), on a server of its own.
 */
describe('skillscope mcp, insight tools on the hand-worked fixture', () => {
	let insightEnv: Record<string, string>;
	let served: Awaited<ReturnType<typeof serve>>;
	const ask = async <T = Json>(name: string, args: Json = {}) => toolData<T>(served.client, name, args);
	const same = async <T = Json>(name: string, args: Json, command: string[]): Promise<T> => {
		const answer = await ask<T>(name, args);
		assert.deepEqual(answer, await cliJson(command, insightEnv), `${name} ${JSON.stringify(args)} = ${command.join(' ')} --json`);
		return answer;
	};

	/** Where the projects P, Q and R live. */
	let base = '';
	before(async () => {
		base = path.join(await makeTempDir('skillscope-mcp-insights-'), 'insights');
		insightEnv = isolatedEnv(base, {SKILLSCOPE_NOW: ADVICE_NOW, TZ: 'UTC'});
		for (const [name, files] of [['P', SESSIONS_P], ['Q', SESSIONS_Q], ['R', ADVICE_R]] as const) {
			const directory = path.join(base, name);
			await writeTree(directory, files);
			const registered = await runInProcess(['register', directory, '--name', name], insightEnv);
			assert.equal(registered.code, 0, registered.stderr);
		}

		const collected = await runInProcess(['collect'], insightEnv);
		assert.equal(collected.code, 0, collected.stderr);
		served = await serve(insightEnv);
	});

	after(async () => {
		await served?.client.close();
	});

	test('find_skills_used_together: lift over 6 sessions, highest first', async () => {
		type Cousage = {skill: string | null; min_sessions: number; sessions: number; pairs: Array<{skill_a: string; skill_b: string; lift: number}>};
		const all = await same<Cousage>('find_skills_used_together', {min_sessions: 1}, ['cousage', '--min-sessions', '1']);
		assert.equal(all.sessions, 6);
		assert.deepEqual(all.pairs[0], {skill_a: 'plan', skill_b: 'review', sessions_together: 1, sessions_a: 4, sessions_b: 1, lift: 1.5});
		assert.deepEqual(
			all.pairs.map(pair => [pair.skill_a, pair.skill_b, Math.round(pair.lift * 1e9) / 1e9]),
			[
				['plan', 'review', 1.5],
				['code', 'test', 1.2],
				['code', 'plan', 0.9],
				['plan', 'test', 0.75],
			],
		);
		const byDefault = await same<Cousage>('find_skills_used_together', {}, ['cousage']);
		assert.deepEqual([byDefault.min_sessions, byDefault.pairs.map(pair => `${pair.skill_a}+${pair.skill_b}`)], [3, ['code+test', 'code+plan']]);
		const ofPlan = await same<Cousage>('find_skills_used_together', {skill_name: 'plan', min_sessions: 2, project_id: 'P'}, ['cousage', '--skill', 'plan', '--min-sessions', '2', '--project', 'P']);
		assert.deepEqual([ofPlan.skill, ofPlan.pairs.map(pair => pair.skill_b)], ['plan', ['code', 'test']]);
		// From 03-03 on: only Q's s5 (code, code, test).
		const two = await same<Cousage>('find_skills_used_together', {min_sessions: 1, limit: 2}, ['cousage', '--min-sessions', '1', '--limit', '2']);
		assert.deepEqual(two.pairs, all.pairs.slice(0, 2));
		const later = await same<Cousage>('find_skills_used_together', {min_sessions: 1, since: '2026-03-03', until: '2026-03-03'}, [
			'cousage', '--min-sessions', '1', '--since', '2026-03-03', '--until', '2026-03-03',
		]);
		assert.deepEqual([later.sessions, later.pairs], [1, [{skill_a: 'code', skill_b: 'test', sessions_together: 1, sessions_a: 1, sessions_b: 1, lift: 1}]]);
	});

	test('predict_next_skill: count / transitions out of the skill', async () => {
		assert.deepEqual(await same('predict_next_skill', {skill_name: 'code'}, ['next', 'code']), {
			skill_name: 'code',
			found: true,
			project: null,
			transitions: 5,
			next: [
				{skill: 'test', count: 4, probability: 0.8},
				{skill: 'code', count: 1, probability: 0.2},
			],
		});
		const plan = await same<{next: Json[]}>('predict_next_skill', {skill_name: 'plan'}, ['next', 'plan']);
		assert.deepEqual(plan.next, [
			{skill: 'code', count: 3, probability: 0.75},
			{skill: 'review', count: 1, probability: 0.25},
		]);
		// Q's s5: code → code → test; the limit keeps transitions whole.
		const inQ = await same<{project: Json; transitions: number; next: Json[]}>('predict_next_skill', {skill_name: 'code', project_id: 'Q', limit: 1}, ['next', 'code', '--project', 'Q', '--limit', '1']);
		assert.deepEqual([inQ.project.project_name, inQ.transitions, inQ.next], ['Q', 2, [{skill: 'code', count: 1, probability: 0.5}]]);
		const before = await same<{transitions: number}>('predict_next_skill', {skill_name: 'code', until: '2026-03-02'}, ['next', 'code', '--until', '2026-03-02']);
		assert.equal(before.transitions, 3, 'P only');
		const unknown = await same<{found: boolean; did_you_mean: string[]}>('predict_next_skill', {skill_name: 'cod'}, ['next', 'cod']);
		assert.equal(unknown.found, false);
		assert.ok(unknown.did_you_mean.includes('code'), unknown.did_you_mean.join());
	});

	test('get_skill_trend: a declining weekly success rate', async () => {
		type Trend = {total_invocations: number; trend: Json[]; trend_direction: string; trend_slope: number | null; trend_buckets_used: number};
		const weekly = await same<Trend>('get_skill_trend', {skill_name: 'sliding'}, ['skill', 'sliding', '--window', 'weekly']);
		assert.equal(weekly.total_invocations, 12);
		assert.deepEqual(
			weekly.trend.map(point => [point.bucket_start, point.total_invocations, point.successful_completions, point.success_rate]),
			[
				['2026-03-09', 4, 4, 1],
				['2026-03-16', 4, 3, 0.75],
				['2026-03-23', 4, 2, 0.5],
				['2026-03-30', 0, 0, null],
			],
		);
		assert.deepEqual([weekly.trend_direction, weekly.trend_slope, weekly.trend_buckets_used], ['declining', -0.25, 3]);
		const monthly = await same<Trend>('get_skill_trend', {skill_name: 'sliding', time_window: 'monthly', project_id: 'R'}, ['skill', 'sliding', '--window', 'monthly', '--project', 'R']);
		assert.deepEqual([monthly.trend.length, monthly.trend_direction, monthly.trend_slope, monthly.trend_buckets_used], [1, 'stable', null, 1]);
	});

	test('get_workflow_patterns: sequences of sessions, most frequent and fastest', async () => {
		type Workflows = {sessions: number; min_sessions: number; frequent: Json[]; fastest: Json[]};
		const report = await same<Workflows>('get_workflow_patterns', {min_sessions: 2}, ['workflows', '--min-sessions', '2']);
		assert.equal(report.sessions, 6);
		assert.deepEqual(report.frequent[0], {skills: ['plan', 'code', 'test'], executions: 2, completed: 2, failed: 0, running: 0, success_rate: 1, avg_duration_ms: 7000});
		assert.deepEqual(report.fastest, [{skills: ['plan', 'code', 'test'], completed: 2, avg_duration_ms: 7000, min_duration_ms: 6000}]);
		const byDefault = await same<Workflows>('get_workflow_patterns', {}, ['workflows']);
		assert.deepEqual([byDefault.min_sessions, byDefault.fastest], [3, []]);
		const inQ = await same<Workflows>('get_workflow_patterns', {project_id: 'Q', min_sessions: 1, limit: 1}, ['workflows', '--project', 'Q', '--min-sessions', '1', '--limit', '1']);
		assert.deepEqual([inQ.sessions, inQ.frequent.length, inQ.fastest.length], [2, 1, 1]);
	});

	test('get_skill_adoption: first uses, and those new in the chosen week', async () => {
		const week = await same<{bucket_start: string; bucket_end: string; skills: Json[]; new_in_window: Json[]}>('get_skill_adoption', {time_window: 'weekly', at: '2026-03-09'}, [
			'adoption', '--window', 'weekly', '--at', '2026-03-09',
		]);
		assert.deepEqual([week.bucket_start, week.bucket_end, week.skills.length], ['2026-03-09', '2026-03-15', 10]);
		assert.deepEqual(week.new_in_window, [
			{skill_name: 'sliding', first_used: '2026-03-09T09:00:00.000000Z', first_project: 'R', first_project_path: path.join(base, 'R'), last_used: '2026-03-23T09:03:00.000000Z', total_invocations: 12},
		]);
		const all = await same<{window: string; new_in_window: Json[]; skills: Json[]}>('get_skill_adoption', {}, ['adoption']);
		assert.deepEqual([all.window, all.new_in_window], ['all', all.skills]);
		const inP = await same<{skills: Array<{skill_name: string}>}>('get_skill_adoption', {project_id: 'P', time_window: 'daily', at: '2026-03-02'}, [
			'adoption', '--project', 'P', '--window', 'daily', '--at', '2026-03-02',
		]);
		assert.deepEqual(inP.skills.map(skill => skill.skill_name), ['plan', 'code', 'test', 'review']);
	});

	test('get_workflow_recommendations: every rule, with its evidence', async () => {
		type Report = {recommendations: Array<{skill: string; priority: string; issue: string; evidence: Json}>};
		const report = await same<Report>('get_workflow_recommendations', {project_id: 'R'}, ['recommend', '--project', 'R']);
		assert.deepEqual(report.recommendations.map(item => `${item.priority} ${item.skill} ${item.issue}`), [
			'high bad low_success_rate',
			'medium sliding declining_trend',
			'medium meh below_target',
			'medium chatty high_followup_rate',
			'low old unused',
		]);
		const evidence = Object.fromEntries(report.recommendations.map(item => [item.issue, item.evidence]));
		assert.deepEqual(evidence.low_success_rate, {total_invocations: 5, successful_completions: 2, failed_invocations: 3, success_rate: 0.4, threshold: 0.6});
		assert.deepEqual(evidence.declining_trend, {
			total_invocations: 12,
			successful_completions: 9,
			failed_invocations: 3,
			success_rate: 0.75,
			trend_slope: -0.25,
			trend_buckets_used: 3,
			threshold: -0.01,
			trend_buckets: 8,
		});
		assert.deepEqual(evidence.unused, {total_invocations: 1, successful_completions: 1, failed_invocations: 0, last_used: '2026-02-20T09:00:00.000000Z', days_unused: 39, threshold_days: 30});
		await same('get_workflow_recommendations', {}, ['recommend']);
	});

	test('a wrong argument to an insight tool is an error result', async () => {
		const wrong = async (name: string, args: Json) => toolError(served.client, name, args);
		assert.match(await wrong('find_skills_used_together', {min_sessions: 0}), /min_sessions/);
		assert.match(await wrong('get_skill_trend', {skill_name: 'sliding', time_window: 'all'}), /time_window/);
		assert.match(await wrong('predict_next_skill', {skill_name: 'code', project: 'P'}), /project/);
		assert.match(await wrong('get_workflow_patterns', {limit: 100_001}), /limit/);
		assert.match(await wrong('predict_next_skill', {skill_name: 'code', project_id: 'S'}), /no registered project "S"/);
		assert.deepEqual(served.protocolErrors, []);
	});
});
