import {after} from 'node:test';
import {collect, type CollectOptions, type CollectReport} from '../../source/data/collect/collector.js';
import {Database} from '../../source/data/store/database.js';
import type {UsageMetrics} from '../../source/domain/metrics.js';
import {readdir} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {registerProject, type Project} from '../../source/data/registry/registry.js';
import {makeProject, type FileTree} from './temp.js';

/* In-memory databases for one test file, closed when the file's tests are done. */
const opened: Database[] = [];
after(async () => {
	await Promise.all(opened.splice(0).map(async database => database.close()));
});

export async function openDatabase(): Promise<Database> {
	const database = await Database.open(':memory:');
	opened.push(database);
	return database;
}

/** Every zone UTC, so that naive times are UTC instants and buckets are UTC days. */
export const UTC: Omit<CollectOptions, 'projectIds'> = {naiveTimezone: 'UTC', displayTimezone: 'UTC'};

export function collectUtc(database: Database, options: Partial<CollectOptions> = {}): Promise<CollectReport> {
	return collect(database, {...UTC, ...options});
}

/** A project directory holding `files`, registered in `database`. */
export async function addProject(database: Database, files: FileTree, options: {name?: string; type?: string} = {}): Promise<Project & {dir: string}> {
	const dir = await makeProject(files);
	const {project} = await registerProject(database, dir, options);
	return {...project, dir};
}

export interface UsageRow {
	project_id: string;
	skill_name: string;
	invoked_at: string;
	session_id: string | null;
	completed_at: string | null;
	duration_ms: number | null;
	status: string;
	success: boolean | null;
	followup_actions: number;
	workflow_path: string | null;
	error_type: string | null;
	metadata: Record<string, unknown>;
}

/** `skill_usage` as plain values (ISO-8601 UTC instants, parsed metadata), oldest first. */
export async function usageRows(database: Database, projectId?: string): Promise<UsageRow[]> {
	const rows = await database.all<Omit<UsageRow, 'metadata'> & {metadata: string}>(
		`SELECT project_id, skill_name, iso(invoked_at) AS invoked_at, session_id, iso(completed_at) AS completed_at,
			duration_ms, status, success, followup_actions, workflow_path, error_type, metadata::VARCHAR AS metadata
		FROM skill_usage WHERE $project IS NULL OR project_id = $project
		ORDER BY invoked_at, skill_name, session_key, project_id`,
		{project: projectId ?? null},
	);
	return rows.map(row => ({...row, metadata: JSON.parse(row.metadata) as Record<string, unknown>}));
}

/** Every column of a table as text, in a stable order: for "nothing changed" comparisons. */
export async function tableDump(database: Database, table: 'skill_usage' | 'skill_aggregates' | 'projects'): Promise<string[]> {
	const rows = await database.all<{line: string}>(`SELECT CAST(t AS VARCHAR) AS line FROM "${table}" t ORDER BY line`);
	return rows.map(row => row.line);
}

export interface AggregateRow extends UsageMetrics {
	project_id: string;
	skill_name: string;
	time_window: string;
	bucket_start: string;
	duration_count: number;
	first_used: string | null;
}

/** Rollup rows of one scope ('*' for all active projects) and window, by bucket then skill. */
export async function aggregateRows(database: Database, projectId: string, window: string): Promise<AggregateRow[]> {
	return database.all<AggregateRow & Record<string, unknown>>(
		`SELECT project_id, skill_name, time_window, strftime(bucket_start, '%Y-%m-%d') AS bucket_start,
			total_invocations, successful_completions, failed_invocations, pending_invocations, success_rate,
			avg_duration_ms, duration_count, avg_followup_actions, iso(first_used) AS first_used, iso(last_used) AS last_used
		FROM skill_aggregates WHERE project_id = $project AND time_window = $window
		ORDER BY bucket_start, skill_name`,
		{project: projectId, window},
	);
}

/** The bundled demo projects (fixtures/demo), registered by their directory names and collected in UTC. */
export async function collectDemo(database: Database): Promise<void> {
	const demo = fileURLToPath(new URL('../../fixtures/demo/', import.meta.url));
	for (const entry of await readdir(demo, {withFileTypes: true})) {
		if (entry.isDirectory()) await registerProject(database, path.join(demo, entry.name), {name: entry.name});
	}

	await collectUtc(database);
}
