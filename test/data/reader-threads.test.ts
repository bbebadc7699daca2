import assert from 'node:assert/strict';
import {test} from 'node:test';
import {snapshotAll, snapshotWork, threadNotices, workSince} from '../../source/data/collect/threads.js';
import {defaultTuning} from '../../source/data/collect/tuning.js';
import {readSourceColumns} from '../../source/data/trackers/read-columns.js';
import {SourceReaderPool} from '../../source/data/trackers/reader-pool.js';
import {findSources} from '../../source/formats/trackers/sources.js';
import {DEFAULT_READ_LIMITS} from '../../source/formats/limits.js';
import {addProject, collectUtc, openDatabase} from '../helpers/database.js';
import {makeProject} from '../helpers/temp.js';
import {sessionInvocation, tracker} from '../helpers/tracker.js';

/*
 * Reading sources on worker threads (trackers/reader-pool.ts) is how large collects run: it must
 * store the same rows and report the same problems as reading on the main thread. A pool whose
 * threads are gone reads on the main thread and the rows stay right, so each test also asserts,
 * from the pool's counts (collect/threads.ts), that the threads did the reading.
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

async function collectWith(readers: 'main' | 'workers', jsonReader: 'js' | 'duckdb' = 'js') {
	const database = await openDatabase();
	for (const [index, tree] of files.entries()) await addProject(database, tree, {name: `p${index}`});
	const before = snapshotWork('trackers');
	const notices: string[] = [];
	const report = await collectUtc(database, {
		readers,
		jsonReader,
		naiveTimezone: 'Europe/Berlin',
		tuning: {...defaultTuning(), readWorkers: 2},
		onEvent: event => void (event.type === 'notice' && notices.push(event.message)),
	});
	return {database, report, work: workSince('trackers', before), notices};
}

const ROWS = `SELECT p.project_name, u.* EXCLUDE (project_id, collected_at, metadata), u.metadata::VARCHAR AS metadata
	FROM skill_usage u JOIN projects p USING (project_id) ORDER BY ALL`;

for (const jsonReader of ['js', 'duckdb'] as const) test(`worker threads store the same rows and report the same problems as the main thread (${jsonReader} first)`, async () => {
	const main = await collectWith('main');
	// With DuckDB first, the files it refuses are read on a spare reader thread.
	const workers = await collectWith('workers', jsonReader);
	assert.equal(main.work.started, 0, 'one thread: no reader thread');
	const {work} = workers;
	assert.deepEqual({lost: work.lost, reasons: work.reasons, onMain: work.onMain}, {lost: 0, reasons: [], onMain: 0}, 'no thread lost, nothing read on the main thread');
	assert.deepEqual(workers.notices, []);
	if (jsonReader === 'js') {
		// Three files, two threads, each handed one at once: both read, all three on threads.
		assert.deepEqual({started: work.started, reading: work.reading, onThreads: work.onThreads}, {started: 2, reading: 2, onThreads: 3});
	} else {
		// What DuckDB refuses (the truncated file at least) goes to the one spare thread.
		assert.equal(work.started, 1);
		assert.equal(work.reading, 1);
		assert.ok(work.onThreads >= 1, `${work.onThreads} files read on the spare thread`);
	}

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

/** The one source of each project; the dying stand-in (test/helpers/dying-read-worker.ts) dies on a doomed one. */
async function sourcesOf(trees: Array<{tree: Record<string, string>; doomed?: boolean}>) {
	return Promise.all(trees.map(async ({tree, doomed}) => (await findSources(await makeProject(tree, doomed ? 'skillscope-doomed-' : 'skillscope-project-')))[0]!));
}

const READING = {naiveZone: 'UTC', limits: DEFAULT_READ_LIMITS};

test('a reader thread that dies or cannot start: its files are read on the main thread, every one, and the loss is counted and said', async () => {
	const sources = await sourcesOf([{tree: files[0]!}, {tree: files[2]!, doomed: true}, {tree: files[2]!}]);
	const here = await Promise.all(sources.map(async source => readSourceColumns(source, READING)));
	const before = snapshotAll();
	const dying = new SourceReaderPool(1, new URL('../helpers/dying-read-worker.ts', import.meta.url));
	try {
		const outcomes = await Promise.all(sources.map(async source => dying.read(source, READING)));
		assert.deepEqual(outcomes, here, 'every file read as the main thread reads it, the doomed one by the main thread');
		assert.deepEqual(outcomes.map(outcome => outcome.ok && outcome.columns.count), [3, 50, 50]);
	} finally {
		await dying.close();
	}

	const work = workSince('trackers', before.trackers);
	// The thread read the first file, died on the second; the main thread read that one and the last.
	assert.deepEqual({started: work.started, reading: work.reading, onThreads: work.onThreads, onMain: work.onMain, lost: work.lost}, {started: 1, reading: 1, onThreads: 1, onMain: 2, lost: 1});
	assert.deepEqual(work.reasons, ['out of memory, say']);

	// A script that is not there: the threads never start, and the main thread reads in their place
	// (two files, one handed to each thread: both are read once both threads are lost).
	const missing = new SourceReaderPool(2, new URL('../helpers/no-such-worker.ts', import.meta.url));
	try {
		assert.deepEqual(await Promise.all([missing.read(sources[0]!, READING), missing.read(sources[2]!, READING)]), [here[0], here[2]]);
	} finally {
		await missing.close();
	}

	const after = workSince('trackers', before.trackers);
	assert.equal(after.lost, 3);
	assert.equal(after.onThreads, 1);
	const [notice, ...others] = threadNotices(before);
	assert.deepEqual(others, []);
	assert.match(notice!, /^warning: 3 reader threads for tracker files stopped \(out of memory, say; .*no-such-worker\.ts.*\); the files they held were read on the main thread$/);
});
