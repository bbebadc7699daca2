import assert from 'node:assert/strict';
import {stat, utimes, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {refreshAggregates} from '../../source/data/rollups/aggregator.js';
import type {CollectReport} from '../../source/data/collect/collector.js';
import {addProject, collectUtc, openDatabase, tableDump} from '../helpers/database.js';
import {SOURCE_PATHS} from '../helpers/samples.js';
import {sessionInvocation, tracker} from '../helpers/tracker.js';

/** Re-collects read only what changed: unchanged sources are skipped (size and mtime as last time). */
const file = SOURCE_PATHS.sessionBuddyJson;
const records = (count: number, from = 0) =>
	Array.from({length: count}, (_, index) => sessionInvocation({skill_name: `skill-${(from + index) % 3}`, invoked_at: `2026-03-${String(2 + ((from + index) % 20)).padStart(2, '0')}T10:00:${String((from + index) % 60).padStart(2, '0')}`, session_id: `s${from + index}`}));

const counts = (report: CollectReport) => {
	const project = report.projects[0]!;
	return {collected: project.collected, updated: project.updated, unchanged: project.unchanged, skipped: project.skipped_sources, errors: project.errors};
};

async function setup(count = 10) {
	const database = await openDatabase();
	const project = await addProject(database, {[file]: tracker(records(count))});
	const first = await collectUtc(database);
	assert.deepEqual(counts(first), {collected: count, updated: 0, unchanged: 0, skipped: 0, errors: 0});
	return {database, path: join(project.dir, file)};
}

const snapshot = async (database: Awaited<ReturnType<typeof openDatabase>>) => ({
	usage: await tableDump(database, 'skill_usage'),
	aggregates: await tableDump(database, 'skill_aggregates'),
});

describe('incremental collect', () => {
	test('an unchanged file is skipped, and reported as skipped with its records unchanged', async () => {
		const {database} = await setup();
		const before = await snapshot(database);
		const events: string[] = [];
		const again = await collectUtc(database, {onEvent: event => events.push(event.type)});
		assert.deepEqual(counts(again), {collected: 0, updated: 0, unchanged: 10, skipped: 1, errors: 0});
		assert.ok(events.includes('source-skipped') && !events.includes('source-read'));
		assert.deepEqual(await snapshot(database), before);
	});

	test('force reads an unchanged file again, and changes nothing', async () => {
		const {database} = await setup();
		const before = await snapshot(database);
		const again = await collectUtc(database, {force: true});
		assert.deepEqual(counts(again), {collected: 0, updated: 0, unchanged: 10, skipped: 0, errors: 0});
		assert.deepEqual(await snapshot(database), before);
	});

	test('a grown file adds only its new rows, and the rollups count them', async () => {
		const {database, path} = await setup();
		await writeFile(path, tracker([...records(10), ...records(3, 10)]));
		const grown = await collectUtc(database);
		assert.deepEqual(counts(grown), {collected: 3, updated: 0, unchanged: 10, skipped: 0, errors: 0});
		const total = await database.one<{n: number}>(`SELECT sum(total_invocations)::INTEGER AS n FROM skill_aggregates WHERE project_id = '*' AND time_window = 'all'`);
		assert.equal(total?.n, 13);
	});

	test('a shrunken file keeps the history already collected', async () => {
		const {database, path} = await setup();
		const before = await snapshot(database);
		await writeFile(path, tracker(records(4)));
		const shrunk = await collectUtc(database);
		assert.deepEqual(counts(shrunk), {collected: 0, updated: 0, unchanged: 4, skipped: 0, errors: 0});
		assert.deepEqual(await snapshot(database), before);
		// And the next collect skips it, with its new size.
		assert.deepEqual(counts(await collectUtc(database)), {collected: 0, updated: 0, unchanged: 4, skipped: 1, errors: 0});
	});

	test('a touched but identical file is read again and changes nothing', async () => {
		const {database, path} = await setup();
		const before = await snapshot(database);
		const later = new Date((await stat(path)).mtimeMs + 5000);
		await utimes(path, later, later);
		const touched = await collectUtc(database);
		assert.deepEqual(counts(touched), {collected: 0, updated: 0, unchanged: 10, skipped: 0, errors: 0});
		assert.deepEqual(await snapshot(database), before);
	});

	test('rollups brought forward bucket by bucket equal rollups recomputed from scratch', async () => {
		const {database, path} = await setup(40);
		const pending = sessionInvocation({skill_name: 'skill-1', invoked_at: '2026-04-30T23:30:00', completed: false, duration_seconds: null, session_id: 'p'});
		await writeFile(path, tracker([...records(40), pending]));
		await collectUtc(database);
		// New days in a new month and week, one old day, and the pending one finished.
		const more = [...records(40), {...pending, completed: true, duration_seconds: 2.5}, ...records(5, 100).map(record => ({...record, invoked_at: String(record.invoked_at).replace('2026-03', '2026-05')}))];
		more.push(sessionInvocation({skill_name: 'skill-9', invoked_at: '2026-03-05T08:00:00', session_id: 'late'}));
		await writeFile(path, tracker(more));
		const report = await collectUtc(database);
		assert.deepEqual([report.totals.collected, report.totals.updated], [6, 1]);
		const rollups = async () => database.all(`SELECT * EXCLUDE (computed_at) FROM skill_aggregates ORDER BY ALL`);
		const incremental = await rollups();
		await refreshAggregates(database, {timezone: 'UTC'});
		assert.deepEqual(incremental, await rollups());
	});

	test('a file with invalid records is read again each time, so its errors are reported again', async () => {
		const database = await openDatabase();
		await addProject(database, {[file]: tracker([...records(2), sessionInvocation({invoked_at: 'yesterday'})])});
		assert.deepEqual(counts(await collectUtc(database)), {collected: 2, updated: 0, unchanged: 0, skipped: 0, errors: 1});
		assert.deepEqual(counts(await collectUtc(database)), {collected: 0, updated: 0, unchanged: 2, skipped: 0, errors: 1});
	});
});
