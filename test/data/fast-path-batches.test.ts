import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {freshRollups} from '../../source/data/rollups/fresh.js';
import type {CollectOptions} from '../../source/data/collect/collector.js';
import type {Database} from '../../source/data/store/database.js';
import {registerProject} from '../../source/data/registry/registry.js';
import {makeProject, writeTree, type FileTree} from '../helpers/temp.js';
import {aggregateRows, collectUtc, openDatabase, usageRows} from '../helpers/database.js';
import {SOURCE_PATHS} from '../helpers/samples.js';
import {designFile, designRecord, exportFile, sessionInvocation, tracker} from '../helpers/tracker.js';

/**
 * Many tracker files read by one DuckDB statement and stored in one transaction
 * (trackers/batches.ts) give the rows, reports, rollups and sessions of the JavaScript path, file
 * by file: also when some files are refused (a bad record, not JSON, another format) or two
 * files of one project hold the same records.
 */
const {sessionBuddyJson: buddy, crackerjackJson: crackerjack} = SOURCE_PATHS;

const records = (project: number, count: number, from = 0) =>
	Array.from({length: count}, (_, index) => sessionInvocation({
		skill_name: `skill-${(from + index) % 4}`,
		invoked_at: `2026-03-${String(1 + ((from + index) % 27)).padStart(2, '0')}T${String(index % 24).padStart(2, '0')}:15:00.25`,
		session_id: `p${project}-s${Math.floor((from + index) / 3)}`,
		completed: (from + index) % 5 !== 0,
		duration_seconds: (from + index) % 5 === 0 ? null : 1 + index,
	}));

const PROJECTS: FileTree[] = [
	{[buddy]: tracker(records(0, 40))},
	// The same records in both files, pending in one and finished in the other.
	{[buddy]: tracker(records(1, 30)), [crackerjack]: tracker(records(1, 30).map(record => ({...record, completed: true, duration_seconds: 2})))},
	{[buddy]: tracker([...records(2, 10), {skill_name: 7, invoked_at: '2026-03-02T10:00:00', completed: true}])},
	{[buddy]: '{"invocations": [oops'},
	{[buddy]: designFile({'design-skill': [designRecord(), designRecord({invoked_at: '2026-03-03T10:00:00Z'})]})},
	{[buddy]: '{"invocations": [], "skills": {}}'},
	{[buddy]: exportFile(records(6, 12))},
	{[buddy]: tracker(records(7, 25, 5))},
];

async function collected(jsonReader: CollectOptions['jsonReader'], dirs: readonly string[], options: Partial<CollectOptions> = {}) {
	const database = await openDatabase();
	for (const [index, dir] of dirs.entries()) await registerProject(database, dir, {name: `p${index}`});
	const report = await collectUtc(database, {jsonReader, ...options});
	return {database, report};
}

const projectCounts = (report: Awaited<ReturnType<typeof collected>>['report']) =>
	report.projects.map(project => [project.project_name, project.collected, project.updated, project.unchanged, project.errors, project.error_details.map(detail => detail.message)]);

async function sessions(database: Database) {
	await freshRollups(database, {workflows: true});
	return database.all(`SELECT project_id, session_id, skills_used::VARCHAR AS skills, status, iso(started_at) AS started, iso(completed_at) AS completed
		FROM workflow_executions ORDER BY project_id, session_id`);
}

async function assertSameStore(actual: Database, expected: Database): Promise<void> {
	assert.deepStrictEqual(await usageRows(actual), await usageRows(expected));
	await freshRollups(actual, {zone: 'UTC'});
	await freshRollups(expected, {zone: 'UTC'});
	for (const window of ['daily', 'weekly', 'all']) assert.deepStrictEqual(await aggregateRows(actual, '*', window), await aggregateRows(expected, '*', window), window);
	assert.deepStrictEqual(await sessions(actual), await sessions(expected));
}

describe('tracker files read by DuckDB in batches', () => {
	test('store what the JavaScript path stores, with the same reports, refused files included', async () => {
		const dirs = await Promise.all(PROJECTS.map(async files => makeProject(files)));
		const js = await collected('js', dirs);
		const duckdb = await collected('duckdb', dirs);
		assert.deepStrictEqual(projectCounts(duckdb.report), projectCounts(js.report));
		assert.ok(js.report.totals.collected > 100 && js.report.totals.errors >= 2, 'the fixture has rows and refused files');
		await assertSameStore(duckdb.database, js.database);
		// Both leave the same anchors for grown files (trackers/tails.ts): one for each clean tracker file.
		const anchors = async (database: Database) => database.all(`SELECT project_id, source_path, size::DOUBLE AS size, head_bytes::DOUBLE AS offset, head_sha1 FROM source_tails ORDER BY ALL`);
		assert.equal((await anchors(js.database)).length, 4);
		assert.deepStrictEqual(await anchors(duckdb.database), await anchors(js.database));
		// Collected again, every file is skipped: source_state was written with each file's rows.
		const again = await collectUtc(duckdb.database, {jsonReader: 'duckdb'});
		assert.equal(again.totals.collected + again.totals.updated, 0);
	});

	test('a collect cancelled after its first file leaves the stored batch whole, and rollups and sessions rebuilt from it', async () => {
		// Files DuckDB takes, all in one batch: every one of them is stored by the first file's turn.
		const grown = [PROJECTS[0]!, PROJECTS[1]!, PROJECTS[7]!];
		// Exports first: they leave no anchor (trackers/tails.ts), so that the trackers after them are read whole.
		const first = grown.map((files, index) => Object.fromEntries(Object.entries(files).map(([file]) => [file, exportFile(records(10 + index, 8))])));
		const dirs = await Promise.all(first.map(async files => makeProject(files)));
		const cancelled = await collected('duckdb', dirs);
		const full = await collected('js', dirs);
		// Fresh rollups and sessions before: the cancelled collect brings forward only what it reported.
		await assertSameStore(cancelled.database, full.database);
		for (const [index, files] of grown.entries()) await writeTree(dirs[index]!, files);
		const controller = new AbortController();
		const report = await collectUtc(cancelled.database, {jsonReader: 'duckdb', signal: controller.signal, onEvent: event => event.type === 'rows-written' && controller.abort()});
		assert.ok(report.cancelled);
		assert.equal(report.projects.length, 1, 'only the first project had its turn');
		await collectUtc(full.database, {jsonReader: 'js'});
		await assertSameStore(cancelled.database, full.database);
		// The next collect finds the batch's files stored, and changes nothing.
		const next = await collectUtc(cancelled.database, {jsonReader: 'duckdb'});
		assert.equal(next.totals.collected + next.totals.updated, 0);
		await assertSameStore(cancelled.database, full.database);
	});
});
