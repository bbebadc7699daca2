import {listValue} from '@duckdb/node-api';
import type {Database} from './database.js';
import {LAKE_COLUMN_NAMES, LAKE_COLUMNS} from './lake-layout.js';
import type {LakeManifest} from './lake-manifest.js';

/** Pulled rows, keyed as stored here: the machine's project under its local id (lake-pull.ts). */
export const LAKE_ROWS = 'lake_rows';

/** The local id of a project pulled from a machine: one project row per machine and project. */
export const PULLED_PROJECT_ID = (machine: string, project: string) => `substr(sha256('machine:' || ${machine} || ':' || ${project}), 1, 16)`;

export async function createLakeRows(database: Database): Promise<void> {
	await database.run(`CREATE OR REPLACE TEMP TABLE ${LAKE_ROWS} AS
		SELECT ''::VARCHAR AS machine_id, ''::VARCHAR AS project_id, ${LAKE_COLUMN_NAMES} FROM skill_usage LIMIT 0`);
	// metadata is text in the files; the stage keeps it as text too.
	await database.run(`ALTER TABLE ${LAKE_ROWS} ALTER metadata TYPE VARCHAR`);
}

/**
 * Reads one machine's files into `lake_rows`, or says why they cannot be: a file DuckDB cannot
 * read, columns that are not ours, row counts that differ from the manifest. Nothing is added then.
 */
export async function readMachineFiles(database: Database, machineId: string, manifest: LakeManifest, files: string[]): Promise<string | undefined> {
	if (files.length === 0) return undefined;
	try {
		await database.run(`CREATE OR REPLACE TEMP TABLE lake_in AS
			SELECT * FROM read_parquet($files, hive_partitioning = true, filename = true,
				hive_types = {'machine': VARCHAR, 'project': VARCHAR, 'month': VARCHAR})`, {files: listValue(files)});
	} catch (error) {
		return `a file is damaged: ${(error as Error).message.split('\n')[0]}`;
	}

	try {
		const columns = await database.all<{name: string; type: string}>(`SELECT column_name AS name, column_type AS type FROM (DESCRIBE lake_in)`);
		const types = new Map(columns.map(column => [column.name, column.type]));
		const wrong = LAKE_COLUMNS.find(([name, type]) => types.get(name) !== type);
		if (wrong) return `a file is damaged: column ${wrong[0]} is ${types.get(wrong[0]) ?? 'missing'}, not ${wrong[1]}`;
		const counts = await database.all<{file: string; rows: number}>(`SELECT filename AS file, count(*)::INTEGER AS rows FROM lake_in GROUP BY filename`);
		const counted = new Map(counts.map(row => [row.file, row.rows]));
		for (const [index, listed] of manifest.files.entries()) {
			const rows = counted.get(files[index]!) ?? 0;
			if (rows !== listed.rows) return `${listed.path}: ${rows} rows, ${listed.rows} in the manifest (damaged)`;
		}

		// A key twice in one push is one invocation: the last one written.
		await database.run(`INSERT INTO ${LAKE_ROWS}
			SELECT $machine, ${PULLED_PROJECT_ID('$machine', 'project')}, ${LAKE_COLUMN_NAMES} FROM lake_in
			QUALIFY row_number() OVER (PARTITION BY project, skill_name, invoked_at, session_key ORDER BY collected_at DESC) = 1`, {machine: machineId});
		return undefined;
	} finally {
		await database.run(`DROP TABLE IF EXISTS temp.lake_in`);
	}
}
