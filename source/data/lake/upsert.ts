import {listValue} from '../store/duckdb.js';
import type {Database} from '../store/database.js';
import type {LakeManifest} from './manifest.js';
import {LAKE_ROWS, pulledProjectId} from './read.js';
import {DERIVED_PROJECT_TABLES, deleteProjectRows} from '../store/project-rows.js';

/** The key of a row plus its machine: a pulled project's local id belongs to one machine. */
const SAME_KEY = (a: string, b: string) =>
	`${a}.project_id = ${b}.project_id AND ${a}.skill_name = ${b}.skill_name AND ${a}.invoked_at = ${b}.invoked_at AND ${a}.session_key = ${b}.session_key`;

/** Everything a stored row holds that a newer push may have changed (collected_at aside). */
const CONTENT = [
	'session_id', 'completed_at', 'duration_ms', 'status', 'success', 'followup_actions', 'workflow_path', 'error_type', 'source', 'trigger', 'kind', 'plugin', 'agent_id',
	'tool_errors', 'output_tokens', 'load_ms',
	// A transcript read again after schema 6 changes only these: the pulled row follows it.
	'outcome', 'retried', 'fingerprint', 'plugin_version',
];
const content = (alias: string) => `(${CONTENT.map(column => `${alias}.${column}`).join(', ')}, ${alias}.metadata::VARCHAR)`;

const CUTOFF = `coalesce((SELECT value::TIMESTAMPTZ FROM settings WHERE key = 'retention_cutoff'), '-infinity'::TIMESTAMPTZ)`;

async function upsertMachines(database: Database, manifests: readonly LakeManifest[]): Promise<void> {
	for (const manifest of manifests) {
		await database.run(
			`INSERT INTO machines VALUES ($id, $name, $version, $pushed::TIMESTAMPTZ, now(), $anonymized)
			ON CONFLICT (machine_id) DO UPDATE SET name = excluded.name, schema_version = excluded.schema_version, pushed_at = excluded.pushed_at,
				pulled_at = excluded.pulled_at, anonymized = excluded.anonymized`,
			{id: manifest.machine_id, name: manifest.name, version: manifest.schema_version, pushed: manifest.pushed_at, anonymized: manifest.anonymized},
		);
	}
}

/** A pulled project's row: its name and type as its machine has them; active unless unregistered here. */
async function upsertProjects(database: Database, manifests: readonly LakeManifest[]): Promise<void> {
	const projects = manifests.flatMap(manifest => manifest.projects.map(project => ({machine: manifest.machine_id, ...project})));
	if (projects.length === 0) return;
	const list = (pick: (project: (typeof projects)[number]) => string) => listValue(projects.map(pick));
	await database.run(
		`INSERT INTO projects (project_id, project_path, project_name, project_type, registered_at, is_active, machine_id, origin_project_id)
		SELECT id, machine || ':' || place, name, type, now(), TRUE, machine, origin
		FROM (SELECT unnest($ids) AS id, unnest($machines) AS machine, unnest($origins) AS origin, unnest($places) AS place, unnest($names) AS name, unnest($types) AS type)
		ON CONFLICT (project_id) DO UPDATE SET project_name = excluded.project_name, project_type = excluded.project_type`,
		{
			ids: list(project => pulledProjectId(project.machine, project.project_id)),
			machines: list(project => project.machine),
			origins: list(project => project.project_id),
			// The path where its machine has it, when the push names it; it is never read here.
			places: list(project => project.project_path ?? project.project_id),
			names: list(project => project.project_name),
			types: list(project => project.project_type),
		},
	);
}

/**
 * Machines that switched --anonymize on or off since the last pull: their projects come under
 * other ids, so the projects stored under the old ones are the same rows twice and go (as --mirror).
 */
export async function switchedAnonymity(database: Database, manifests: readonly LakeManifest[]): Promise<LakeManifest[]> {
	const stored = await database.all<{machine_id: string; anonymized: boolean}>(`SELECT machine_id, anonymized FROM machines WHERE anonymized IS NOT NULL`);
	const before = new Map(stored.map(row => [row.machine_id, row.anonymized]));
	return manifests.filter(manifest => before.has(manifest.machine_id) && before.get(manifest.machine_id) !== manifest.anonymized);
}

export interface Upserted {
	byMachine: Map<string, {inserted: number; updated: number}>;
	changedProjects: string[];
}

/**
 * Rows new to this database are inserted, rows whose content changed (a pending one finished)
 * replaced, the rest left alone: pulling the same push twice changes nothing. Rows older than a
 * prune's cutoff were deleted on purpose and stay deleted. The caller owns the transaction.
 */
export async function upsertPulled(database: Database, manifests: readonly LakeManifest[]): Promise<Upserted> {
	await upsertMachines(database, manifests);
	await upsertProjects(database, manifests);
	await database.run(`CREATE OR REPLACE TEMP TABLE lake_changes AS
		SELECT r.*, u.project_id IS NOT NULL AS stored
		FROM ${LAKE_ROWS} r LEFT JOIN skill_usage u ON ${SAME_KEY('u', 'r')}
		WHERE r.invoked_at >= ${CUTOFF} AND (u.project_id IS NULL OR ${content('u')} IS DISTINCT FROM ${content('r')})`);
	await database.run(`DELETE FROM skill_usage u USING lake_changes c WHERE c.stored AND ${SAME_KEY('u', 'c')}`);
	await database.run(`INSERT INTO skill_usage BY NAME
		SELECT * EXCLUDE (machine_id, stored), FALSE AS window_open, NULL AS source_file, NULL::TIMESTAMPTZ AS owner_last_at
		FROM lake_changes`);
	const counts = await database.all<{machine_id: string; inserted: number; updated: number}>(
		`SELECT machine_id, count(*) FILTER (WHERE NOT stored)::INTEGER AS inserted, count(*) FILTER (WHERE stored)::INTEGER AS updated
		FROM lake_changes GROUP BY machine_id`,
	);
	const changed = await database.all<{project_id: string}>(`SELECT DISTINCT project_id FROM lake_changes ORDER BY project_id`);
	await database.run(`DROP TABLE IF EXISTS temp.lake_changes`);
	return {byMachine: new Map(counts.map(row => [row.machine_id, {inserted: row.inserted, updated: row.updated}])), changedProjects: changed.map(row => row.project_id)};
}

/**
 * --mirror: of each machine pulled, the rows it no longer pushes and the projects it no longer
 * has are deleted here, as if this database held a copy of its folder. Machines whose folder
 * was missing or skipped are left as they are. The caller owns the transaction.
 */
export async function mirrorMachines(database: Database, manifests: readonly LakeManifest[], goneOnly = false): Promise<Map<string, {rows: number; projects: string[]}>> {
	const result = new Map<string, {rows: number; projects: string[]}>();
	// goneOnly: only the projects the machine no longer pushes (switchedAnonymity), its others keep their history.
	const within = `SELECT project_id FROM projects WHERE machine_id = $machine${goneOnly ? " AND NOT list_contains(string_split($kept, ','), origin_project_id)" : ''}`;
	for (const manifest of manifests) {
		// Ids are hex: a comma-joined text binds when empty too, where an empty list has no type.
		const kept = {machine: manifest.machine_id, kept: manifest.projects.map(project => project.project_id).join(',')};
		// Every named parameter must be in the statement: `kept` only where `within` names it.
		const params = goneOnly ? kept : {machine: manifest.machine_id};
		const gone = await database.all<{project_id: string}>(
			`SELECT project_id FROM projects WHERE machine_id = $machine AND NOT list_contains(string_split($kept, ','), origin_project_id)`,
			kept,
		);
		const rows = await database.all<{project_id: string; rows: number}>(
			`SELECT project_id, count(*)::INTEGER AS rows FROM skill_usage u
			WHERE u.project_id IN (${within})
				AND NOT EXISTS (SELECT 1 FROM ${LAKE_ROWS} r WHERE ${SAME_KEY('u', 'r')})
			GROUP BY project_id`,
			params,
		);
		await database.run(
			`DELETE FROM skill_usage u WHERE u.project_id IN (${within})
				AND NOT EXISTS (SELECT 1 FROM ${LAKE_ROWS} r WHERE ${SAME_KEY('u', 'r')})`,
			params,
		);
		const goneIds = gone.map(row => row.project_id);
		await deleteProjectRows(database, goneIds, DERIVED_PROJECT_TABLES);
		if (goneIds.length > 0) await database.run(`DELETE FROM projects WHERE list_contains($ids, project_id)`, {ids: listValue(goneIds)});

		// Every project whose figures change: those that lost rows, and those gone.
		const projects = [...new Set([...rows.map(row => row.project_id), ...gone.map(row => row.project_id)])];
		result.set(manifest.machine_id, {rows: rows.reduce((sum, row) => sum + row.rows, 0), projects});
	}

	return result;
}
