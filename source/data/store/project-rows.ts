import type {Database} from './database.js';
import {listValue} from './duckdb.js';

/**
 * Every table that holds rows of one project, the derived ones too (made on first use, so they
 * may not exist yet): what a purge must empty, in one place, so that a table added later is not
 * left holding rows of a project that is gone. `projects` itself is the caller's to delete.
 */
const PROJECT_TABLES = [
	'skill_usage',
	'skill_aggregates',
	'skill_profiles',
	'skill_facets',
	'workflow_executions',
	'source_state',
	'transcript_files',
	'session_listings',
	'source_tails',
	'session_skill_counts',
	'session_pairs',
	'session_steps',
] as const;

/** Deletes the rows of these projects from every per-project table there is (not `projects`). */
export async function deleteProjectRows(database: Database, projectIds: readonly string[], tables: readonly string[] = PROJECT_TABLES): Promise<void> {
	if (projectIds.length === 0) return;
	const present = await database.all<{table_name: string}>(
		`SELECT table_name FROM duckdb_tables() WHERE NOT temporary AND list_contains($tables, table_name)`,
		{tables: listValue([...tables])},
	);
	const ids = listValue([...projectIds]);
	for (const table of tables.filter(name => present.some(row => row.table_name === name))) {
		await database.run(`DELETE FROM ${table} WHERE list_contains($ids, project_id)`, {ids});
	}

	// A listed set no session names any more keeps nothing of a project that is gone.
	if (present.some(row => row.table_name === 'session_listings')) {
		await database.run(`DELETE FROM listing_sets WHERE set_id NOT IN (SELECT DISTINCT set_id FROM session_listings)`);
	}
}

/** The per-project tables but the invocations: what goes with a project whose rows are handled apart. */
export const DERIVED_PROJECT_TABLES = PROJECT_TABLES.filter(table => table !== 'skill_usage');
