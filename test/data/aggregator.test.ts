import {freshRollups} from '../../source/data/rollups/fresh.js';
import {before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {aggregatesAreFresh, refreshAggregates} from '../../source/data/rollups/aggregator.js';
import type {Database} from '../../source/data/store/database.js';
import {registerProject, unregisterProject} from '../../source/data/registry/registry.js';
import {setSetting} from '../../source/data/store/settings.js';
import {addProject, aggregateRows, collectUtc, openDatabase, type AggregateRow} from '../helpers/database.js';
import {SOURCE_PATHS} from '../helpers/samples.js';
import {invocation, tracker} from '../helpers/tracker.js';

/*
 * One skill, `deploy`, in a variant A tracker (pending exists there), times in UTC:
 *   Fri 2026-02-27 12:00  succeeded  6 s   0 follow-ups
 *   Sun 2026-03-01 23:30  succeeded  2 s   1 follow-up   (Mon 2026-03-02 00:30 in Berlin)
 *   Mon 2026-03-02 10:00  failed     4 s   3 follow-ups
 *   Mon 2026-03-02 11:00  pending                        (never counted but as pending)
 *   Tue 2026-03-03 09:00  succeeded  no duration, 0 follow-ups
 */
const deploy = tracker([
	invocation({skill_name: 'deploy', invoked_at: '2026-02-27T12:00:00', duration_seconds: 6}),
	invocation({skill_name: 'deploy', invoked_at: '2026-03-01T23:30:00', duration_seconds: 2, follow_up_actions: ['run tests']}),
	invocation({skill_name: 'deploy', invoked_at: '2026-03-02T10:00:00', completed: false, duration_seconds: 4, error_type: 'Boom', follow_up_actions: ['a', 'b', 'c']}),
	invocation({skill_name: 'deploy', invoked_at: '2026-03-02T11:00:00', completed: false, duration_seconds: null, follow_up_actions: ['x', 'y', 'z', 'w']}),
	invocation({skill_name: 'deploy', invoked_at: '2026-03-03T09:00:00', duration_seconds: null}),
]);

type Figures = [bucket: string, total: number, succeeded: number, failed: number, pending: number, rate: number | null, avgMs: number | null, avgFollowups: number | null];

function figures(rows: AggregateRow[]): Figures[] {
	return rows.map(r => [
		r.bucket_start,
		r.total_invocations,
		r.successful_completions,
		r.failed_invocations,
		r.pending_invocations,
		r.success_rate,
		r.avg_duration_ms,
		r.avg_followup_actions,
	]);
}

describe('buckets of one project in UTC', () => {
	let database: Database;
	let projectId: string;
	before(async () => {
		database = await openDatabase();
		projectId = (await addProject(database, {[SOURCE_PATHS.sessionBuddyJson]: deploy})).project_id;
		await collectUtc(database);
	});

	test('daily: one bucket per UTC day; failed durations and missing durations are not averaged', async () => {
		assert.deepEqual(figures(await aggregateRows(database, projectId, 'daily')), [
			['2026-02-27', 1, 1, 0, 0, 1, 6000, 0],
			['2026-03-01', 1, 1, 0, 0, 1, 2000, 1],
			['2026-03-02', 1, 0, 1, 1, 0, null, 3],
			['2026-03-03', 1, 1, 0, 0, 1, null, 0],
		]);
	});

	test('weekly: weeks start on Monday, so Sunday 1 March is in the week of 23 February', async () => {
		assert.deepEqual(figures(await aggregateRows(database, projectId, 'weekly')), [
			['2026-02-23', 2, 2, 0, 0, 1, 4000, 0.5],
			['2026-03-02', 2, 1, 1, 1, 0.5, null, 1.5],
		]);
	});

	test('monthly: the calendar month', async () => {
		assert.deepEqual(figures(await aggregateRows(database, projectId, 'monthly')), [
			['2026-02-01', 1, 1, 0, 0, 1, 6000, 0],
			['2026-03-01', 3, 2, 1, 1, 2 / 3, 2000, 4 / 3],
		]);
	});

	test('all: one bucket; first and last use are of finished records', async () => {
		const rows = await aggregateRows(database, projectId, 'all');
		assert.deepEqual(figures(rows), [['1970-01-01', 4, 3, 1, 1, 0.75, 4000, 1]]);
		assert.equal(rows[0]!.duration_count, 2);
		assert.equal(rows[0]!.first_used, '2026-02-27T12:00:00.000000Z');
		assert.equal(rows[0]!.last_used, '2026-03-03T09:00:00.000000Z');
	});

	test('a skill with only pending invocations has no rates', async () => {
		const db = await openDatabase();
		const id = (await addProject(db, {[SOURCE_PATHS.sessionBuddyJson]: tracker([invocation({skill_name: 'wip', completed: false, duration_seconds: null})])})).project_id;
		await collectUtc(db);
		const [all] = await aggregateRows(db, id, 'all');
		assert.deepEqual(figures([all!]), [['1970-01-01', 0, 0, 0, 1, null, null, null]]);
		assert.equal(all!.first_used, null);
	});
});

describe('display time zone', () => {
	test('23:30 UTC on 1 March is on 2 March in Berlin, and the zone change recomputes every bucket', async () => {
		const database = await openDatabase();
		const projectId = (await addProject(database, {[SOURCE_PATHS.sessionBuddyJson]: deploy})).project_id;
		await collectUtc(database);
		assert.equal(await aggregatesAreFresh(database, 'UTC'), true);
		assert.equal(await aggregatesAreFresh(database, 'Europe/Berlin'), false);

		await freshRollups(database, {zone: 'Europe/Berlin'});
		assert.equal(await aggregatesAreFresh(database, 'Europe/Berlin'), true);
		assert.equal(await aggregatesAreFresh(database, 'UTC'), false);
		// Berlin is UTC+1 in winter: 12:00→13:00, 23:30→00:30 next day, 10:00→11:00, 09:00→10:00.
		assert.deepEqual(figures(await aggregateRows(database, projectId, 'daily')), [
			['2026-02-27', 1, 1, 0, 0, 1, 6000, 0],
			['2026-03-02', 2, 1, 1, 1, 0.5, 2000, 2],
			['2026-03-03', 1, 1, 0, 0, 1, null, 0],
		]);
		// The Sunday evening use now falls on a Monday: the second week has it.
		assert.deepEqual(figures(await aggregateRows(database, projectId, 'weekly')), [
			['2026-02-23', 1, 1, 0, 0, 1, 6000, 0],
			['2026-03-02', 3, 2, 1, 1, 2 / 3, 2000, 4 / 3],
		]);
		assert.deepEqual(figures(await aggregateRows(database, '*', 'daily')).map(f => f[0]), ['2026-02-27', '2026-03-02', '2026-03-03']);

		// And back.
		await refreshAggregates(database, {timezone: 'UTC'});
		assert.deepEqual(figures(await aggregateRows(database, projectId, 'daily')).map(f => f[0]), ['2026-02-27', '2026-03-01', '2026-03-02', '2026-03-03']);
	});

	test('a zone west of UTC moves early-morning uses to the day before', async () => {
		const database = await openDatabase();
		const projectId = (await addProject(database, {
			[SOURCE_PATHS.sessionBuddyJson]: tracker([invocation({skill_name: 'late', invoked_at: '2026-06-01T03:00:00'})]),
		})).project_id;
		await collectUtc(database, {displayTimezone: 'America/Los_Angeles'});
		assert.deepEqual((await aggregateRows(database, projectId, 'daily')).map(r => r.bucket_start), ['2026-05-31']);
		assert.deepEqual((await aggregateRows(database, projectId, 'monthly')).map(r => r.bucket_start), ['2026-05-01']);
	});
});

describe('cross-project rollups', () => {
	test("'*' sums the active projects only", async () => {
		const database = await openDatabase();
		const one = tracker([
			invocation({skill_name: 'deploy', invoked_at: '2026-03-02T10:00:00', duration_seconds: 1}),
			invocation({skill_name: 'deploy', invoked_at: '2026-03-02T11:00:00', completed: false, duration_seconds: null}),
		]);
		const two = tracker([
			invocation({skill_name: 'deploy', invoked_at: '2026-03-02T10:00:00', completed: false, duration_seconds: 5, follow_up_actions: ['retry']}),
			invocation({skill_name: 'lint', invoked_at: '2026-03-03T10:00:00', duration_seconds: 3}),
		]);
		const three = tracker([invocation({skill_name: 'deploy', invoked_at: '2026-03-02T12:00:00', duration_seconds: 100})]);
		await addProject(database, {[SOURCE_PATHS.sessionBuddyJson]: one});
		await addProject(database, {[SOURCE_PATHS.sessionBuddyJson]: two});
		const inactive = await addProject(database, {[SOURCE_PATHS.sessionBuddyJson]: three});
		await collectUtc(database);

		// All three active: deploy = 1 + 1 + 1 finished, durations 1 s and 100 s.
		assert.deepEqual(figures(await aggregateRows(database, '*', 'all')), [
			['1970-01-01', 3, 2, 1, 1, 2 / 3, 50_500, 1 / 3],
			['1970-01-01', 1, 1, 0, 0, 1, 3000, 0],
		]);

		await unregisterProject(database, inactive.project_id);
		await freshRollups(database, {zone: 'UTC'});
		assert.deepEqual(figures(await aggregateRows(database, '*', 'all')), [
			['1970-01-01', 2, 1, 1, 1, 0.5, 1000, 0.5],
			['1970-01-01', 1, 1, 0, 0, 1, 3000, 0],
		]);
		assert.deepEqual(figures(await aggregateRows(database, '*', 'daily')), [
			['2026-03-02', 2, 1, 1, 1, 0.5, 1000, 0.5],
			['2026-03-03', 1, 1, 0, 0, 1, 3000, 0],
		]);
		// Its own rollups stay: it is inactive, not deleted.
		assert.equal((await aggregateRows(database, inactive.project_id, 'all')).length, 1);

		await registerProject(database, inactive.dir);
		await freshRollups(database, {zone: 'UTC'});
		assert.equal((await aggregateRows(database, '*', 'all'))[0]!.total_invocations, 3);
	});
});

describe('freshness', () => {
	test('a change is stale until aggregated, even one made in the same millisecond as the aggregation', async () => {
		const database = await openDatabase();
		await refreshAggregates(database, {timezone: 'UTC'});
		assert.equal(await aggregatesAreFresh(database, 'UTC'), true);
		await setSetting(database, 'data_changed_at', '2999-01-01T00:00:00.000Z');
		assert.equal(await aggregatesAreFresh(database, 'UTC'), false);
		await setSetting(database, 'aggregated_at', '2999-01-01T00:00:00.000Z');
		assert.equal(await aggregatesAreFresh(database, 'UTC'), false);
		await setSetting(database, 'aggregated_at', '2999-01-01T00:00:00.001Z');
		assert.equal(await aggregatesAreFresh(database, 'UTC'), true);
	});
});

describe('local days of UTC hours', () => {
	// Every 20 minutes over a spring and an autumn change: hours that hold a local midnight
	// (Kolkata, UTC+5:30; Lord Howe, whose change moves the clock by 30 minutes) or a change.
	const times = Array.from({length: 3 * 24 * 2}, (_, index) => {
		const base = index < 72 ? Date.UTC(2026, 2, 28) : Date.UTC(2026, 9, 24);
		return new Date(base + (index % 72) * 20 * 60_000).toISOString().replace('Z', '+00:00');
	});
	for (const zone of ['Asia/Kolkata', 'Australia/Lord_Howe', 'Europe/Berlin', 'America/St_Johns']) {
		test(`${zone}: each row in the day ICU gives it`, async () => {
			const database = await openDatabase();
			await addProject(database, {[SOURCE_PATHS.sessionBuddyJson]: tracker(times.map(invoked_at => invocation({invoked_at})))});
			await collectUtc(database, {displayTimezone: zone});
			const expected = await database.all(`SELECT timezone($tz, invoked_at)::DATE::VARCHAR AS day, count(*)::INTEGER AS n FROM skill_usage GROUP BY ALL ORDER BY day`, {tz: zone});
			const rolled = await database.all(`SELECT bucket_start::VARCHAR AS day, total_invocations AS n FROM skill_aggregates
				WHERE time_window = 'daily' AND project_id <> '*' ORDER BY day`);
			assert.deepEqual(rolled, expected);
		});
	}
});
