import assert from 'node:assert/strict';
import {readdir, rename} from 'node:fs/promises';
import path from 'node:path';
import {before, test} from 'node:test';
import {DuckDBInstance} from '@duckdb/node-api';
import {Database} from '../../source/data/store/database.js';
import {DUCKDB_OPTIONS} from '../../source/data/store/duckdb-options.js';
import {cliJson, DEPLOY_BODIES, emptyMachine, type Json, OUTCOME_REPORTS, outcomeFigures, outcomesMachine} from '../helpers/outcomes-machine.js';
import {makeTempDir} from '../helpers/temp.js';
import {fingerprintOf} from '../helpers/uses.js';
import {REVIEW_BODIES} from '../helpers/versions-fixture.js';

/*
 * How each use ended travels through the lake (issue 20): a machine with outcomes of every kind
 * pushes, another pulls, and every report gives the pulled rows the outcome figures their machine
 * gives them. The bodies never leave the machine; a folder pushed before the lake carried outcomes
 * is still read (outcome not known, not retried) and a later push fills them in.
 */

let root: string;
let laptop: Record<string, string>;
before(async () => {
	root = await makeTempDir();
	laptop = await outcomesMachine(root, 'laptop');
});

async function withDatabase<T>(env: Record<string, string>, work: (database: Database) => Promise<T>): Promise<T> {
	const database = await Database.open(env.SKILLSCOPE_DB!);
	try {
		return await work(database);
	} finally {
		await database.close();
	}
}

/** Every lake file's rows, read by DuckDB in an instance of its own, as one text each. */
async function lakeText(dir: string, work: (connection: Awaited<ReturnType<DuckDBInstance['connect']>>, files: string[]) => Promise<void>): Promise<void> {
	const entries = await readdir(dir, {recursive: true, withFileTypes: true});
	const files = entries.filter(entry => entry.name.endsWith('.parquet') && !entry.parentPath.includes('.staging')).map(entry => path.join(entry.parentPath, entry.name));
	assert.ok(files.length > 0);
	const instance = await DuckDBInstance.create(':memory:', {...DUCKDB_OPTIONS});
	const connection = await instance.connect();
	try {
		await work(connection, files);
	} finally {
		connection.closeSync();
		instance.closeSync();
	}
}

const quoted = (file: string) => `'${file.replaceAll("'", "''")}'`;

/** Each file written again by `select` (over `read_parquet(file)`), as a push of another skillscope would have: same names, same row counts. */
async function rewriteFiles(dir: string, select: string): Promise<void> {
	await lakeText(dir, async (connection, files) => {
		for (const file of files) {
			await connection.run(`COPY (${select.replace('$file', `read_parquet(${quoted(file)}, hive_partitioning = false)`)}) TO ${quoted(`${file}.new`)} (FORMAT parquet)`);
			await rename(`${file}.new`, file);
		}
	});
}

const outcomesOf = (report: Json) => (report.skills as Json[]).map(row => [row.skill_name, row.clean_finishes, row.interrupted, row.rejected, row.errored, row.load_failed, row.retried, row.clean_rate]);

test('every outcome, retry and version travels: each report gives the pulled rows the figures of their machine', async () => {
	const dir = path.join(root, 'lake-plain');
	const reader = emptyMachine(root, 'reader-plain');
	await cliJson(['lake', 'push', dir], laptop);
	const pulled = await cliJson(['lake', 'pull', dir], reader);
	assert.deepEqual([pulled.totals.inserted, pulled.totals.skipped, pulled.totals.dropped], [158, 0, 0]);

	const top = await cliJson(['top'], laptop);
	const deploy = (top.skills as Json[]).find(row => row.skill_name === 'deploy')!;
	assert.ok(['clean_finishes', 'interrupted', 'rejected', 'errored', 'load_failed', 'retried'].every(key => deploy[key] > 0), 'every outcome and retries in the case');
	for (const args of OUTCOME_REPORTS) assert.deepEqual(outcomeFigures(await cliJson(args, reader)), outcomeFigures(await cliJson(args, laptop)), args.join(' '));
	assert.deepEqual(await cliJson(['top'], reader), top, 'top whole: its rows are the same rows');

	// Each row as its machine has it; no body in this database.
	const columns = `skill_name, iso(invoked_at) AS at, outcome, retried, fingerprint, plugin_version`;
	const rows = async (env: Record<string, string>) => withDatabase(env, async database => database.all(`SELECT ${columns} FROM skill_usage ORDER BY ALL`));
	assert.deepEqual(await rows(reader), await rows(laptop));
	assert.deepEqual(await withDatabase(reader, async database => database.all(`SELECT count(*)::INTEGER AS n FROM skill_bodies`)), [{n: 0}]);

	// Another engine reads the columns by name.
	await lakeText(dir, async (connection, files) => {
		const reader = await connection.runAndReadAll(`SELECT outcome, count(*)::INTEGER AS n FROM read_parquet([${files.map(quoted).join(', ')}]) GROUP BY ALL ORDER BY ALL`);
		const counts = Object.fromEntries((reader.getRowObjectsJS() as Array<{outcome: string | null; n: number}>).map(row => [String(row.outcome), row.n]));
		assert.deepEqual(Object.keys(counts).sort(), ['clean', 'errored', 'interrupted', 'load_failed', 'null', 'rejected']);
	});
});

test('--anonymize keeps outcomes and fingerprints, never a body, path or session; the figures are the same', async () => {
	const dir = path.join(root, 'lake-anonymized');
	const reader = emptyMachine(root, 'reader-anonymized');
	await cliJson(['lake', 'push', dir, '--anonymize'], laptop);
	await cliJson(['lake', 'pull', dir], reader);
	for (const args of [['top'], ['top', '--since', '2026-03-03', '--until', '2026-03-05'], ['summary'], ['skill', 'deploy'], ['versions', 'deploy'], ['versions', 'review']]) {
		assert.deepEqual(outcomeFigures(await cliJson(args, reader)), outcomeFigures(await cliJson(args, laptop)), args.join(' '));
	}

	await lakeText(dir, async (connection, files) => {
		const all = await connection.runAndReadAll(`SELECT to_json(r)::VARCHAR AS line FROM read_parquet([${files.map(quoted).join(', ')}]) r`);
		const text = (all.getRowObjectsJS() as Array<{line: string}>).map(row => row.line).join('\n');
		for (const body of [...Object.values(REVIEW_BODIES), ...DEPLOY_BODIES]) {
			assert.ok(text.includes(fingerprintOf(body)), 'the fingerprint is kept');
			for (const line of body.split('\n')) assert.ok(!text.includes(line), `no "${line}"`);
		}

		assert.ok(!text.includes('cc:tu:test-'), 'session keys are salted');
		assert.ok(!text.includes(laptop.HOME!), 'no path');
	});
});

test('a folder pushed before the lake carried outcomes is read (not known, not retried); the next push fills them in', async () => {
	const dir = path.join(root, 'lake-old');
	const reader = emptyMachine(root, 'reader-old');
	await cliJson(['lake', 'push', dir], laptop);
	await rewriteFiles(dir, 'SELECT * EXCLUDE (outcome, retried, fingerprint, plugin_version) FROM $file');
	await lakeText(dir, async (connection, files) => {
		const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${quoted(files[0]!)}, hive_partitioning = false)`);
		const names = (described.getRowObjectsJS() as Array<{column_name: string}>).map(row => row.column_name);
		assert.equal(names.length, 21);
		assert.ok(!names.includes('outcome') && names.includes('load_ms'), 'the columns of the lake before outcomes');
	});

	const old = await cliJson(['lake', 'pull', dir], reader);
	assert.deepEqual([old.totals.inserted, old.totals.skipped, old.totals.dropped], [158, 0, 0]);
	assert.deepEqual(
		await withDatabase(reader, async database => database.all(`SELECT outcome, retried, fingerprint, plugin_version, count(*)::INTEGER AS n FROM skill_usage GROUP BY ALL`)),
		[{outcome: null, retried: false, fingerprint: null, plugin_version: null, n: 158}],
	);
	const top = await cliJson(['top'], reader);
	const local = await cliJson(['top'], laptop);
	assert.deepEqual(outcomesOf(top), outcomesOf(local).map(([skill]) => [skill, 0, 0, 0, 0, 0, 0, null]), 'no outcome known');
	assert.deepEqual((top.skills as Json[]).map(row => row.total_invocations), (local.skills as Json[]).map(row => row.total_invocations), 'every use counted');

	// The machine upgrades and pushes again: each row whose outcome, retry or version is known now is updated.
	const changed = await withDatabase(laptop, async database => database.one<{n: number}>(
		`SELECT count(*)::INTEGER AS n FROM skill_usage WHERE outcome IS NOT NULL OR retried IS DISTINCT FROM FALSE OR fingerprint IS NOT NULL OR plugin_version IS NOT NULL`,
	));
	await cliJson(['lake', 'push', dir], laptop);
	const again = await cliJson(['lake', 'pull', dir], reader);
	assert.deepEqual([again.totals.inserted, again.totals.updated], [0, changed!.n]);
	for (const args of OUTCOME_REPORTS) assert.deepEqual(outcomeFigures(await cliJson(args, reader)), outcomeFigures(await cliJson(args, laptop)), args.join(' '));
});

test('an outcome no skillscope writes: the folder is damaged and skipped whole', async () => {
	const dir = path.join(root, 'lake-bad');
	const reader = emptyMachine(root, 'reader-bad');
	await cliJson(['lake', 'push', dir], laptop);
	await rewriteFiles(dir, `SELECT * REPLACE (CASE WHEN outcome = 'rejected' THEN 'exploded' ELSE outcome END AS outcome) FROM $file`);
	const pulled = await cliJson(['lake', 'pull', dir], reader, 3);
	assert.deepEqual([pulled.totals.inserted, pulled.totals.skipped], [0, 1]);
	assert.match(pulled.skipped[0].problem, /row\(s\) where outcome is not one of clean, interrupted, rejected, errored, load_failed/);
});
