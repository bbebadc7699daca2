import {createHash} from 'node:crypto';
import {listValue} from '../store/duckdb.js';
import type {Database} from '../store/database.js';
import {LAKE_COLUMN_NAMES, LAKE_COLUMNS, LAKE_LATER_COLUMNS} from './layout.js';
import type {LakeManifest} from './manifest.js';
import {checkRows, type Dropped} from './validate.js';

/** Pulled rows, keyed as stored here: the machine's project under its local id (lake/pull.ts). */
export const LAKE_ROWS = 'lake_rows';

/** The local id of a project pulled from a machine: one project row per machine and project. */
export const pulledProjectId = (machine: string, project: string) => createHash('sha256').update(`machine:${machine}:${project}`).digest('hex').slice(0, 16);

export async function createLakeRows(database: Database): Promise<void> {
	await database.run(`CREATE OR REPLACE TEMP TABLE ${LAKE_ROWS} AS
		SELECT ''::VARCHAR AS machine_id, ''::VARCHAR AS project_id, ${LAKE_COLUMN_NAMES} FROM skill_usage LIMIT 0`);
}

const READ = `read_parquet($files, hive_partitioning = true, hive_types = {'machine': VARCHAR, 'project': VARCHAR, 'month': VARCHAR})`;

const firstLine = (error: unknown) => (error as Error).message.split('\n')[0];

/**
 * What the files' footers say (columns, rows per file), read without the rows: why they cannot
 * be pulled, or how to select their columns. Every column must be there with its type, but those
 * the lake gained later (LAKE_LATER_COLUMNS) may be missing: a folder pushed before them.
 */
async function checkFiles(database: Database, manifest: LakeManifest, files: string[]): Promise<{problem: string} | {columns: string}> {
	try {
		const columns = await database.all<{name: string; type: string}>(`SELECT column_name AS name, column_type AS type FROM (DESCRIBE SELECT * FROM ${READ})`, {files: listValue(files)});
		const types = new Map(columns.map(column => [column.name, column.type]));
		const wrong = LAKE_COLUMNS.find(([name, type]) => types.get(name) !== type && !(LAKE_LATER_COLUMNS.has(name) && !types.has(name)));
		if (wrong) return {problem: `a file is damaged: column ${wrong[0]} is ${types.get(wrong[0]) ?? 'missing'}, not ${wrong[1]}`};
		const counts = await database.all<{file: string; rows: number}>(`SELECT file_name AS file, num_rows::INTEGER AS rows FROM parquet_file_metadata($files)`, {files: listValue(files)});
		const counted = new Map(counts.map(row => [row.file, row.rows]));
		for (const [index, listed] of manifest.files.entries()) {
			const rows = counted.get(files[index]!) ?? 0;
			if (rows !== listed.rows) return {problem: `${listed.path}: ${rows} rows, ${listed.rows} in the manifest (damaged)`};
		}

		// Every column by name, in LAKE_COLUMNS' order; one the files lack as its rows hold it.
		return {columns: LAKE_COLUMNS.map(([name]) => (types.has(name) ? name : `${LAKE_LATER_COLUMNS.get(name)!} AS ${name}`)).join(', ')};
	} catch (error) {
		return {problem: `a file is damaged: ${firstLine(error)}`};
	}
}

export type MachineRead = {problem: string} | {dropped: Dropped[]};

/**
 * Reads one machine's files into `lake_rows`, or says why they cannot be: a file DuckDB cannot
 * read, columns that are not ours, row counts that differ from the manifest, rows no skillscope
 * writes (validate.ts). Nothing is added then. One pass over the rows: the footers are checked
 * first, and each project's local id is joined in. `since`: only what was invoked from then on
 * (a machine this database was, until it took a new id: registry/machines.ts).
 */
export async function readMachineFiles(database: Database, machineId: string, manifest: LakeManifest, files: string[], since: string | null): Promise<MachineRead> {
	if (files.length === 0) return {dropped: []};
	const checked = await checkFiles(database, manifest, files);
	if ('problem' in checked) return checked;
	const origins = manifest.projects.map(project => project.project_id);
	try {
		await database.run(`INSERT INTO ${LAKE_ROWS}
			SELECT $machine, ids.project_id, ${LAKE_COLUMN_NAMES} FROM (SELECT project, ${checked.columns} FROM ${READ}) r
			JOIN (SELECT unnest($origins) AS origin, unnest($ids) AS project_id) ids ON ids.origin = r.project
			WHERE $since::TIMESTAMPTZ IS NULL OR r.invoked_at >= $since::TIMESTAMPTZ`,
		{machine: machineId, files: listValue(files), origins: listValue(origins), ids: listValue(origins.map(origin => pulledProjectId(machineId, origin))), since});
		const verdict = await checkRows(database, LAKE_ROWS, machineId, {files, listed: manifest.files.map(file => file.path), columns: checked.columns});
		if ('dropped' in verdict) return verdict;
		await database.run(`DELETE FROM ${LAKE_ROWS} WHERE machine_id = $machine`, {machine: machineId});
		return {problem: `a file is damaged: ${verdict.damaged}`};
	} catch (error) {
		await database.run(`DELETE FROM ${LAKE_ROWS} WHERE machine_id = $machine`, {machine: machineId});
		return {problem: `a file is damaged: ${firstLine(error)}`};
	}
}

/** A key twice in the pulled rows (a hand-made file) is one invocation: the last one collected. Counted first: a sort of every row costs seconds. */
export async function dedupeLakeRows(database: Database): Promise<void> {
	const KEY = 'machine_id, project_id, skill_name, invoked_at, session_key';
	const check = await database.one<{twice: boolean}>(`SELECT count(*) > count(DISTINCT (${KEY})) AS twice FROM ${LAKE_ROWS}`);
	if (!check?.twice) return;
	await database.run(`CREATE OR REPLACE TEMP TABLE ${LAKE_ROWS} AS
		SELECT * FROM ${LAKE_ROWS} QUALIFY row_number() OVER (PARTITION BY ${KEY} ORDER BY collected_at DESC) = 1`);
}
