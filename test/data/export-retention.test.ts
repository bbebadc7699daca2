import {before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {readFile, stat, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {DuckDBInstance} from '@duckdb/node-api';
import {DUCKDB_OPTIONS} from '../../source/data/store/duckdb-options.js';
import type {Database} from '../../source/data/store/database.js';
import {exportData, type ExportOptions} from '../../source/data/export/export.js';
import {UsageError} from '../../source/errors.js';
import {countPrunable, pruneOlderThan} from '../../source/data/prune/retention.js';
import {aggregateRows, collectUtc, openDatabase, usageRows} from '../helpers/database.js';
import {makeSampleProjects} from '../helpers/sample-projects.js';
import {makeTempDir} from '../helpers/temp.js';
import {registerProject} from '../../source/data/registry/registry.js';

let database: Database;
let root: string;
let projectPaths: string[];

before(async () => {
	database = await openDatabase();
	root = await makeTempDir('skillscope-export-');
	projectPaths = Object.values(await makeSampleProjects(path.join(root, 'projects')));
	for (const [index, project] of projectPaths.entries()) await registerProject(database, project, {name: `private-name-${index}`});
	assert.equal((await collectUtc(database)).totals.collected, 16);
});

/** Rows of any file DuckDB reads, through a separate in-memory instance. */
async function readBack(file: string): Promise<Array<Record<string, unknown>>> {
	const instance = await DuckDBInstance.create(':memory:', {...DUCKDB_OPTIONS});
	const connection = await instance.connect();
	try {
		const reader = await connection.runAndReadAll(`SELECT * FROM '${file.replaceAll("'", "''")}'`);
		return reader.getRowObjectsJson() as Array<Record<string, unknown>>;
	} finally {
		connection.closeSync();
		instance.closeSync();
	}
}

const out = (name: string) => path.join(root, name);
const options = (over: Partial<ExportOptions>): ExportOptions => ({format: 'json', what: 'usage', output: out('x'), anonymize: false, force: false, timezone: 'UTC', ...over});

describe('export', () => {
	test('usage rows in json, csv and parquet: every row, with projects and metadata', async () => {
		for (const format of ['json', 'csv', 'parquet'] as const) {
			const file = out(`usage.${format}`);
			assert.deepEqual(await exportData(database, options({format, output: file})), {file, format, what: 'usage', anonymized: false, rows: 16});
			const rows = await readBack(file);
			assert.equal(rows.length, 16, format);
			assert.ok(rows.every(row => projectPaths.includes(row.project_path as string)), format);
			assert.ok(rows.some(row => String(row.metadata).includes('user_query')), format);
		}

		const parsed = JSON.parse(await readFile(out('usage.json'), 'utf8')) as Array<Record<string, unknown>>;
		assert.equal(parsed.length, 16);
		assert.match(String(parsed[0]!.invoked_at), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
	});

	test('anonymized: no paths, names, sessions, queries or error texts; ids instead', async () => {
		for (const what of ['usage', 'aggregates'] as const) {
			for (const format of ['json', 'csv'] as const) {
				const file = out(`anon-${what}.${format}`);
				await exportData(database, options({format, what, output: file, anonymize: true}));
				const text = await readFile(file, 'utf8');
				for (const project of projectPaths) {
					assert.ok(!text.includes(project), `${what}: ${project}`);
					assert.ok(!text.includes('private-name-'), `${what}: a project name`);
				}

				for (const secret of ['session_id', 'user_query', 'metadata', 'error_type', 'workflow_path', 'project_path', 'project_name', '5f2c9a40', 'retry logic', 'Error']) {
					assert.ok(!text.includes(secret), `${what} ${format}: ${secret}`);
				}

				const rows = await readBack(file);
				assert.ok(rows.length > 0);
				assert.ok(rows.every(row => /^project-\d+$|^\*$/.test(String(row.project))), what);
			}
		}
	});

	test('aggregates: every rollup row, the cross-project ones named', async () => {
		const file = out('aggregates.csv');
		const result = await exportData(database, options({format: 'csv', what: 'aggregates', output: file}));
		const rows = await readBack(file);
		assert.equal(rows.length, result.rows);
		assert.ok(rows.some(row => row.project === '*' && row.project_name === 'all active projects'));
	});

	test('an existing file is refused and left as it was unless forced; a missing directory is refused', async () => {
		const file = out('mine.csv');
		await writeFile(file, 'precious\n');
		await assert.rejects(exportData(database, options({format: 'csv', output: file})), (error: unknown) => error instanceof UsageError && /mine\.csv exists; choose another --output or add --force/.test(error.message));
		assert.equal(await readFile(file, 'utf8'), 'precious\n');
		await exportData(database, options({format: 'csv', output: file, force: true}));
		assert.match(await readFile(file, 'utf8'), /^project_id,project_name/);
		await assert.rejects(exportData(database, options({output: path.join(root, 'missing', 'x.json')})), /no such directory/);
		await assert.rejects(stat(path.join(root, 'missing')));
	});

	test("a path with a quote in it is a file name, not SQL", async () => {
		const file = out("it's.json");
		await exportData(database, options({output: file}));
		assert.equal((await readBack(file)).length, 16);
	});
});

describe('retention', () => {
	test('deletes the raw rows invoked before the day and recomputes the rollups', async () => {
		const prune = {before: '2026-09-15', timezone: 'UTC'};
		const expected = (await usageRows(database)).filter(row => row.invoked_at < '2026-09-15').length;
		assert.ok(expected > 0 && expected < 16);
		assert.equal(await countPrunable(database, prune), expected);
		assert.deepEqual(await pruneOlderThan(database, prune), {deletedRows: expected});
		const left = await usageRows(database);
		assert.equal(left.length, 16 - expected);
		assert.ok(left.every(row => row.invoked_at >= '2026-09-15'));
		const all = await aggregateRows(database, '*', 'all');
		assert.equal(all.reduce((sum, row) => sum + row.total_invocations + row.pending_invocations, 0), 16 - expected);
		const daily = await aggregateRows(database, '*', 'daily');
		assert.ok(daily.every(row => row.bucket_start >= '2026-09-15'));
		assert.deepEqual(await pruneOlderThan(database, prune), {deletedRows: 0});
		// The files still hold the pruned records: reading them all again stores none of them.
		const again = await collectUtc(database, {force: true});
		assert.equal(again.totals.collected, 0);
		assert.equal((await usageRows(database)).length, 16 - expected);
	});
});
