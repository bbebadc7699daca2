import assert from 'node:assert/strict';
import {type ChildProcess, spawn} from 'node:child_process';
import {cp, readFile, writeFile} from 'node:fs/promises';
import {randomUUID} from 'node:crypto';
import path from 'node:path';
import {DuckDBInstance} from '@duckdb/node-api';
import type {Database} from '../../source/data/store/database.js';
import {DUCKDB_OPTIONS} from '../../source/data/store/duckdb-options.js';
import {pullLake, type PullReport} from '../../source/data/lake/pull.js';
import {pushLake, type PushReport} from '../../source/data/lake/push.js';
import {localMachine} from '../../source/data/registry/machines.js';
import {addProject, collectUtc, openDatabase} from './database.js';
import {CLI} from './run-cli.js';
import {makeTempDir} from './temp.js';
import {invocation, tracker} from './tracker.js';

/** A machine: its own database with projects of `counts[i]` invocations each (every fifth failed, the last pending), collected. */
export async function machineWith(counts: readonly number[], day = 1): Promise<{database: Database; id: string}> {
	const database = await openDatabase();
	for (const [index, count] of counts.entries()) {
		const records = Array.from({length: count}, (_, n) => invocation({
			skill_name: `skill-${n % 3}`,
			invoked_at: `2026-0${1 + (n % 3)}-${String(day + (n % 20)).padStart(2, '0')}T10:${String(n % 60).padStart(2, '0')}:${String(index).padStart(2, '0')}`,
			completed: n % 5 !== 4,
			duration_seconds: n === count - 1 ? null : 1 + n,
		}));
		await addProject(database, {'.crackerjack/skill_metrics.json': tracker(records)}, {name: `project-${day}-${index}`});
	}

	await collectUtc(database);
	return {database, id: (await localMachine(database)).machine_id};
}

/** One host for the databases of a test file: pushes of different machine ids from one host. */
let sharedHost: Promise<string> | undefined;
export const testHostFile = (): Promise<string> => (sharedHost ??= makeTempDir('skillscope-host-').then(dir => path.join(dir, 'host.json')));

export const push = async (database: Database, dir: string, anonymize = false, hostFile?: string): Promise<PushReport> =>
	pushLake(database, {dir, anonymize, hostFile: hostFile ?? (await testHostFile())});
export const pull = (database: Database, dir: string, mirror = false): Promise<PullReport> => pullLake(database, {dir, mirror, timezone: 'UTC'});

/** Rows stored under each machine's projects, from the database itself. */
export async function rowsByMachine(database: Database): Promise<Record<string, number>> {
	const rows = await database.all<{machine_id: string; n: number}>(
		`SELECT p.machine_id, count(*)::INTEGER AS n FROM skill_usage u JOIN projects p USING (project_id) GROUP BY p.machine_id`,
	);
	return Object.fromEntries(rows.map(row => [row.machine_id, row.n]));
}

/** What another engine reads, as the README says to: DuckDB's own hive reader over every Parquet file of the machine folders, in an instance of its own. */
export async function readLake(dir: string): Promise<Record<string, number>> {
	const instance = await DuckDBInstance.create(':memory:', {...DUCKDB_OPTIONS});
	const connection = await instance.connect();
	try {
		const reader = await connection.runAndReadAll(
			`SELECT machine, count(*)::INTEGER AS n FROM read_parquet('${dir.replaceAll("'", "''")}/machine=*/**/*.parquet', hive_partitioning = true) GROUP BY machine`,
		);
		return Object.fromEntries((reader.getRowObjectsJS() as Array<{machine: string; n: number}>).map(row => [row.machine, row.n]));
	} catch (error) {
		// An empty lake: DuckDB refuses a glob that matches nothing.
		if (/No files found that match the pattern/.test((error as Error).message)) return {};
		throw error;
	} finally {
		connection.closeSync();
		instance.closeSync();
	}
}

/** A copy of one machine's folder as if another machine had pushed it; `edit` changes its manifest. */
export async function fakeMachine(dir: string, from: string, edit: (manifest: Record<string, unknown>) => void = () => undefined): Promise<{id: string; folder: string}> {
	const id = randomUUID();
	const folder = path.join(dir, `machine=${id}`);
	await cp(path.join(dir, `machine=${from}`), folder, {recursive: true});
	const file = path.join(folder, 'manifest.json');
	const manifest = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
	manifest.machine_id = id;
	manifest.name = `copy-of-${String(manifest.name)}`;
	edit(manifest);
	await writeFile(file, JSON.stringify(manifest));
	return {id, folder};
}

/** The built CLI run until it says it paused at `point` (SKILLSCOPE_TEST_PAUSE); the caller kills it. */
export async function pausedAt(args: string[], env: Record<string, string>, point: string): Promise<{child: ChildProcess; killed: () => Promise<void>}> {
	const child = spawn(process.execPath, [CLI, ...args], {env: {...process.env, ...env, SKILLSCOPE_TEST_PAUSE: point}, stdio: ['ignore', 'ignore', 'pipe']});
	const exit = new Promise<NodeJS.Signals | null>(resolve => child.on('exit', (_code, signal) => resolve(signal)));
	let stderr = '';
	child.stderr!.setEncoding('utf8');
	await new Promise<void>((resolve, reject) => {
		child.stderr!.on('data', (text: string) => {
			stderr += text;
			if (stderr.includes(`paused at ${point}`)) resolve();
		});
		void exit.then(() => reject(new Error(`exited before pausing at ${point}: ${stderr}`)));
	});
	return {
		child,
		async killed() {
			child.kill('SIGKILL');
			assert.equal(await exit, 'SIGKILL');
		},
	};
}
