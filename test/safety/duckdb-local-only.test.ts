import assert from 'node:assert/strict';
import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import {Database} from '../../source/data/store/database.js';
import {BUILT_IN_EXTENSIONS} from '../../source/data/store/duckdb-options.js';
import {registerProject} from '../../source/data/registry/registry.js';
import {collectUtc, openDatabase} from '../helpers/database.js';
import {isolatedEnv} from '../helpers/environment.js';
import {runInProcess} from '../helpers/run-cli.js';
import {makeTempDir} from '../helpers/temp.js';
import {invocation, tracker} from '../helpers/tracker.js';

/*
 * No network, ever: DuckDB must not download an extension when a query names one, and no path
 * handed to DuckDB may be a URL, a remote database or a glob.
 */

async function failure(database: Database, sql: string): Promise<{message: string; ms: number}> {
	const started = performance.now();
	const error = await database.run(sql).then(() => undefined, (caught: unknown) => caught as Error);
	assert.ok(error, `${sql} should fail`);
	return {message: error.message, ms: performance.now() - started};
}

test('only the built-in extensions are loaded, and automatic install and load are off on every connection', async () => {
	const directory = await makeTempDir();
	const database = await Database.open(path.join(directory, 'db.duckdb'));
	try {
		for (const connection of [database, await database.fork()]) {
			const settings = await connection.one<{install: boolean; load: boolean}>(
				`SELECT current_setting('autoinstall_known_extensions') AS install, current_setting('autoload_known_extensions') AS load`,
			);
			assert.deepEqual(settings, {install: false, load: false});
		}

		const loaded = await database.all<{name: string}>(`SELECT extension_name AS name FROM duckdb_extensions() WHERE loaded ORDER BY name`);
		// autocomplete is linked into the package as well; it reads nothing and fetches nothing.
		assert.deepEqual(loaded.map(row => row.name).filter(name => name !== 'autocomplete'), [...BUILT_IN_EXTENSIONS].sort());
		for (const name of BUILT_IN_EXTENSIONS) await database.run(`LOAD ${name}`);
	} finally {
		await database.close();
	}
});

test('a query that needs another extension fails at once with a message naming it, without a download', async () => {
	const database = await openDatabase();
	const cases: Array<[string, RegExp]> = [
		[`SELECT * FROM read_csv('https://example.com/skills.csv')`, /requires the extension httpfs to be loaded/],
		[`SELECT * FROM read_parquet('s3://bucket/skills.parquet')`, /requires the extension httpfs to be loaded/],
		[`SELECT ST_Point(1, 2)`, /exists in the spatial extension/],
		[`LOAD spatial`, /spatial\.duckdb_extension" not found/],
		// The repository is a folder that does not exist: an explicit install is refused locally.
		[`INSTALL spatial`, /Failed to install local extension "spatial"/],
	];
	for (const [sql, expected] of cases) {
		const {message, ms} = await failure(database, sql);
		assert.match(message, expected, sql);
		assert.doesNotMatch(message, /download/i, sql);
		// A download attempt (DNS, connect, timeout) takes far longer than a refusal.
		assert.ok(ms < 2000, `${sql} took ${ms} ms`);
	}
});

test('export --output refuses URLs, remote databases and globs, saying why, exit 2', async () => {
	const directory = await makeTempDir();
	const env = isolatedEnv(directory);
	const cases: Array<[string, RegExp]> = [
		['s3://bucket/usage.parquet', /is a URL, not a local path/],
		['https://example.com/usage.csv', /is a URL, not a local path/],
		['md:usage', /is a MotherDuck address/],
		[path.join(directory, 'usage-*.json'), /holds a glob character/],
		[path.join(directory, 'usage[1].json'), /holds a glob character/],
	];
	for (const [output, expected] of cases) {
		const result = await runInProcess(['export', '--format', 'json', '--output', output], env);
		assert.equal(result.code, 2, output);
		assert.match(result.stderr, expected, output);
		assert.match(result.stderr, /--output/, output);
	}
});

test('a tracker file under a directory whose name is a glob is read as itself, not as the files the glob matches', async () => {
	const root = await makeTempDir();
	const write = async (dir: string, count: number) => {
		await mkdir(path.join(root, dir, '.session-buddy'), {recursive: true});
		const records = Array.from({length: count}, (_, index) => invocation({invoked_at: `2026-03-0${index + 1}T10:00:00`}));
		await writeFile(path.join(root, dir, '.session-buddy', 'skill_metrics.json'), tracker(records));
	};

	// DuckDB would read `p[1]` as the glob matching `p1`: the other project's five records.
	await write('p[1]', 2);
	await write('p1', 5);
	const database = await openDatabase();
	await registerProject(database, path.join(root, 'p[1]'));
	const report = await collectUtc(database, {jsonReader: 'duckdb'});
	assert.equal(report.totals.collected, 2);
	assert.equal(report.totals.errors, 0);
});
