import {before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {readdir, readFile, stat, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import type {CollectReport, ProjectReport} from '../../source/data/collect/collector.js';
import type {Database} from '../../source/data/store/database.js';
import {getProject} from '../../source/data/registry/registry.js';
import {addProject, aggregateRows, collectUtc, openDatabase, tableDump, usageRows, type UsageRow} from '../helpers/database.js';
import {SAMPLES, SOURCE_PATHS, sampleBytes} from '../helpers/samples.js';
import {exportFile, invocation, sessionInvocation, tracker} from '../helpers/tracker.js';

function reportOf(report: CollectReport, projectId: string): ProjectReport {
	const found = report.projects.find(project => project.project_id === projectId);
	assert.ok(found, `no report for ${projectId}`);
	return found;
}

/** A row as formats.md defines it; `over` holds what differs from a plain succeeded one. */
function row(projectId: string, over: Partial<UsageRow>): UsageRow {
	return {
		project_id: projectId,
		skill_name: 'code-review',
		invoked_at: '',
		session_id: null,
		completed_at: null,
		duration_ms: null,
		status: 'succeeded',
		success: true,
		followup_actions: 0,
		workflow_path: null,
		error_type: null,
		metadata: {},
		...over,
	};
}

describe('each sample in its own project gives the rows formats.md defines', () => {
	let database: Database;
	let report: CollectReport;
	const ids: Record<string, string> = {};
	before(async () => {
		database = await openDatabase();
		const layouts = {
			crackerjack: {[SOURCE_PATHS.crackerjackJson]: sampleBytes(SAMPLES.crackerjackTracker)},
			tracker: {[SOURCE_PATHS.sessionBuddyJson]: sampleBytes(SAMPLES.sessionBuddyTracker)},
			export: {[SOURCE_PATHS.sessionBuddyJson]: sampleBytes(SAMPLES.sessionBuddyExport)},
			design: {[SOURCE_PATHS.sessionBuddyJson]: sampleBytes(SAMPLES.design)},
			sqlite: {[SOURCE_PATHS.sessionBuddyDb]: sampleBytes(SAMPLES.sqlite)},
		};
		for (const [name, files] of Object.entries(layouts)) ids[name] = (await addProject(database, files, {name})).project_id;
		report = await collectUtc(database);
	});

	test('variant A (crackerjack tracker): 3 rows, the skills aggregates are not records', async () => {
		const id = ids.crackerjack!;
		const source = SOURCE_PATHS.crackerjackJson;
		assert.deepEqual(await usageRows(database, id), [
			row(id, {
				skill_name: 'crackerjack-run',
				invoked_at: '2026-11-24T01:12:35.660193Z',
				completed_at: '2026-11-24T01:12:35.660228Z',
				duration_ms: 0.035,
				followup_actions: 2,
				workflow_path: 'daily',
				metadata: {source_file: source, workflow_path: 'daily', follow_up_actions: ['git commit', 'run tests']},
			}),
			row(id, {
				skill_name: 'session-checkpoint',
				invoked_at: '2026-11-24T01:12:35.660219Z',
				status: 'pending',
				success: null,
				metadata: {source_file: source, follow_up_actions: []},
			}),
			row(id, {
				skill_name: 'crackerjack-run',
				invoked_at: '2026-11-24T01:12:35.660778Z',
				completed_at: '2026-11-24T01:12:35.660789Z',
				duration_ms: 0.011,
				status: 'failed',
				success: false,
				workflow_path: 'comprehensive',
				error_type: 'TimeoutError',
				metadata: {source_file: source, workflow_path: 'comprehensive', error_type: 'TimeoutError', follow_up_actions: []},
			}),
		]);
		const project = reportOf(report, id);
		assert.deepEqual([project.sources, project.collected, project.updated, project.errors], [1, 3, 0, 0]);
	});

	test('variant B (session-buddy tracker): 1 row with its session and selection fields', async () => {
		const id = ids.tracker!;
		assert.deepEqual(await usageRows(database, id), [
			row(id, {
				skill_name: 'crackerjack-run',
				invoked_at: '2026-11-24T01:12:35.661650Z',
				completed_at: '2026-11-24T01:12:35.661666Z',
				duration_ms: 0.016,
				session_id: 'abc123',
				followup_actions: 1,
				workflow_path: 'comprehensive',
				metadata: {
					source_file: SOURCE_PATHS.sessionBuddyJson,
					workflow_path: 'comprehensive',
					user_query: 'fix type errors',
					alternatives_considered: ['session-checkpoint'],
					selection_rank: 1,
					follow_up_actions: ['git commit'],
				},
			}),
		]);
		assert.equal(reportOf(report, id).collected, 1);
	});

	test('variant C (export): 3 rows, a placeholder duration flagged, an unfinished record failed', async () => {
		const id = ids.export!;
		const session1 = '5f2c9a40-1d7e-4a0b-9a51-7c3e2b8d6f10';
		const source = SOURCE_PATHS.sessionBuddyJson;
		assert.deepEqual(await usageRows(database, id), [
			row(id, {
				invoked_at: '2026-09-14T08:02:11.418203Z',
				completed_at: '2026-09-14T08:02:54.118203Z',
				duration_ms: 42_700,
				session_id: session1,
				followup_actions: 1,
				workflow_path: 'comprehensive',
				metadata: {
					source_file: source,
					workflow_path: 'comprehensive',
					user_query: 'review the retry logic in the uploader',
					alternatives_considered: ['refactor-code', 'write-tests'],
					selection_rank: 1,
					workflow_phase: 'verification',
					workflow_step_id: 'review-1',
					follow_up_actions: ['run tests'],
				},
			}),
			row(id, {
				skill_name: 'write-tests',
				invoked_at: '2026-09-14T08:05:40.007711Z',
				completed_at: '2026-09-14T08:05:40.017711Z',
				duration_ms: 10,
				session_id: session1,
				metadata: {source_file: source, alternatives_considered: [], follow_up_actions: [], placeholder_duration: true},
			}),
			row(id, {
				invoked_at: '2026-09-15T17:44:03.990012Z',
				session_id: '0b8e71d2-55aa-4c19-8f0e-e2a913c4d7b6',
				status: 'failed',
				success: false,
				followup_actions: 3,
				workflow_path: 'quick',
				error_type: 'ContextLimitExceeded',
				metadata: {
					source_file: source,
					workflow_path: 'quick',
					error_type: 'ContextLimitExceeded',
					user_query: 'check the migration for data loss',
					alternatives_considered: [],
					selection_rank: 2,
					follow_up_actions: ['git stash', 'open issue', 'run tests'],
				},
			}),
		]);
	});

	test('variant D (design): 3 rows with the record fields as they are', async () => {
		const id = ids.design!;
		const source = SOURCE_PATHS.sessionBuddyJson;
		assert.deepEqual(await usageRows(database, id), [
			row(id, {
				invoked_at: '2026-03-02T10:00:00.000000Z',
				completed_at: '2026-03-02T10:01:30.000000Z',
				duration_ms: 90_000,
				followup_actions: 1,
				session_id: 'test-session-1',
				metadata: {workflow: 'feature-dev', agent: 'python-pro', source_file: source},
			}),
			row(id, {
				skill_name: 'test-generation',
				invoked_at: '2026-03-02T10:05:00.000000Z',
				completed_at: '2026-03-02T10:07:00.000000Z',
				duration_ms: 120_000,
				session_id: 'test-session-1',
				metadata: {source_file: source},
			}),
			row(id, {
				invoked_at: '2026-03-02T11:15:00.000000Z',
				completed_at: '2026-03-02T11:19:10.000000Z',
				duration_ms: 250_000,
				status: 'failed',
				success: false,
				followup_actions: 3,
				session_id: 'test-session-2',
				metadata: {workflow: 'bugfix', source_file: source},
			}),
		]);
	});

	test('SQLite store: 6 rows, one pending, the 0.01 s placeholder flagged', async () => {
		const id = ids.sqlite!;
		const rows = await usageRows(database, id);
		assert.deepEqual(
			rows.map(r => [r.skill_name, r.invoked_at, r.completed_at, r.duration_ms, r.status, r.success, r.followup_actions, r.session_id, r.error_type]),
			[
				['session-start', '2026-10-01T09:00:01.120000Z', '2026-10-01T09:00:03.520000Z', 2400, 'succeeded', true, 0, 's-1', null],
				['crackerjack-run', '2026-10-01T09:03:12.500000Z', '2026-10-01T09:06:13.700000Z', 181_200, 'succeeded', true, 2, 's-1', null],
				['crackerjack-run', '2026-10-01T11:47:55.031000Z', '2026-10-01T11:48:07.931000Z', 12_900, 'failed', false, 0, 's-1', 'TimeoutError'],
				['session-checkpoint', '2026-10-01T12:00:00.000000Z', '2026-10-01T12:00:00.010000Z', 10, 'succeeded', true, 0, 's-1', null],
				['session-end', '2026-10-01T17:30:42.000001Z', null, null, 'pending', null, 0, 's-1', null],
				['crackerjack-run', '2026-10-02T08:15:00.000000Z', '2026-10-02T08:19:00.000000Z', 240_000, 'succeeded', true, 1, 's-2', null],
			],
		);
		assert.equal(rows[3]!.metadata.placeholder_duration, true);
		assert.deepEqual(rows[1]!.metadata, {
			source_file: SOURCE_PATHS.sessionBuddyDb,
			workflow_path: 'comprehensive',
			user_query: 'run full quality checks',
			alternatives_considered: ['crackerjack-init'],
			selection_rank: 1,
			workflow_phase: 'execution',
			workflow_step_id: 'run-1',
			follow_up_actions: ['git commit', 'run tests'],
		});
	});

	test('the report sums the projects', () => {
		assert.equal(report.totals.projects, 5);
		assert.equal(report.totals.collected, 3 + 1 + 3 + 3 + 6);
		assert.equal(report.totals.errors, 0);
		assert.equal(report.cancelled, false);
	});

	test('pending rows are in the rollups as pending only', async () => {
		const all = await aggregateRows(database, ids.crackerjack!, 'all');
		assert.deepEqual(
			all.map(r => [r.skill_name, r.total_invocations, r.successful_completions, r.failed_invocations, r.pending_invocations]),
			[
				['crackerjack-run', 2, 1, 1, 0],
				['session-checkpoint', 0, 0, 0, 1],
			],
		);
	});

	test('a second collect changes nothing', async () => {
		const usage = await tableDump(database, 'skill_usage');
		const aggregates = await tableDump(database, 'skill_aggregates');
		const again = await collectUtc(database);
		assert.deepEqual(
			[again.totals.collected, again.totals.updated, again.totals.unchanged, again.totals.errors],
			[0, 0, 16, 0],
		);
		assert.deepEqual(await tableDump(database, 'skill_usage'), usage);
		assert.deepEqual(await tableDump(database, 'skill_aggregates'), aggregates);
	});
});

describe('re-collecting changed files', () => {
	const file = SOURCE_PATHS.sessionBuddyJson;

	test('a pending invocation that finished is updated, and its rollups with it', async () => {
		const database = await openDatabase();
		const pending = invocation({skill_name: 'deploy', invoked_at: '2026-03-02T10:00:00', completed: false, duration_seconds: null});
		const project = await addProject(database, {[file]: tracker([pending])});
		assert.equal((await collectUtc(database)).totals.collected, 1);
		assert.equal((await usageRows(database))[0]!.status, 'pending');

		await writeFile(join(project.dir, file), tracker([{...pending, completed: true, duration_seconds: 2, follow_up_actions: ['run tests']}]));
		const report = await collectUtc(database);
		assert.deepEqual([report.totals.collected, report.totals.updated, report.totals.unchanged], [0, 1, 0]);
		const [stored] = await usageRows(database);
		assert.deepEqual(
			[stored!.status, stored!.success, stored!.duration_ms, stored!.completed_at, stored!.followup_actions],
			['succeeded', true, 2000, '2026-03-02T10:00:02.000000Z', 1],
		);
		const [all] = await aggregateRows(database, project.project_id, 'all');
		assert.deepEqual([all!.total_invocations, all!.successful_completions, all!.pending_invocations, all!.avg_duration_ms], [1, 1, 0, 2000]);
	});

	test('a finished record is not changed by a later copy of it that disagrees', async () => {
		const database = await openDatabase();
		const done = invocation({skill_name: 'deploy', invoked_at: '2026-03-02T10:00:00', completed: true, duration_seconds: 2});
		const project = await addProject(database, {[file]: tracker([done])});
		await collectUtc(database);
		await writeFile(join(project.dir, file), tracker([{...done, completed: false, duration_seconds: null}]));
		const report = await collectUtc(database);
		assert.deepEqual([report.totals.collected, report.totals.updated, report.totals.unchanged], [0, 0, 1]);
		assert.equal((await usageRows(database))[0]!.status, 'succeeded');
	});

	test('records that disappear from a shorter or emptied file stay', async () => {
		const database = await openDatabase();
		const records = [1, 2, 3].map(hour => invocation({skill_name: 'deploy', invoked_at: `2026-03-02T0${hour}:00:00`}));
		const project = await addProject(database, {[file]: tracker(records)});
		await collectUtc(database);
		const before = await tableDump(database, 'skill_usage');
		assert.equal(before.length, 3);

		await writeFile(join(project.dir, file), tracker(records.slice(2)));
		const shorter = await collectUtc(database);
		assert.deepEqual([shorter.totals.collected, shorter.totals.unchanged, shorter.totals.errors], [0, 1, 0]);
		assert.deepEqual(await tableDump(database, 'skill_usage'), before);

		await writeFile(join(project.dir, file), '{"invocations": []}');
		const emptied = await collectUtc(database);
		assert.deepEqual([emptied.totals.collected, emptied.totals.unchanged, emptied.totals.errors], [0, 0, 0]);
		assert.deepEqual(await tableDump(database, 'skill_usage'), before);
	});
});

describe('idempotency keys', () => {
	test('the same record in both JSON locations is stored once', async () => {
		const database = await openDatabase();
		const shared = invocation({skill_name: 'crackerjack-run', invoked_at: '2026-11-24T01:12:35.660193', duration_seconds: 1});
		const only = invocation({skill_name: 'crackerjack-run', invoked_at: '2026-11-24T02:00:00'});
		const project = await addProject(database, {
			[SOURCE_PATHS.sessionBuddyJson]: tracker([shared]),
			[SOURCE_PATHS.crackerjackJson]: tracker([shared, only]),
		});
		const report = reportOf(await collectUtc(database), project.project_id);
		assert.deepEqual([report.sources, report.collected, report.unchanged], [2, 2, 1]);
		const rows = await usageRows(database);
		assert.deepEqual(rows.map(r => r.invoked_at), ['2026-11-24T01:12:35.660193Z', '2026-11-24T02:00:00.000000Z']);
		// The first source in formats.md's order is the one the row came from.
		assert.equal(rows[0]!.metadata.source_file, SOURCE_PATHS.sessionBuddyJson);
	});

	test('two identical records in one file are one; of two copies, the finished one is kept', async () => {
		const database = await openDatabase();
		const record = sessionInvocation({skill_name: 'deploy', invoked_at: '2026-03-02T10:00:00Z'});
		const unfinished = sessionInvocation({skill_name: 'build', invoked_at: '2026-03-02T11:00:00Z', completed: false, duration_seconds: null});
		const finished = {...unfinished, completed: true, duration_seconds: 3};
		await addProject(database, {[SOURCE_PATHS.sessionBuddyJson]: tracker([record, finished, record, unfinished])});
		assert.equal((await collectUtc(database)).totals.collected, 2);
		assert.deepEqual(
			(await usageRows(database)).map(r => [r.skill_name, r.status, r.duration_ms]),
			[['deploy', 'succeeded', 1500], ['build', 'succeeded', 3000]],
		);
	});

	test('the key is skill, instant to the microsecond and session', async () => {
		const database = await openDatabase();
		await addProject(database, {
			[SOURCE_PATHS.sessionBuddyJson]: exportFile([
				sessionInvocation({skill_name: 'deploy', invoked_at: '2026-03-02T10:00:00.000001Z'}),
				sessionInvocation({skill_name: 'deploy', invoked_at: '2026-03-02T10:00:00.000002Z'}),
				sessionInvocation({skill_name: 'deploy', invoked_at: '2026-03-02T10:00:00.000002Z', session_id: 'other'}),
				sessionInvocation({skill_name: 'build', invoked_at: '2026-03-02T10:00:00.000002Z'}),
				// The same instant written another way is the same record.
				sessionInvocation({skill_name: 'deploy', invoked_at: '2026-03-02T11:00:00.000001+01:00'}),
			]),
		});
		assert.equal((await collectUtc(database)).totals.collected, 4);
	});

	test('the same record in two projects is two rows', async () => {
		const database = await openDatabase();
		const files = {[SOURCE_PATHS.sessionBuddyJson]: exportFile([invocation({invoked_at: '2026-03-02T10:00:00Z'})])};
		await addProject(database, files);
		await addProject(database, files);
		assert.equal((await collectUtc(database)).totals.collected, 2);
	});
});

describe('problems are reported, and everything else is collected', () => {
	test('a truncated file: its project reports it; its other sources and other projects are collected', async () => {
		const database = await openDatabase();
		const good = tracker([invocation({skill_name: 'deploy', invoked_at: '2026-03-02T10:00:00'})]);
		const broken = await addProject(database, {
			[SOURCE_PATHS.sessionBuddyJson]: good.slice(0, good.length / 2),
			[SOURCE_PATHS.crackerjackJson]: good,
		});
		const healthy = await addProject(database, {[SOURCE_PATHS.sessionBuddyJson]: good});
		const report = await collectUtc(database);
		const brokenReport = reportOf(report, broken.project_id);
		const truncatedFile = join(broken.dir, SOURCE_PATHS.sessionBuddyJson);
		assert.equal(brokenReport.errors, 1);
		assert.equal(brokenReport.error_details.length, 1);
		assert.equal(brokenReport.error_details[0]!.file, truncatedFile);
		assert.ok(brokenReport.error_details[0]!.message.includes(truncatedFile));
		assert.match(brokenReport.error_details[0]!.message, /truncated/);
		assert.equal(brokenReport.collected, 1);
		assert.equal(reportOf(report, healthy.project_id).collected, 1);
		assert.equal(reportOf(report, healthy.project_id).errors, 0);
		assert.equal(report.totals.errors, 1);
		assert.equal((await usageRows(database)).length, 2);
		const stored = await getProject(database, broken.project_id);
		assert.equal(stored!.last_error_count, 1);
		assert.match(stored!.last_error ?? '', /truncated/);
		assert.ok(stored!.last_sync_at);
	});

	test('a record with a bad invoked_at is rejected and counted, the rest of its file is kept', async () => {
		const database = await openDatabase();
		const project = await addProject(database, {
			[SOURCE_PATHS.sessionBuddyJson]: tracker([
				invocation({skill_name: 'a', invoked_at: '2026-03-02T10:00:00'}),
				invocation({skill_name: 'b', invoked_at: 'around ten'}),
				invocation({skill_name: 'c', invoked_at: null}),
				invocation({skill_name: 'd', invoked_at: '2026-03-02T11:00:00'}),
			]),
		});
		const report = reportOf(await collectUtc(database), project.project_id);
		assert.deepEqual([report.collected, report.errors], [2, 2]);
		const file = join(project.dir, SOURCE_PATHS.sessionBuddyJson);
		assert.deepEqual(report.error_details.map(detail => detail.file), [file, file]);
		assert.match(report.error_details[0]!.message, /^invocations\[1\]: invoked_at/);
		assert.match(report.error_details[1]!.message, /^invocations\[2\]: invoked_at/);
		assert.deepEqual((await usageRows(database)).map(r => r.skill_name), ['a', 'd']);
	});

	test('an absurd duration (1e300 s) is read as unknown and reported; the record and its file are kept', async () => {
		const database = await openDatabase();
		const good = tracker([invocation({skill_name: 'deploy', invoked_at: '2026-03-02T10:00:00'})]);
		// 1e300 s would put completed_at beyond any timestamp the database holds.
		const endless = tracker([invocation({skill_name: 'ok', invoked_at: '2026-03-02T09:00:00'}), invocation({duration_seconds: 1e300})]);
		const failing = await addProject(database, {[SOURCE_PATHS.sessionBuddyJson]: endless, [SOURCE_PATHS.crackerjackJson]: good});
		const other = await addProject(database, {[SOURCE_PATHS.sessionBuddyJson]: good});
		const report = await collectUtc(database);
		const file = join(failing.dir, SOURCE_PATHS.sessionBuddyJson);
		const own = reportOf(report, failing.project_id);
		assert.deepEqual([own.errors, own.collected], [1, 3]);
		assert.equal(own.error_details[0]!.file, file);
		assert.match(own.error_details[0]!.message, /^invocations\[1\]: duration_seconds 1e\+300 is longer than a year/);
		assert.equal(reportOf(report, other.project_id).collected, 1);
		const absurd = (await usageRows(database, failing.project_id)).find(r => r.skill_name === 'code-review')!;
		assert.deepEqual([absurd.duration_ms, absurd.completed_at, absurd.status, absurd.metadata.absurd_duration_seconds], [null, null, 'succeeded', 1e300]);
	});

	test('half a surrogate pair in a text field is stored as U+FFFD', async () => {
		const database = await openDatabase();
		// What Python's json.dumps writes for a string holding a lone surrogate.
		const text = String.raw`{"invocations": [{"skill_name": "a", "invoked_at": "2026-03-02T10:00:00Z", "completed": true, "user_query": "caf\ud83d", "workflow_path": "\udc00x"}]}`;
		const project = await addProject(database, {[SOURCE_PATHS.sessionBuddyJson]: text});
		const report = reportOf(await collectUtc(database), project.project_id);
		assert.deepEqual([report.collected, report.errors], [1, 0]);
		const [stored] = await usageRows(database);
		assert.equal(stored!.metadata.user_query, 'caf\ufffd');
		assert.equal(stored!.metadata.workflow_path, '\ufffdx');
	});

	test('the details list stops at 20 per file, the count stays exact', async () => {
		const database = await openDatabase();
		const bad = Array.from({length: 25}, () => invocation({invoked_at: 'never'}));
		const project = await addProject(database, {[SOURCE_PATHS.sessionBuddyJson]: tracker(bad)});
		const report = reportOf(await collectUtc(database), project.project_id);
		assert.equal(report.errors, 25);
		assert.equal(report.error_details.length, 21);
		assert.match(report.error_details[20]!.message, /and 5 more invalid records/);
	});

	test('a project with no sources has nothing to report but a notice', async () => {
		const database = await openDatabase();
		const project = await addProject(database, {'README.md': 'nothing here'});
		const report = reportOf(await collectUtc(database), project.project_id);
		assert.deepEqual(
			[report.sources, report.collected, report.errors, report.notice],
			[0, 0, 0, 'no metrics found'],
		);
	});
});

describe('collect options and manners', () => {
	test('naive timestamps are read in the naive time zone given', async () => {
		const database = await openDatabase();
		await addProject(database, {
			[SOURCE_PATHS.crackerjackJson]: sampleBytes(SAMPLES.crackerjackTracker),
			[SOURCE_PATHS.sessionBuddyJson]: exportFile([sessionInvocation({skill_name: 'summer', invoked_at: '2026-07-01T12:00:00'})]),
		});
		await collectUtc(database, {naiveTimezone: 'America/New_York'});
		assert.deepEqual(
			(await usageRows(database)).map(r => [r.skill_name, r.invoked_at, r.completed_at]),
			[
				// EDT is UTC-4 in July, EST UTC-5 in November.
				['summer', '2026-07-01T16:00:00.000000Z', '2026-07-01T16:00:01.500000Z'],
				['crackerjack-run', '2026-11-24T06:12:35.660193Z', '2026-11-24T06:12:35.660228Z'],
				['session-checkpoint', '2026-11-24T06:12:35.660219Z', null],
				['crackerjack-run', '2026-11-24T06:12:35.660778Z', '2026-11-24T06:12:35.660789Z'],
			],
		);
	});

	test('only the projects asked for are collected', async () => {
		const database = await openDatabase();
		const files = {[SOURCE_PATHS.sessionBuddyJson]: exportFile([invocation({invoked_at: '2026-03-02T10:00:00Z'})])};
		const wanted = await addProject(database, files);
		await addProject(database, files);
		const report = await collectUtc(database, {projectIds: [wanted.project_id]});
		assert.deepEqual(report.projects.map(project => project.project_id), [wanted.project_id]);
		assert.deepEqual((await usageRows(database)).map(r => r.project_id), [wanted.project_id]);
	});

	test('nothing in the project directory is written, renamed or touched', async () => {
		const database = await openDatabase();
		const project = await addProject(database, {
			[SOURCE_PATHS.sessionBuddyJson]: sampleBytes(SAMPLES.sessionBuddyExport),
			[SOURCE_PATHS.crackerjackJson]: sampleBytes(SAMPLES.crackerjackTracker),
			[SOURCE_PATHS.sessionBuddyDb]: sampleBytes(SAMPLES.sqlite),
		});
		const fingerprint = async () => {
			const lines: string[] = [];
			for (const folder of ['', '.session-buddy', '.crackerjack']) {
				for (const name of (await readdir(join(project.dir, folder))).sort()) {
					const path = join(project.dir, folder, name);
					const info = await stat(path, {bigint: true});
					const hash = info.isFile() ? createHash('sha256').update(await readFile(path)).digest('hex') : 'dir';
					lines.push(`${folder}/${name} ${info.mode} ${info.size} ${info.mtimeNs} ${hash}`);
				}
			}

			return lines;
		};

		const before = await fingerprint();
		assert.equal((await collectUtc(database)).totals.collected, 3 + 3 + 6);
		assert.deepEqual(await fingerprint(), before);
	});
});
