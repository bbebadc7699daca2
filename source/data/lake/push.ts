import {mkdir, readdir, rm, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {listValue} from '../store/duckdb.js';
import type {Database} from '../store/database.js';
import {LAKE_COLUMN_NAMES, LAKE_FORMAT, lakeRoot, machineFolder, MANIFEST, relativeTo, sqlPath, STAGING} from './layout.js';
import {claimMachine, databaseFile} from './host.js';
import type {LakeManifest} from './manifest.js';
import {capped} from './memory.js';
import {checkOwner} from './owner.js';
import {removeLeftovers, replaceFolder, stemOf} from './staging.js';
import {localMachine, SPLIT_AT} from '../registry/machines.js';
import {LOCAL_MACHINE} from '../registry/registry.js';
import {SCHEMA_VERSION} from '../store/schema.js';

export interface PushOptions {
	dir: string;
	/** As `export --anonymize`: ids for projects and sessions, no paths, names, queries or error texts. */
	anonymize: boolean;
	/** This host's identity file (host.ts), named at the edge: who may replace the machine's folder. */
	hostFile: string;
	/** DuckDB's memory during the push, as a collect's (memory.ts). */
	memoryLimit?: string;
	/** A test's hook (SKILLSCOPE_TEST_PAUSE, read by the command): waits at a named point. */
	pause?: (point: string) => Promise<void>;
}

export interface PushReport {
	dir: string;
	folder: string;
	machine_id: string;
	name: string;
	anonymized: boolean;
	projects: number;
	files: number;
	rows: number;
	pushed_at: string;
}

const SALTED = (value: string) => `substr(sha256((SELECT value FROM settings WHERE key = 'lake_salt') || ${value}), 1, 16)`;

/**
 * This machine's own rows (never pulled ones), with their partition columns, as the files hold
 * them. --anonymize keeps outcomes and fingerprints: a hash names a text without giving it.
 */
function rowsQuery(anonymize: boolean): string {
	const hidden = (column: string, replacement: string) => (anonymize ? `${replacement} AS ${column}` : `u.${column}`);
	return `SELECT ${anonymize ? SALTED('p.project_id') : 'p.project_id'} AS project, strftime(timezone('UTC', u.invoked_at), '%Y-%m') AS month,
			u.skill_name, u.invoked_at, ${hidden('session_key', SALTED('u.session_key'))},
			${hidden('session_id', `CASE WHEN u.session_id IS NOT NULL THEN ${SALTED('u.session_id')} END`)},
			u.completed_at, u.duration_ms, u.status, u.success, u.followup_actions,
			${hidden('workflow_path', 'NULL::VARCHAR')}, ${hidden('error_type', 'NULL::VARCHAR')},
			${anonymize ? 'NULL::VARCHAR' : 'u.metadata::VARCHAR'} AS metadata, u.collected_at, u.source, u.trigger, u.kind, u.plugin,
			${hidden('agent_id', 'NULL::VARCHAR')}, u.tool_errors, u.output_tokens, u.load_ms,
			u.outcome, u.retried, u.fingerprint, u.plugin_version
		FROM skill_usage u JOIN projects p USING (project_id)
		WHERE p.machine_id = ${LOCAL_MACHINE} AND p.is_active AND u.invoked_at >= ${SPLIT_AT}`;
}

async function filesUnder(folder: string, suffix: string): Promise<string[]> {
	const entries = await readdir(folder, {recursive: true, withFileTypes: true}).catch(() => []);
	return entries.filter(entry => entry.isFile() && entry.name.endsWith(suffix)).map(entry => path.join(entry.parentPath, entry.name)).sort();
}

async function manifestFor(database: Database, files: Array<{path: string; rows: number}>, anonymize: boolean, machine: {machine_id: string; name: string; host_id: string}, now: string): Promise<LakeManifest> {
	const projects = await database.all<LakeManifest['projects'][number] & Record<string, unknown>>(
		`SELECT ${anonymize ? SALTED('p.project_id') : 'p.project_id'} AS project_id,
			${anonymize ? `'project-' || substr(${SALTED('p.project_id')}, 1, 6)` : 'p.project_name'} AS project_name,
			${anonymize ? `'unknown'` : 'p.project_type'} AS project_type, ${anonymize ? 'NULL::VARCHAR' : 'p.project_path'} AS project_path,
			(SELECT count(*) FROM skill_usage u WHERE u.project_id = p.project_id AND u.invoked_at >= ${SPLIT_AT})::INTEGER AS rows
		FROM projects p WHERE p.machine_id = ${LOCAL_MACHINE} AND p.is_active ORDER BY project_id`,
	);
	const rows = files.reduce((sum, file) => sum + file.rows, 0);
	return {format: LAKE_FORMAT, schema_version: SCHEMA_VERSION, machine_id: machine.machine_id, name: machine.name, host_id: machine.host_id, pushed_at: now, anonymized: anonymize, rows, projects, files};
}

/** The rows of this push, straight from the table to the staged files; how many it selected. */
async function copyRows(database: Database, staging: string, anonymize: boolean): Promise<number> {
	// Straight from the table to the files: through a temporary copy, a million rows took 6.1 s and
	// 957 MB at the peak, 4.2 s and 857 MB without (2 busy cores).
	const copied = await database.one<{Count: bigint | number}>(`COPY (SELECT project, month, ${LAKE_COLUMN_NAMES} FROM (${rowsQuery(anonymize)}) ORDER BY project, month, invoked_at, skill_name, session_key)
		TO ${sqlPath(staging)} (FORMAT parquet, PARTITION_BY (project, month), FILENAME_PATTERN 'part-{i}', FILE_EXTENSION 'parquet', OVERWRITE_OR_IGNORE true)`);
	return Number(copied?.Count ?? 0);
}

const changedUnder = (staging: string, machineId: string, what: string) =>
	new Error(`${staging} was changed under this push (${what}): another process removed or wrote its files (a second database with machine id ${machineId}?). Nothing was replaced; push again`);

/** The staged files and their rows, counted again from the files: they must hold every row the push selected. */
async function countStaged(database: Database, staging: string, selected: number, machineId: string): Promise<Array<{path: string; rows: number}>> {
	const staged = await filesUnder(staging, '.parquet');
	const counted = staged.length === 0 ? [] : await database.all<{file: string; rows: number}>(
		`SELECT filename AS file, count(*)::INTEGER AS rows FROM read_parquet($files, filename = true) GROUP BY filename`,
		{files: listValue(staged)},
	).catch((error: Error) => {
		throw changedUnder(staging, machineId, error.message.split('\n')[0]!);
	});
	const rowsOf = new Map(counted.map(row => [row.file, row.rows]));
	const files = staged.map(file => ({path: relativeTo(staging, file), rows: rowsOf.get(file) ?? 0}));
	const total = files.reduce((sum, file) => sum + file.rows, 0);
	if (total !== selected) throw changedUnder(staging, machineId, `its files hold ${total} of the ${selected} invocations it selected`);
	return files;
}

/** Just before the folder goes in place: the staged files are still exactly those the manifest lists. */
async function checkStaged(staging: string, manifest: LakeManifest, machineId: string): Promise<void> {
	const present = (await filesUnder(staging, '')).map(file => relativeTo(staging, file));
	const listed = [...manifest.files.map(file => file.path), MANIFEST].sort();
	if (present.join('\n') !== listed.join('\n')) throw changedUnder(staging, machineId, `${present.length} files where its manifest lists ${listed.length}`);
}

/**
 * Writes this machine's folder anew: every file and the manifest under DIR/.staging, counted
 * again, then the folder is renamed whole into the place of the last push (staging.ts), when this
 * database is the one that pushes its machine id (owner.ts).
 */
export async function pushLake(database: Database, options: PushOptions): Promise<PushReport> {
	const root = await lakeRoot(options.dir, true);
	return capped(database, options.memoryLimit, async () => pushCapped(database, root, options));
}

async function pushCapped(database: Database, root: string, options: PushOptions): Promise<PushReport> {
	const machine = await localMachine(database);
	const pusher = {hostFile: options.hostFile, database: await databaseFile(database)};
	const host = await checkOwner(root, machine.machine_id, pusher);
	await claimMachine(options.hostFile, machine.machine_id, pusher.database);
	await removeLeftovers(root, machine.machine_id, host.host_id, Date.now());
	const stem = stemOf(machine.machine_id, host.host_id, process.pid, Date.now());
	const staging = path.join(root, STAGING, stem);
	await mkdir(path.join(root, STAGING), {recursive: true});
	const now = new Date().toISOString();
	let manifest: LakeManifest;
	try {
		const selected = await copyRows(database, staging, options.anonymize);
		await options.pause?.('push-copied');
		const files = await countStaged(database, staging, selected, machine.machine_id);
		manifest = await manifestFor(database, files, options.anonymize, {...machine, host_id: host.host_id}, now);
		await writeFile(path.join(staging, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
		await options.pause?.('push-staged');
		await checkStaged(staging, manifest, machine.machine_id);
		await checkOwner(root, machine.machine_id, pusher);
		await replaceFolder(root, machine.machine_id, stem, options.pause);
	} finally {
		// Gone once in place; what a failed push staged goes with it.
		await rm(staging, {recursive: true, force: true});
	}

	await database.run(`UPDATE machines SET pushed_at = $now::TIMESTAMPTZ WHERE machine_id = ${LOCAL_MACHINE}`, {now});
	return {dir: root, folder: path.join(root, machineFolder(machine.machine_id)), machine_id: machine.machine_id, name: machine.name, anonymized: options.anonymize, projects: manifest.projects.length, files: manifest.files.length, rows: manifest.rows, pushed_at: now};
}
