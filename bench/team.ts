import {cp, mkdir, readdir, rm, stat} from 'node:fs/promises';
import {randomUUID} from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {pullLake} from '../source/data/lake/pull.js';
import {pushLake} from '../source/data/lake/push.js';
import {topSkills} from '../source/data/queries/top.js';
import {freshRollups} from '../source/data/rollups/fresh.js';
import {Database} from '../source/data/store/database.js';
import {DuckDBInstance} from '../source/data/store/duckdb.js';
import {DUCKDB_OPTIONS} from '../source/data/store/duckdb-options.js';
import {connectTeam} from '../source/data/team/connection.js';
import {pullTeam} from '../source/data/team/pull.js';
import {pushTeam} from '../source/data/team/push.js';
import type {TeamSettings} from '../source/data/team/settings.js';
import {teamTop} from '../source/data/team/top.js';
import {startPostgres} from '../test/helpers/postgres.js';
import {insertRows, makeTeamMachine} from './team-corpus.js';

/*
 * `npm run bench -- --scale team` (issue 24): a real PostgreSQL on loopback (the tests' server:
 * fsync off; or SKILLSCOPE_TEST_PG_URL's), one machine of 1 M invocations pushed, pushed again
 * unchanged, pushed after 1 % more, and pulled into a fresh database; the same through a lake
 * folder beside it; then `team top` over 10 M invocations (the machine's rows and days copied
 * under nine more machine ids on the server) beside DuckDB reading ten machines' lake folders.
 */

export interface TeamBenchResult {
	date: string;
	loadBefore: number[];
	loadAfter: number[];
	server: string;
	rows: number;
	grownRows: number;
	team: {pushMs: number; sameMs: number; grownMs: number; pullMs: number; serverMb: number; invocationsMb: number; dailyRows: number};
	lake: {pushMs: number; sameMs: number; grownMs: number; pullMs: number; folderMb: number};
	localTopMs: number;
	top: {invocations: number; dailyRows: number; dailyMb: number; serverMb: number; allMs: number; monthMs: number; machineMs: number; callMs: number};
	lakeTop: {files: number; folderMb: number; allMs: number};
}

const ROWS = 1_000_000;
const MACHINES = 10;

async function timed<T>(work: () => Promise<T>): Promise<{ms: number; value: T}> {
	const started = performance.now();
	const value = await work();
	return {ms: performance.now() - started, value};
}

async function median(work: () => Promise<unknown>, runs = 5): Promise<number> {
	await work();
	const times: number[] = [];
	for (let run = 0; run < runs; run++) times.push((await timed(work)).ms);
	return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

async function folderBytes(folder: string): Promise<{bytes: number; files: number}> {
	let bytes = 0;
	let files = 0;
	for (const entry of await readdir(folder, {recursive: true, withFileTypes: true})) {
		if (!entry.isFile()) continue;
		bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
		files++;
	}

	return {bytes, files};
}

const mb = (bytes: number | string) => Math.round(Number(bytes) / 2 ** 20);

async function sql<T>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
	const client = new pg.Client({connectionString: url});
	await client.connect();
	try {
		return (await client.query(text, params)).rows as T[];
	} finally {
		await client.end();
	}
}

/** The first machine's rows, days and projects copied under nine more ids: 10 M invocations, as ten pushes would leave them. */
async function fillTenMachines(url: string, source: string, log: (line: string) => void): Promise<void> {
	for (let index = 1; index < MACHINES; index++) {
		const id = randomUUID();
		log(`team: copying the machine's rows as machine ${index + 1} of ${MACHINES}…`);
		for (const table of ['machines', 'projects', 'invocations', 'push_parts', 'skill_daily']) {
			const columns = (await sql<{name: string}>(url, `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'skillscope' AND table_name = $1 ORDER BY ordinal_position`, [table])).map(row => row.name);
			const values = columns.map(column => (column === 'machine_id' ? '$2' : column === 'name' ? `name || '-' || $3` : column)).join(', ');
			// Table and column names are the schema's own (information_schema), never input.
			await sql(url, `INSERT INTO skillscope.${table} (${columns.join(', ')}) SELECT ${values} FROM skillscope.${table} WHERE machine_id = $1`, table === 'machines' ? [source, id, String(index)] : [source, id]);
		}
	}

	await sql(url, 'VACUUM ANALYZE skillscope.skill_daily');
}

async function lakeTop(dir: string): Promise<number> {
	const instance = await DuckDBInstance.create(':memory:', {...DUCKDB_OPTIONS});
	const connection = await instance.connect();
	try {
		const glob = `'${path.join(dir, '**', '*.parquet').replaceAll("'", "''")}'`;
		return await median(async () => connection.runAndReadAll(`SELECT skill_name, count(*) FILTER (WHERE status <> 'pending') AS uses,
			count(*) FILTER (WHERE status = 'succeeded') / count(*) FILTER (WHERE status <> 'pending') AS success_rate,
			avg(duration_ms) FILTER (WHERE status = 'succeeded') AS avg_ms, max(invoked_at) AS last_used
			FROM read_parquet(${glob}, hive_partitioning = true) GROUP BY skill_name ORDER BY uses DESC, skill_name LIMIT 10`));
	} finally {
		connection.closeSync();
		instance.closeSync();
	}
}

export async function benchTeam(cache: string, log: (line: string) => void): Promise<TeamBenchResult> {
	const folder = path.join(cache, 'team');
	await rm(folder, {recursive: true, force: true});
	await mkdir(folder, {recursive: true});
	const loadBefore = os.loadavg();
	const server = await startPostgres();
	try {
		const url = await server.database();
		const settings: TeamSettings = {url, variables: {}, home: folder, tmpdir: os.tmpdir(), clientVersion: 'bench'};
		const [{version}] = (await sql<{version: string}>(url, `SELECT current_setting('server_version') AS version`)) as [{version: string}];
		log(`team: a machine of ${ROWS.toLocaleString('en')} invocations…`);
		const machine = await makeTeamMachine(path.join(folder, 'a.duckdb'), path.join(folder, 'projects'), ROWS);
		const lakeDir = path.join(folder, 'lake');
		log('team: pushes…');
		const push = await timed(async () => pushTeam(machine, settings, {anonymize: false}));
		if (push.value.inserted !== ROWS) throw new Error(`the first push inserted ${push.value.inserted}`);
		const same = await timed(async () => pushTeam(machine, settings, {anonymize: false}));
		const lakePush = await timed(async () => pushLake(machine, {dir: lakeDir, anonymize: false, hostFile: path.join(folder, 'host.json')}));
		const lakeSame = await timed(async () => pushLake(machine, {dir: lakeDir, anonymize: false, hostFile: path.join(folder, 'host.json')}));
		const grownRows = ROWS / 100;
		await insertRows(machine, grownRows, ROWS);
		const grown = await timed(async () => pushTeam(machine, settings, {anonymize: false}));
		if (grown.value.inserted !== grownRows) throw new Error(`the grown push inserted ${grown.value.inserted}`);
		const lakeGrown = await timed(async () => pushLake(machine, {dir: lakeDir, anonymize: false, hostFile: path.join(folder, 'host.json')}));
		const [sizes] = await sql<{server: string; invocations: string; daily: number}>(url, `SELECT pg_database_size(current_database()) AS server,
			pg_total_relation_size('skillscope.invocations') AS invocations, (SELECT count(*)::int FROM skillscope.skill_daily) AS daily`);

		log('team: pulls…');
		const puller = await Database.open(path.join(folder, 'b.duckdb'));
		const pull = await timed(async () => pullTeam(puller, settings, {timezone: 'UTC'}));
		const period = {kind: 'bucket' as const, window: 'all' as const, bucketStart: '1970-01-01'};
		await freshRollups(puller, {zone: 'UTC'});
		const localTopMs = await median(async () => topSkills(puller, {scope: {}, period, limit: 10}));
		await puller.close();
		const lakePuller = await Database.open(path.join(folder, 'c.duckdb'));
		const lakePull = await timed(async () => pullLake(lakePuller, {dir: lakeDir, mirror: false, timezone: 'UTC'}));
		await lakePuller.close();
		const lakeSize = await folderBytes(lakeDir);

		const machineId = push.value.machine_id;
		await machine.close();
		await fillTenMachines(url, machineId, log);
		for (let index = 1; index < MACHINES; index++) await cp(path.join(lakeDir, `machine=${machineId}`), path.join(lakeDir, `machine=${randomUUID()}`), {recursive: true});
		log('team: top over 10 M…');
		const connection = await connectTeam(settings);
		const query = {limit: 10};
		const allMs = await median(async () => teamTop(connection, query));
		const monthMs = await median(async () => teamTop(connection, {...query, since: '2026-06-01', until: '2026-06-30'}));
		const machineMs = await median(async () => teamTop(connection, {...query, machine: machineId}));
		await connection.close();
		const {teamTopOnServer} = await import('../source/data/team/top.js');
		const callMs = await median(async () => teamTopOnServer(settings, query));
		const [ten] = await sql<{invocations: number; daily: number; dailyBytes: string; server: string}>(url, `SELECT (SELECT count(*)::int FROM skillscope.invocations) AS invocations,
			(SELECT count(*)::int FROM skillscope.skill_daily) AS daily, pg_total_relation_size('skillscope.skill_daily') AS "dailyBytes", pg_database_size(current_database()) AS server`);
		const tenLake = await folderBytes(lakeDir);
		const lakeAllMs = await lakeTop(lakeDir);
		return {
			date: new Date().toISOString(), loadBefore, loadAfter: os.loadavg(), server: `PostgreSQL ${version}`, rows: ROWS, grownRows,
			team: {pushMs: push.ms, sameMs: same.ms, grownMs: grown.ms, pullMs: pull.ms, serverMb: mb(sizes!.server), invocationsMb: mb(sizes!.invocations), dailyRows: sizes!.daily},
			lake: {pushMs: lakePush.ms, sameMs: lakeSame.ms, grownMs: lakeGrown.ms, pullMs: lakePull.ms, folderMb: mb(lakeSize.bytes)},
			localTopMs,
			top: {invocations: ten!.invocations, dailyRows: ten!.daily, dailyMb: mb(ten!.dailyBytes), serverMb: mb(ten!.server), allMs, monthMs, machineMs, callMs},
			lakeTop: {files: tenLake.files, folderMb: mb(tenLake.bytes), allMs: lakeAllMs},
		};
	} finally {
		await server.stop();
	}
}
