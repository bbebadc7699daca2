import {mkdir, stat} from 'node:fs/promises';
import path from 'node:path';
import {localPath} from '../store/local-path.js';
import {UsageError} from '../../errors.js';

/*
 * The lake folder (issue 16): one folder per machine, written only by that machine,
 *   DIR/machine=<id>/project=<project_id>/month=<YYYY-MM>/part-<n>.parquet
 *   DIR/machine=<id>/manifest.json
 * so that `DIR/machine=*\/**\/*.parquet` is exactly the invocations of every machine, in a layout
 * every engine reads as hive partitions. A push is written whole under DIR/.staging/ first and the
 * folder renamed into place (lake/staging.ts): a glob over DIR/machine=* never sees half of one.
 */

export const MANIFEST = 'manifest.json';
export const STAGING = '.staging';
export const LAKE_FORMAT = 'skillscope-lake';

export const MACHINE_FOLDER = /^machine=([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
/** What a folder of ours may hold below the machine: anything else is not of our writing. */
export const PART_FILE = /^project=[0-9a-f]{16}\/month=\d{4}-\d{2}\/part-\d+\.parquet$/;

export const machineFolder = (machineId: string) => `machine=${machineId}`;

/**
 * The columns of each Parquet file, in order: skill_usage's, less what the path holds (machine,
 * project) and what only the writing machine can use (which transcript file owns a row). How the
 * work ended and which text of the skill ran travel (schema 6: outcome, retried, the body's
 * fingerprint, the plugin's version); the bodies never do (skill_bodies stays on the machine).
 */
export const LAKE_COLUMNS = [
	['skill_name', 'VARCHAR'],
	['invoked_at', 'TIMESTAMP WITH TIME ZONE'],
	['session_key', 'VARCHAR'],
	['session_id', 'VARCHAR'],
	['completed_at', 'TIMESTAMP WITH TIME ZONE'],
	['duration_ms', 'DOUBLE'],
	['status', 'VARCHAR'],
	['success', 'BOOLEAN'],
	['followup_actions', 'INTEGER'],
	['workflow_path', 'VARCHAR'],
	['error_type', 'VARCHAR'],
	// Text, not DuckDB's JSON type: Polars reads a Parquet column of that type as binary.
	['metadata', 'VARCHAR'],
	['collected_at', 'TIMESTAMP WITH TIME ZONE'],
	['source', 'VARCHAR'],
	['trigger', 'VARCHAR'],
	['kind', 'VARCHAR'],
	['plugin', 'VARCHAR'],
	['agent_id', 'VARCHAR'],
	['tool_errors', 'INTEGER'],
	['output_tokens', 'BIGINT'],
	['load_ms', 'DOUBLE'],
	['outcome', 'VARCHAR'],
	['retried', 'BOOLEAN'],
	['fingerprint', 'VARCHAR'],
	['plugin_version', 'VARCHAR'],
] as const;

/**
 * The columns a lake file may lack, with what such a row holds: files pushed before the lake
 * carried outcomes (their manifests say no more than any other: the columns are what tells)
 * are read as rows whose outcome is not known and that were not retried.
 */
export const LAKE_LATER_COLUMNS: ReadonlyMap<string, string> = new Map([
	['outcome', 'NULL::VARCHAR'],
	['retried', 'FALSE'],
	['fingerprint', 'NULL::VARCHAR'],
	['plugin_version', 'NULL::VARCHAR'],
]);

export const LAKE_COLUMN_NAMES = LAKE_COLUMNS.map(([name]) => name).join(', ');

/** The lake folder as an absolute local path; `create` makes it (push), otherwise it must exist (pull). */
export async function lakeRoot(dir: string, create: boolean): Promise<string> {
	const root = localPath(dir, 'the lake folder');
	// stat, not lstat: a lake folder is often a link to a mount (a NAS, a synced folder).
	const found = await stat(root).catch(() => undefined);
	if (found && !found.isDirectory()) throw new UsageError(`${root}: not a folder (the lake is a folder that every machine writes into)`);
	if (found) return root;
	if (!create) throw new UsageError(`${root}: no such lake folder`);
	await mkdir(root, {recursive: true}).catch((error: NodeJS.ErrnoException) => {
		const why = error.code === 'EACCES' || error.code === 'EPERM' ? 'permission denied' : error.code === 'ENOTDIR' || error.code === 'EEXIST' ? 'a file stands where a folder of its path should be' : error.message;
		throw new UsageError(`${root}: cannot make the lake folder: ${why}`);
	});
	return root;
}

/** A path DuckDB reads or writes inside the lake, as a SQL string literal: COPY takes no parameter for its target. */
export function sqlPath(file: string): string {
	localPath(file, 'a lake path');
	return `'${file.replaceAll("'", "''")}'`;
}

export const relativeTo = (root: string, file: string) => path.relative(root, file).split(path.sep).join('/');
