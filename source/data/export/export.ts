import {lstat, rename, rm} from 'node:fs/promises';
import path from 'node:path';
import {freshRollups} from '../rollups/fresh.js';
import type {Database} from '../store/database.js';
import {localPath} from '../store/local-path.js';
import {UsageError} from '../../errors.js';
import {ALL_PROJECTS} from '../store/schema.js';

export const EXPORT_FORMATS = ['json', 'csv', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_WHAT = ['usage', 'aggregates'] as const;
export type ExportWhat = (typeof EXPORT_WHAT)[number];

export interface ExportOptions {
	format: ExportFormat;
	what: ExportWhat;
	output: string;
	/** Project paths and names become ids; session ids, queries and free-text errors are dropped. */
	anonymize: boolean;
	force: boolean;
	/** Zone of the aggregate buckets, brought up to date before they are exported. */
	timezone: string;
	/** Only this machine's invocations (usage only: the rollups are of every machine). */
	machineId?: string;
}

export interface ExportResult {
	file: string;
	format: ExportFormat;
	what: ExportWhat;
	anonymized: boolean;
	rows: number;
}

/**
 * A short id per project, stable within one export: `project-1`, `project-2`, ... in the order of
 * their ids. Not the project_id: that is a hash of the path, and a path can be guessed and hashed.
 */
const ANONYMOUS_IDS = `(SELECT project_id, 'project-' || row_number() OVER (ORDER BY project_id) AS anon_id FROM projects)`;

/** ISO-8601 text in text formats; parquet keeps real timestamps. */
function instant(column: string, format: ExportFormat): string {
	return format === 'parquet' ? `${column}` : `iso(${column})`;
}

/** Rows of the machine $machine, or of every machine when it is NULL. */
const OF_MACHINE = `($machine IS NULL OR u.project_id IN (SELECT project_id FROM projects WHERE machine_id = $machine))`;

/**
 * How each use ended and which text of the skill it ran (outcomes.md): the fingerprint names the
 * text, the body never leaves the database (it is skill text a user may keep private), anonymized
 * or not.
 */
const OUTCOME_COLUMNS = 'u.outcome, u.retried, u.fingerprint, u.plugin_version';

function usageQuery(format: ExportFormat, anonymize: boolean): string {
	const at = (column: string) => `${instant(`u.${column}`, format)} AS ${column}`;
	if (anonymize) {
		// What stays is what the metrics need; everything a person typed or a path names is gone.
		return `SELECT a.anon_id AS project, u.skill_name, ${at('invoked_at')}, ${at('completed_at')}, u.duration_ms,
				u.status, u.success, u.followup_actions, ${OUTCOME_COLUMNS}
			FROM skill_usage u JOIN ${ANONYMOUS_IDS} a USING (project_id)
			WHERE ${OF_MACHINE}
			ORDER BY project, u.invoked_at, u.skill_name, u.session_key`;
	}

	return `SELECT u.project_id, p.project_name, p.project_path, u.skill_name, ${at('invoked_at')}, ${at('completed_at')},
			u.duration_ms, u.status, u.success, u.followup_actions, u.session_id, u.workflow_path, u.error_type,
			u.metadata::VARCHAR AS metadata, ${OUTCOME_COLUMNS}
		FROM skill_usage u LEFT JOIN projects p USING (project_id)
		WHERE ${OF_MACHINE}
		ORDER BY u.project_id, u.invoked_at, u.skill_name, u.session_key`;
}

function aggregatesQuery(format: ExportFormat, anonymize: boolean): string {
	const columns = `g.skill_name, g.time_window, strftime(g.bucket_start, '%Y-%m-%d') AS bucket_start, g.total_invocations,
		g.successful_completions, g.failed_invocations, g.pending_invocations, g.success_rate, g.avg_duration_ms,
		g.duration_count, g.avg_followup_actions, ${instant('g.first_used', format)} AS first_used, ${instant('g.last_used', format)} AS last_used,
		g.clean_finishes, g.interrupted, g.rejected, g.errored, g.load_failed, g.retried`;
	const order = `ORDER BY project, g.time_window, g.bucket_start, g.skill_name`;
	if (anonymize) {
		return `SELECT CASE WHEN g.project_id = '${ALL_PROJECTS}' THEN '${ALL_PROJECTS}' ELSE a.anon_id END AS project, ${columns}
			FROM skill_aggregates g LEFT JOIN ${ANONYMOUS_IDS} a USING (project_id) ${order}`;
	}

	return `SELECT g.project_id AS project, CASE WHEN g.project_id = '${ALL_PROJECTS}' THEN 'all active projects' ELSE p.project_name END AS project_name,
			${columns}
		FROM skill_aggregates g LEFT JOIN projects p USING (project_id) ${order}`;
}

const COPY_OPTIONS: Record<ExportFormat, string> = {
	json: 'FORMAT json, ARRAY true',
	csv: 'FORMAT csv, HEADER true',
	parquet: 'FORMAT parquet',
};

/** A file path as a SQL string literal: COPY takes no parameter for its target. */
function literal(text: string): string {
	return `'${text.replaceAll("'", "''")}'`;
}

/**
 * Writes the rows through DuckDB's COPY into a temporary file beside the target, then renames it:
 * the target is either the whole export or untouched. An existing file is kept unless `force`.
 */
export async function exportData(database: Database, options: ExportOptions): Promise<ExportResult> {
	const file = localPath(options.output, '--output');
	const target = await lstat(file).catch(() => undefined);
	// --force replaces a file; a directory is never one (the rename would fail with a raw EISDIR).
	if (target?.isDirectory()) throw new UsageError(`${file} is a directory; --output names the file to write`);
	if (!options.force && target) throw new UsageError(`${file} exists; choose another --output or add --force to overwrite it`);

	const directory = path.dirname(file);
	const info = await lstat(directory).catch(() => undefined);
	if (!info?.isDirectory()) throw new UsageError(`${directory}: no such directory for --output`);
	if (options.what === 'aggregates' && options.machineId !== undefined) throw new UsageError('--machine applies to --what usage: the rollups are of every machine');
	if (options.what === 'aggregates') await freshRollups(database, {zone: options.timezone});
	const query = options.what === 'usage' ? usageQuery(options.format, options.anonymize) : aggregatesQuery(options.format, options.anonymize);
	const partial = path.join(directory, `.${path.basename(file)}.${process.pid}.partial`);
	try {
		const params = options.what === 'usage' ? {machine: options.machineId ?? null} : undefined;
		await database.run(`COPY (${query}) TO ${literal(partial)} (${COPY_OPTIONS[options.format]})`, params);
		await rename(partial, file);
	} finally {
		await rm(partial, {force: true});
	}

	const table = options.what === 'usage' ? 'skill_usage' : 'skill_aggregates';
	const counted = options.what === 'usage'
		? await database.one<{rows: number}>(`SELECT count(*)::INTEGER AS rows FROM skill_usage u WHERE ${OF_MACHINE}`, {machine: options.machineId ?? null})
		: await database.one<{rows: number}>(`SELECT count(*)::INTEGER AS rows FROM ${table}`);
	return {file, format: options.format, what: options.what, anonymized: options.anonymize, rows: counted?.rows ?? 0};
}
