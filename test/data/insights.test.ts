import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import type {Database} from '../../source/data/store/database.js';
import {freshRollups} from '../../source/data/rollups/fresh.js';
import {adoption} from '../../source/data/queries/adoption.js';
import {cousage} from '../../source/data/queries/cousage.js';
import {nextSkills} from '../../source/data/queries/next-skill.js';
import {recommend} from '../../source/data/queries/recommend.js';
import {skillTrendReport} from '../../source/data/queries/trend.js';
import {workflowPatterns} from '../../source/data/queries/workflow-patterns.js';
import {workflowsAreFresh} from '../../source/data/rollups/workflows.js';
import {pruneOlderThan} from '../../source/data/prune/retention.js';
import {markDataChanged} from '../../source/data/store/settings.js';
import type {Project} from '../../source/data/registry/registry.js';
import {knownSkillNames} from '../../source/data/queries/skill.js';
import {addProject, collectDemo, collectUtc, openDatabase} from '../helpers/database.js';
import {ADVICE_NOW, ADVICE_R, SESSIONS_P, SESSIONS_Q} from '../helpers/insight-fixture.js';
import {sessionInvocation, tracker} from '../helpers/tracker.js';

async function sessionsDatabase(): Promise<{database: Database; p: Project & {dir: string}; q: Project & {dir: string}}> {
	const database = await openDatabase();
	const p = await addProject(database, SESSIONS_P, {name: 'P'});
	const q = await addProject(database, SESSIONS_Q, {name: 'Q'});
	await collectUtc(database);
	return {database, p, q};
}

async function adviceDatabase(): Promise<Database> {
	const database = await openDatabase();
	await addProject(database, ADVICE_R, {name: 'R'});
	await collectUtc(database);
	await freshRollups(database, {zone: 'UTC'});
	return database;
}

type WorkflowRow = {project_name: string; session_id: string; skills: string; status: string; started_at: string; completed_at: string | null; total_duration_ms: number | null};

async function workflowRows(database: Database): Promise<WorkflowRow[]> {
	return database.all<WorkflowRow>(
		`SELECT p.project_name, w.session_id, w.skills_used::VARCHAR AS skills, w.status, iso(w.started_at) AS started_at,
			iso(w.completed_at) AS completed_at, w.total_duration_ms
		FROM workflow_executions w JOIN projects p USING (project_id) ORDER BY p.project_name, w.session_id`,
	);
}

describe('sessions', () => {
	test('co-usage: sessions are (project, session_id), sessionless records count nowhere, lift as defined', async () => {
		const {database} = await sessionsDatabase();
		const report = await cousage(database, {scope: {}, minSessions: 1});
		assert.equal(report.sessions, 6, "P's s1 and Q's s1 are two sessions");
		const pairs = report.pairs.map(pair => [pair.skill_a, pair.skill_b, pair.sessions_together, pair.sessions_a, pair.sessions_b, Math.round(pair.lift * 1e9) / 1e9]);
		assert.deepEqual(pairs, [
			['plan', 'review', 1, 4, 1, 1.5],
			['code', 'test', 4, 5, 4, 1.2],
			['code', 'plan', 3, 5, 4, 0.9],
			['plan', 'test', 2, 4, 4, 0.75],
		]);
	});

	test('co-usage: --min-sessions filters rare pairs (default 3); --skill keeps its pairs, that skill first', async () => {
		const {database} = await sessionsDatabase();
		const common = await cousage(database, {scope: {}});
		assert.equal(common.min_sessions, 3);
		assert.deepEqual(common.pairs.map(pair => `${pair.skill_a}+${pair.skill_b}`), ['code+test', 'code+plan']);
		const ofTest = await cousage(database, {scope: {}, skill: 'test', minSessions: 1});
		assert.deepEqual(ofTest.pairs.map(pair => [pair.skill_a, pair.skill_b, pair.sessions_together]), [['test', 'code', 4], ['test', 'plan', 2]]);
		assert.equal(ofTest.did_you_mean, undefined);
		const typo = await cousage(database, {scope: {}, skill: 'tset'});
		assert.deepEqual(typo.pairs, []);
		assert.deepEqual(typo.did_you_mean, ['test']);
	});

	test('co-usage within one project: P alone has 4 sessions', async () => {
		const {database, p} = await sessionsDatabase();
		const report = await cousage(database, {scope: {project: p}, minSessions: 1});
		assert.equal(report.sessions, 4);
		// plan 3, code 4, test 3 of 4 sessions: code+test 3 → 3·4/(4·3) = 1; code+plan 3 → 1; plan+test 2 → 2·4/9.
		const lifts = Object.fromEntries(report.pairs.map(pair => [`${pair.skill_a}+${pair.skill_b}`, Math.round(pair.lift * 1e9) / 1e9]));
		assert.deepEqual(lifts, {'code+plan': 1, 'code+test': 1, 'plan+test': Math.round((8 / 9) * 1e9) / 1e9});
	});

	test('next skill: consecutive pairs per session, pending included, probability over transitions out', async () => {
		const {database} = await sessionsDatabase();
		const afterCode = await nextSkills(database, 'code', {scope: {}});
		assert.equal(afterCode.transitions, 5);
		assert.deepEqual(afterCode.next, [
			{skill: 'test', count: 4, probability: 0.8},
			{skill: 'code', count: 1, probability: 0.2},
		]);
		const afterPlan = await nextSkills(database, 'plan', {scope: {}});
		assert.deepEqual(afterPlan.next, [
			{skill: 'code', count: 3, probability: 0.75},
			{skill: 'review', count: 1, probability: 0.25},
		]);
		const afterTest = await nextSkills(database, 'test', {scope: {}});
		assert.equal(afterTest.found, true);
		assert.deepEqual(afterTest.next, [], 'test always ends its session');
		const unknown = await nextSkills(database, 'cod', {scope: {}});
		assert.equal(unknown.found, false);
		assert.deepEqual(unknown.did_you_mean, ['code']);
	});

	test('from the raw rows (a day range) and from the kept sessions (no range), the same answers', async () => {
		const {database, p} = await sessionsDatabase();
		const everything = {since: '2000-01-01', until: '2100-01-01', zone: 'UTC'};
		for (const scope of [{}, {project: p}]) {
			assert.deepEqual(await cousage(database, {scope, minSessions: 1, range: everything}), await cousage(database, {scope, minSessions: 1}));
			for (const skill of ['code', 'plan', 'test', 'review', 'nope']) {
				assert.deepEqual(await cousage(database, {scope, skill, minSessions: 1, range: everything}), await cousage(database, {scope, skill, minSessions: 1}), skill);
				assert.deepEqual(await nextSkills(database, skill, {scope, range: everything}), await nextSkills(database, skill, {scope}), skill);
			}
		}

		// A range keeps only its records: on 03-03 only Q's s5 (code → code → test).
		const day = {since: '2026-03-03', until: '2026-03-03', zone: 'UTC'};
		assert.deepEqual((await nextSkills(database, 'code', {scope: {}, range: day})).next, [{skill: 'code', count: 1, probability: 0.5}, {skill: 'test', count: 1, probability: 0.5}]);
		assert.equal((await cousage(database, {scope: {}, minSessions: 1, range: day})).sessions, 1);
	});

	test('the two paths agree on the demo projects too (312 sessions, ties, repeats, pending records)', async () => {
		const database = await openDatabase();
		await collectDemo(database);
		const everything = {since: '2000-01-01', until: '2100-01-01', zone: 'UTC'};
		const all = await cousage(database, {scope: {}, minSessions: 1});
		assert.ok(all.sessions > 100 && all.pairs.length > 20, `${all.sessions} sessions, ${all.pairs.length} pairs`);
		assert.deepEqual(await cousage(database, {scope: {}, minSessions: 1, range: everything}), all);
		for (const skill of (await knownSkillNames(database, {}))) {
			assert.deepEqual(await nextSkills(database, skill, {scope: {}, range: everything}), await nextSkills(database, skill, {scope: {}}), skill);
		}
	});

	test('workflow executions: one row per session, ordered skills, status, times and durations', async () => {
		const {database} = await sessionsDatabase();
		assert.deepEqual(await workflowRows(database), [
			{project_name: 'P', session_id: 's1', skills: '["plan","code","test"]', status: 'completed', started_at: '2026-03-02T10:00:00.000000Z', completed_at: '2026-03-02T10:02:03.000000Z', total_duration_ms: 6000},
			{project_name: 'P', session_id: 's2', skills: '["plan","code"]', status: 'failed', started_at: '2026-03-02T11:00:00.000000Z', completed_at: '2026-03-02T11:01:02.000000Z', total_duration_ms: 3000},
			{project_name: 'P', session_id: 's3', skills: '["code","test"]', status: 'running', started_at: '2026-03-02T12:00:00.000000Z', completed_at: null, total_duration_ms: 2000},
			{project_name: 'P', session_id: 's4', skills: '["plan","code","test"]', status: 'completed', started_at: '2026-03-02T13:00:00.000000Z', completed_at: '2026-03-02T13:02:05.000000Z', total_duration_ms: 8000},
			{project_name: 'Q', session_id: 's1', skills: '["plan","review"]', status: 'completed', started_at: '2026-03-02T10:00:00.000000Z', completed_at: '2026-03-02T10:05:04.000000Z', total_duration_ms: 5000},
			{project_name: 'Q', session_id: 's5', skills: '["code","code","test"]', status: 'completed', started_at: '2026-03-03T09:00:00.000000Z', completed_at: '2026-03-03T09:02:03.000000Z', total_duration_ms: 7000},
		]);
	});

	test('workflow executions are kept up to date by collect: a pending record that finishes, a session that grows', async () => {
		const {database, p} = await sessionsDatabase();
		const records = JSON.parse(SESSIONS_P['.session-buddy/skill_metrics.json']).invocations as Array<Record<string, unknown>>;
		const finished = records.map(record => (record.session_id === 's3' && record.skill_name === 'test' ? {...record, completed: true, duration_seconds: 4} : record));
		finished.push(sessionInvocation({skill_name: 'deploy', invoked_at: '2026-03-02T13:10:00', session_id: 's4', completed: false, duration_seconds: 1, error_type: 'x'}));
		await writeFile(path.join(p.dir, '.session-buddy/skill_metrics.json'), tracker(finished));
		await collectUtc(database);
		const rows = Object.fromEntries((await workflowRows(database)).filter(row => row.project_name === 'P').map(row => [row.session_id, row]));
		assert.equal(rows.s3!.status, 'completed');
		assert.equal(rows.s3!.completed_at, '2026-03-02T12:01:04.000000Z');
		assert.equal(rows.s3!.total_duration_ms, 6000);
		assert.equal(rows.s4!.skills, '["plan","code","test","deploy"]');
		assert.equal(rows.s4!.status, 'failed');
		assert.equal((await workflowRows(database)).length, 6, 'still one row per session');
	});

	test('a change to one project’s session leaves the same session_id of another project alone', async () => {
		const {database, p} = await sessionsDatabase();
		const records = JSON.parse(SESSIONS_P['.session-buddy/skill_metrics.json']).invocations as Array<Record<string, unknown>>;
		records.push(sessionInvocation({skill_name: 'ship', invoked_at: '2026-03-02T10:03:00', session_id: 's1', completed: true, duration_seconds: 1}));
		await writeFile(path.join(p.dir, '.session-buddy/skill_metrics.json'), tracker(records));
		const before = (await workflowRows(database)).find(row => row.project_name === 'Q' && row.session_id === 's1');
		await collectUtc(database);
		const rows = await workflowRows(database);
		assert.equal(rows.find(row => row.project_name === 'P' && row.session_id === 's1')!.skills, '["plan","code","test","ship"]');
		assert.deepEqual(rows.find(row => row.project_name === 'Q' && row.session_id === 's1'), before);
	});

	test('rows written without their sessions rebuilt (a killed collect) are caught up by the next collect', async () => {
		const {database, p} = await sessionsDatabase();
		assert.equal(await workflowsAreFresh(database), true);
		// What a collect killed after committing a source leaves: the row, and the data marked changed.
		await database.run(`INSERT INTO skill_usage SELECT project_id, 'ship', invoked_at + INTERVAL 5 MINUTE, session_key, session_id, NULL, NULL,
			'failed', false, 0, NULL, NULL, NULL, now(), source, trigger, kind, plugin, agent_id, tool_errors, output_tokens, load_ms,
			window_open, source_file, owner_last_at, 'errored', FALSE, NULL, NULL FROM skill_usage WHERE project_id = $p AND session_id = 's1' AND skill_name = 'test'`, {p: p.project_id});
		await markDataChanged(database);
		assert.equal(await workflowsAreFresh(database), false);
		const again = await collectUtc(database);
		assert.equal(again.totals.collected, 0, 'nothing new in the files');
		const s1 = (await workflowRows(database)).find(row => row.project_name === 'P' && row.session_id === 's1')!;
		assert.deepEqual([s1.skills, s1.status], ['["plan","code","test","ship"]', 'failed']);
		assert.equal(await workflowsAreFresh(database), true);
	});

	test('a prune rebuilds the sessions from what is left', async () => {
		const {database} = await sessionsDatabase();
		await pruneOlderThan(database, {before: '2026-03-03', timezone: 'UTC'});
		assert.deepEqual((await workflowRows(database)).map(row => `${row.project_name}/${row.session_id}`), ['Q/s5']);
	});

	test('a database whose workflows were never built gets them on first read', async () => {
		const {database} = await sessionsDatabase();
		await database.run(`DELETE FROM workflow_executions`);
		await database.run(`DELETE FROM settings WHERE key = 'workflow_rules'`);
		await freshRollups(database, {workflows: true});
		assert.equal((await workflowRows(database)).length, 6);
	});

	test('workflows: most frequent sequences with their success, and the fastest completed ones', async () => {
		const {database} = await sessionsDatabase();
		const report = await workflowPatterns(database, {scope: {}, minSessions: 2, limit: 10});
		assert.equal(report.sessions, 6);
		assert.deepEqual(report.frequent[0], {skills: ['plan', 'code', 'test'], executions: 2, completed: 2, failed: 0, running: 0, success_rate: 1, avg_duration_ms: 7000});
		const byRun = Object.fromEntries(report.frequent.map(row => [row.skills.join('>'), [row.executions, row.success_rate]]));
		assert.deepEqual(byRun, {'plan>code>test': [2, 1], 'code>code>test': [1, 1], 'plan>review': [1, 1], 'plan>code': [1, 0], 'code>test': [1, null]});
		assert.deepEqual(report.fastest, [{skills: ['plan', 'code', 'test'], completed: 2, avg_duration_ms: 7000, min_duration_ms: 6000}]);
		const loose = await workflowPatterns(database, {scope: {}, minSessions: 1, limit: 2});
		assert.deepEqual(loose.fastest.map(row => [row.skills.join('>'), row.avg_duration_ms]), [['plan>review', 5000], ['plan>code>test', 7000]]);
	});
});

describe('trend', () => {
	test('per bucket from the first use to today, empty buckets included; direction from the slope', async () => {
		const database = await adviceDatabase();
		const report = await skillTrendReport(database, 'sliding', {}, 'weekly', {until: '2026-03-31'});
		assert.deepEqual(report.trend, [
			// Tracker rows: their writer's flag is their outcome (succeeded: clean), so clean_rate follows success_rate.
			{bucket_start: '2026-03-09', total_invocations: 4, successful_completions: 4, success_rate: 1, avg_duration_ms: 1000, clean_rate: 1},
			{bucket_start: '2026-03-16', total_invocations: 4, successful_completions: 3, success_rate: 0.75, avg_duration_ms: 1000, clean_rate: 0.75},
			{bucket_start: '2026-03-23', total_invocations: 4, successful_completions: 2, success_rate: 0.5, avg_duration_ms: 1000, clean_rate: 0.5},
			{bucket_start: '2026-03-30', total_invocations: 0, successful_completions: 0, success_rate: null, avg_duration_ms: null, clean_rate: null},
		]);
		assert.equal(report.trend_direction, 'declining');
		assert.equal(report.trend_slope, -0.25);
		assert.equal(report.trend_buckets_used, 3);
		const daily = await skillTrendReport(database, 'sliding', {}, 'daily', {since: '2026-03-15', until: '2026-03-17'});
		assert.deepEqual(daily.trend.map(point => [point.bucket_start, point.total_invocations]), [['2026-03-15', 0], ['2026-03-16', 4], ['2026-03-17', 0]]);
		assert.equal(daily.trend_direction, 'stable', 'one bucket with data is too few to call');
	});

	test('starts at the first finished use: a bucket of pending records only comes before it', async () => {
		const database = await openDatabase();
		await addProject(database, {'.session-buddy/skill_metrics.json': tracker([
			sessionInvocation({skill_name: 'zz', invoked_at: '2026-02-24T09:00:00', completed: false, duration_seconds: null}),
			sessionInvocation({skill_name: 'zz', invoked_at: '2026-03-10T09:00:00'}),
		])});
		await collectUtc(database);
		await freshRollups(database, {zone: 'UTC'});
		const report = await skillTrendReport(database, 'zz', {}, 'weekly', {until: '2026-03-16'});
		assert.deepEqual(report.trend.map(point => point.bucket_start), ['2026-03-09', '2026-03-16']);
	});
});

describe('recommend', () => {
	test('each rule with its numbers, highest priority first', async () => {
		const database = await adviceDatabase();
		const report = await recommend(database, {scope: {}, now: new Date(ADVICE_NOW), timezone: 'UTC'});
		assert.deepEqual(
			report.recommendations.map(item => [item.skill, item.priority, item.issue]),
			[
				['bad', 'high', 'low_success_rate'],
				['sliding', 'medium', 'declining_trend'],
				['meh', 'medium', 'below_target'],
				['chatty', 'medium', 'high_followup_rate'],
				['old', 'low', 'unused'],
			],
		);
		const evidence = Object.fromEntries(report.recommendations.map(item => [item.issue, item.evidence]));
		assert.equal(evidence.low_success_rate!.success_rate, 0.4);
		assert.equal(evidence.low_success_rate!.total_invocations, 5);
		assert.equal(evidence.below_target!.success_rate, 0.6);
		assert.equal(evidence.high_followup_rate!.avg_followup_actions, 3);
		assert.equal(evidence.declining_trend!.trend_slope, -0.25);
		assert.equal(evidence.unused!.days_unused, 39);
		assert.equal(report.skills_considered, 6);
	});
});

describe('adoption', () => {
	test('first use per skill, and the skills new in the chosen bucket', async () => {
		const {database} = await sessionsDatabase();
		await freshRollups(database, {zone: 'UTC'});
		const report = await adoption(database, {scope: {}, window: 'daily', bucketStart: '2026-03-03', timezone: 'UTC'});
		assert.deepEqual(report.skills.map(skill => [skill.skill_name, skill.first_used, skill.first_project]), [
			['plan', '2026-03-02T10:00:00.000000Z', 'P'],
			['code', '2026-03-02T10:01:00.000000Z', 'P'],
			['test', '2026-03-02T10:02:00.000000Z', 'P'],
			['review', '2026-03-02T10:05:00.000000Z', 'Q'],
		]);
		assert.deepEqual(report.new_in_window, []);
		const first = await adoption(database, {scope: {}, window: 'daily', bucketStart: '2026-03-02', timezone: 'UTC'});
		assert.equal(first.new_in_window.length, 4);
	});

	test('first use is the first finished one, and its day is the display zone’s', async () => {
		const database = await openDatabase();
		await addProject(database, {'.session-buddy/skill_metrics.json': tracker([
			sessionInvocation({skill_name: 'late', invoked_at: '2026-03-01T09:00:00Z', completed: false, duration_seconds: null}),
			sessionInvocation({skill_name: 'late', invoked_at: '2026-03-03T03:00:00Z'}),
		])});
		await collectUtc(database);
		await freshRollups(database, {zone: 'America/New_York'});
		// 03:00 UTC on 03-03 is 22:00 on 03-02 in New York; the pending use of 03-01 does not count.
		const ny = await adoption(database, {scope: {}, window: 'daily', bucketStart: '2026-03-02', timezone: 'America/New_York'});
		assert.deepEqual(ny.new_in_window.map(skill => [skill.skill_name, skill.first_used]), [['late', '2026-03-03T03:00:00.000000Z']]);
		const earlier = await adoption(database, {scope: {}, window: 'daily', bucketStart: '2026-03-01', timezone: 'America/New_York'});
		assert.deepEqual(earlier.new_in_window, []);
	});
});
