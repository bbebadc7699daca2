import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {Database} from '../../source/data/store/database.js';
import {addProject, collectUtc, openDatabase} from '../helpers/database.js';
import {sessionInvocation, tracker} from '../helpers/tracker.js';

/*
 * Reading sources on worker threads (trackers/reader-pool.ts) is how large collects run: it must
 * store the same rows and report the same problems as reading on the main thread.
 */

const SOURCE = '.session-buddy/skill_metrics.json';

const files = [
	{[SOURCE]: tracker([
		sessionInvocation({invoked_at: '2026-03-02T10:00:00.123456'}),
		sessionInvocation({skill_name: ' padded ', invoked_at: '2026-03-29T02:30:00', completed: false, duration_seconds: null}),
		sessionInvocation({invoked_at: 'not a time'}),
		sessionInvocation({skill_name: 'déjà', follow_up_actions: ['run tests'], duration_seconds: -1}),
	])},
	{[SOURCE]: '{"invocations": [ {"skill_name": "x"'},
	{[SOURCE]: tracker(Array.from({length: 50}, (_, index) => sessionInvocation({session_id: `s-${index % 3}`, invoked_at: `2026-04-01T10:${String(index).padStart(2, '0')}:00`})))},
];

async function collectWith(readers: 'main' | 'workers', jsonReader: 'js' | 'duckdb' = 'js'): Promise<{database: Database; report: Awaited<ReturnType<typeof collectUtc>>}> {
	const database = await openDatabase();
	for (const [index, tree] of files.entries()) await addProject(database, tree, {name: `p${index}`});
	const report = await collectUtc(database, {readers, jsonReader, naiveTimezone: 'Europe/Berlin'});
	return {database, report};
}

const ROWS = `SELECT p.project_name, u.* EXCLUDE (project_id, collected_at, metadata), u.metadata::VARCHAR AS metadata
	FROM skill_usage u JOIN projects p USING (project_id) ORDER BY ALL`;

for (const jsonReader of ['js', 'duckdb'] as const) test(`worker threads store the same rows and report the same problems as the main thread (${jsonReader} first)`, async () => {
	const main = await collectWith('main');
	// With DuckDB first, the files it refuses are read on a spare reader thread.
	const workers = await collectWith('workers', jsonReader);
	assert.deepEqual(await workers.database.all(ROWS), await main.database.all(ROWS));
	const summary = (report: typeof main.report) => report.projects.map(project => ({
		name: project.project_name,
		collected: project.collected,
		errors: project.errors,
		details: project.error_details.map(detail => detail.message.replace(project.project_path, '<dir>')),
	}));
	assert.deepEqual(summary(workers.report), summary(main.report));
	assert.equal(main.report.totals.collected, 53);
	assert.ok(main.report.totals.errors >= 2, 'the bad timestamp and the truncated file are reported');
});
