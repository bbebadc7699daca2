import {defaultTuning} from '../../source/data/collect/tuning.js';
import assert from 'node:assert/strict';
import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {writeTracker} from '../../bench/generate.js';
import type {CollectOptions} from '../../source/data/collect/collector.js';
import type {Database} from '../../source/data/store/database.js';
import {registerProject} from '../../source/data/registry/registry.js';
import {dropTrackerTables, readTrackerFile} from '../../source/data/trackers/fast-path.js';
import {findSources} from '../../source/formats/trackers/sources.js';
import {makeProject} from '../helpers/temp.js';
import {addProject, collectUtc, openDatabase, usageRows} from '../helpers/database.js';
import {SOURCE_PATHS} from '../helpers/samples.js';
import {exportFile, sessionInvocation, tracker, type Invocation} from '../helpers/tracker.js';

/**
 * DuckDB's JSON reader (trackers/fast-path.ts) must store exactly the rows the JavaScript path
 * (zod) stores: the same files are collected both ways into two databases and compared.
 */
const file = SOURCE_PATHS.sessionBuddyJson;

async function bothWays(files: Record<string, string>, zone: string): Promise<{js: Database; duckdb: Database; reports: string[]}> {
	const reports: string[] = [];
	const databases: Database[] = [];
	const dir = await makeProject(files);
	for (const jsonReader of ['js', 'duckdb'] as const) {
		const database = await openDatabase();
		await registerProject(database, dir, {name: 'p'});
		const options: Partial<CollectOptions> = {naiveTimezone: zone, jsonReader};
		const report = await collectUtc(database, options);
		reports.push(JSON.stringify([report.totals.collected, report.totals.updated, report.totals.unchanged, report.totals.errors]));
		databases.push(database);
	}

	return {js: databases[0]!, duckdb: databases[1]!, reports};
}

/** Whether DuckDB's reader takes the file (otherwise the collect fell back to the exact path). */
async function takenByDuckdb(text: string, zone: string): Promise<boolean> {
	const dir = await makeProject({[file]: text});
	const [source] = await findSources(dir);
	const database = await openDatabase();
	try {
		return (await readTrackerFile(database, source!, zone)) !== undefined;
	} finally {
		await dropTrackerTables(database);
	}
}

async function assertSameRows(files: Record<string, string>, zone: string, fast = false): Promise<number> {
	if (fast) assert.ok(await takenByDuckdb(files[file]!, zone), 'the DuckDB reader takes this file');
	const {js, duckdb, reports} = await bothWays(files, zone);
	assert.equal(reports[1], reports[0], 'collect reports');
	const expected = await usageRows(js);
	const actual = await usageRows(duckdb);
	assert.equal(actual.length, expected.length);
	for (const [index, row] of expected.entries()) assert.deepStrictEqual(actual[index], row, `row ${index}`);
	return expected.length;
}

/** Naive wall times around DST changes (gap and repeated hour) in Europe and America. */
function transitions(): string[] {
	const days = ['2026-03-29', '2026-10-25', '2026-03-08', '2026-11-01', '2026-03-28', '2026-10-24'];
	const times: string[] = [];
	for (const day of days) for (let hour = 0; hour < 24; hour++) for (const minute of ['00:00', '30:15.5', '59:59.999999']) times.push(`${day}T${String(hour).padStart(2, '0')}:${minute}`);
	return times;
}

const edgeCases: Invocation[] = [
	...transitions().map((invoked_at, index) => sessionInvocation({skill_name: `s${index % 7}`, invoked_at, session_id: `t${index}`})),
	sessionInvocation({invoked_at: '2026-03-02T10:00:00Z', session_id: 'z'}),
	sessionInvocation({invoked_at: '2026-03-02T10:00:00+05:30', session_id: 'plus'}),
	sessionInvocation({invoked_at: '2026-03-02T10:00:00.123-08:00', session_id: 'minus'}),
	sessionInvocation({invoked_at: '2026-03-02T10:00:00.5', session_id: 'frac'}),
	sessionInvocation({invoked_at: '2026-03-03T10:00:00', completed: false, duration_seconds: null, error_type: null, session_id: 'pending'}),
	sessionInvocation({invoked_at: '2026-03-03T11:00:00', completed: false, duration_seconds: null, error_type: '', session_id: 'empty-error'}),
	sessionInvocation({invoked_at: '2026-03-03T12:00:00', completed: false, duration_seconds: null, error_type: 'TimeoutError', session_id: 'error'}),
	sessionInvocation({invoked_at: '2026-03-03T13:00:00', completed: false, duration_seconds: 4, session_id: 'abandoned'}),
	sessionInvocation({invoked_at: '2026-03-03T14:00:00', duration_seconds: -3.25, session_id: 'negative'}),
	sessionInvocation({invoked_at: '2026-03-03T15:00:00', duration_seconds: 3.5e-5, session_id: 'tiny'}),
	sessionInvocation({invoked_at: '2026-03-03T16:00:00', duration_seconds: 0.01, session_id: 'placeholder'}),
	sessionInvocation({invoked_at: '2026-03-03T17:00:00', duration_seconds: 7, session_id: 'integer'}),
	sessionInvocation({invoked_at: '2026-03-03T18:00:00', duration_seconds: 0.0000005, session_id: 'half'}),
	sessionInvocation({invoked_at: '2026-03-03T19:00:00', duration_seconds: 1.0000005, session_id: 'half2'}),
	sessionInvocation({invoked_at: '2026-03-03T20:00:00', session_id: null}),
	sessionInvocation({invoked_at: '2026-03-03T21:00:00', follow_up_actions: ['git commit', 'run "tests"'], alternatives_considered: ['a', 'b'], selection_rank: 2, session_id: 'lists'}),
	sessionInvocation({invoked_at: '2026-03-03T22:00:00', user_query: 'déjà vu ✓ \n "quoted" \\ 😀', workflow_path: 'quick', session_id: 'text'}),
	sessionInvocation({invoked_at: '2026-03-03T23:00:00', workflow_phase: 'build', workflow_step_id: 'step-3', session_id: 'phase'}),
	sessionInvocation({invoked_at: '2026-03-04T00:00:00', follow_up_actions: null, alternatives_considered: null, session_id: 'nulls'}),
	sessionInvocation({skill_name: 'ünïcode-skill', invoked_at: '2026-03-04T01:00:00', session_id: 'name'}),
	// The same key twice: the finished copy wins, whatever the order.
	sessionInvocation({skill_name: 'dup', invoked_at: '2026-03-04T02:00:00', completed: false, duration_seconds: null, session_id: 'd'}),
	sessionInvocation({skill_name: 'dup', invoked_at: '2026-03-04T02:00:00', completed: true, duration_seconds: 2, session_id: 'd'}),
	sessionInvocation({skill_name: 'dup', invoked_at: '2026-03-04T02:00:00', completed: true, duration_seconds: 3, session_id: 'd'}),
	{...sessionInvocation({invoked_at: '2026-03-04T03:00:00', session_id: 'extra'}), unknown_field: {nested: [1, 2]}},
];

describe('DuckDB JSON reader and JavaScript path store the same rows', () => {
	for (const zone of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe']) {
		test(`edge cases, naive times in ${zone}`, async () => {
			assert.ok((await assertSameRows({[file]: tracker(edgeCases)}, zone, true)) > 400);
		});
	}

	test('a generated benchmark project (Python-style floats and escapes)', async () => {
		const {mkdtemp} = await import('node:fs/promises');
		const {tmpdir} = await import('node:os');
		const dir = await mkdtemp(join(tmpdir(), 'skillscope-fast-'));
		await writeTracker(join(dir, 'f.json'), 3, 1000);
		const {readFile} = await import('node:fs/promises');
		const text = await readFile(join(dir, 'f.json'), 'utf8');
		assert.equal(await assertSameRows({[file]: text}, 'Europe/Berlin', true), 1000);
	});

	test('escaped non-ASCII as Python writes it, and a lone surrogate', async () => {
		const records = [
			sessionInvocation({invoked_at: '2026-03-02T10:00:00', user_query: 'PYEMOJI and é', session_id: 'emoji'}),
			sessionInvocation({invoked_at: '2026-03-02T11:00:00', user_query: 'half \ud800 pair', session_id: 'lone'}),
		];
		const text = tracker(records).replace('PYEMOJI', String.raw`\ud83d\ude00`).replace('é', String.raw`\u00e9`);
		await assertSameRows({[file]: text}, 'UTC');
		const python = tracker(records.slice(0, 1)).replace('PYEMOJI', String.raw`\ud83d\ude00`).replace('é', String.raw`\u00e9`);
		await assertSameRows({[file]: python}, 'UTC', true);
	});

	test('files the DuckDB reader does not take are read the exact way, with the same rows and errors', async () => {
		const bad = [...edgeCases.slice(0, 5), {skill_name: 7, invoked_at: '2026-03-02T10:00:00', completed: true}, 'not an object'];
		assert.equal(await assertSameRows({[file]: tracker(bad as Invocation[])}, 'Europe/Berlin'), 5);
		await assertSameRows({[file]: tracker([sessionInvocation({invoked_at: '2026-02-30T10:00:00'}), ...edgeCases.slice(0, 3)])}, 'UTC');
		await assertSameRows({[file]: tracker([sessionInvocation({skill_name: ' padded ', session_id: 'pad'})])}, 'UTC');
		// A variant-C export: its own status rules and placeholder flags.
		await assertSameRows({[file]: exportFile(edgeCases)}, 'UTC');
		await assertSameRows({[file]: '[1, 2]'}, 'UTC');
		await assertSameRows({[file]: '{"invocations": [], "skills": {}}'}, 'UTC');
		await assertSameRows({[file]: tracker(edgeCases).slice(0, 2000)}, 'UTC');
	});

	test('a file larger than the JavaScript path can hold is read by DuckDB (the limit is lowered here)', async () => {
		const dir = await makeProject({});
		await writeTracker(join(dir, file), 5, 800);
		const database = await openDatabase();
		await registerProject(database, dir, {name: 'big'});
		// SKILLSCOPE_MAX_SOURCE_BYTES=100000, as the edge reads it (environment.ts).
		const defaults = defaultTuning();
		const tuning = {...defaults, limits: {...defaults.limits, maxSourceBytes: 100_000}};
		{
			const js = await collectUtc(database, {jsonReader: 'js', tuning});
			assert.match(js.projects[0]!.error_details[0]!.message, /too large to read/);
			const auto = await collectUtc(database, {tuning});
			assert.deepEqual([auto.totals.collected, auto.totals.errors], [800, 0]);
		}
	});

	test('NaN read as null by the JavaScript path is not taken by the DuckDB reader', async () => {
		const text = tracker([sessionInvocation({session_id: 'n'})]).replace('"duration_seconds": 1.5', '"duration_seconds": NaN');
		const database = await openDatabase();
		const project = await addProject(database, {[file]: text});
		await writeFile(join(project.dir, file), text);
		const report = await collectUtc(database, {jsonReader: 'duckdb'});
		assert.equal(report.totals.collected, 1);
		assert.equal(report.totals.errors, 1, 'reported as the JavaScript path reports it');
	});
});
