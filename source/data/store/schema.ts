import {VERSION_1} from './migrations/v1-design-tables.js';
import {VERSION_2} from './migrations/v2-unkeyed-tables.js';
import {VERSION_3} from './migrations/v3-session-lists.js';
import {VERSION_4} from './migrations/v4-transcripts.js';
import {VERSION_5} from './migrations/v5-machines.js';
import {VERSION_6} from './migrations/v6-outcomes.js';
import {VERSION_7} from './migrations/v7-listings.js';
import {VERSION_8} from './migrations/v8-unkeyed-listings.js';
import {VERSION_9} from './migrations/v9-listing-sets.js';
import type {SqlSession} from './sql-session.js';

/** '*' (never NULL) is the cross-project scope of the rollups, so that their keys hold. */
export const ALL_PROJECTS = '*';

/** Each entry moves the schema one version forward (migrations/); never edit a released one, append. */
export const MIGRATIONS: ReadonlyArray<readonly string[]> = [VERSION_1, VERSION_2, VERSION_3, VERSION_4, VERSION_5, VERSION_6, VERSION_7, VERSION_8, VERSION_9];

export const SCHEMA_VERSION = MIGRATIONS.length;

export async function schemaVersion(database: SqlSession): Promise<number> {
	const row = await database.one<{version: number | null}>(`SELECT max(version)::INTEGER AS version FROM schema_version`);
	return row?.version ?? 0;
}

const DESIGN_TABLES = ['projects', 'skill_usage', 'skill_aggregates', 'workflow_executions'];

/**
 * A file made by the original design's tool has its tables but no version table. Its rows are
 * kept, renamed to `legacy_<table>`, so that nothing the user had is lost and ours can be created.
 */
async function keepLegacyTables(database: SqlSession): Promise<void> {
	const existing = await database.all<{name: string}>(
		`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main' AND table_catalog = current_database()`,
	);
	const names = new Set(existing.map(row => row.name));
	if (names.has('schema_version')) return;
	const found = DESIGN_TABLES.filter(table => names.has(table));
	if (found.length === 0) return;
	// Copy then drop, in one transaction: DuckDB refuses to rename a table that has indexes.
	await database.transaction(async () => {
		for (const table of found) {
			await database.run(`CREATE TABLE "legacy_${table}" AS SELECT * FROM "${table}"`);
		}

		for (const table of found.toReversed()) await database.run(`DROP TABLE "${table}" CASCADE`);
	});
}

/** The version, or undefined for a file without the version table (a new one, or the original design's). */
async function versionIfAny(database: SqlSession): Promise<number | undefined> {
	try {
		return await schemaVersion(database);
	} catch (error) {
		if (/Table with name schema_version does not exist/.test((error as Error).message)) return undefined;
		throw error;
	}
}

export async function migrate(database: SqlSession): Promise<void> {
	// Every call opens the database: one query when it is up to date; the legacy check and the
	// version table only for a file that has none (they were 3 of the 5 statements of each open).
	let current = await versionIfAny(database);
	if (current === undefined) {
		await keepLegacyTables(database);
		await database.run(`CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)`);
		current = 0;
	}

	if (current > SCHEMA_VERSION) {
		throw new Error(`the database has schema version ${current}, newer than this skillscope (${SCHEMA_VERSION}); upgrade skillscope`);
	}

	for (let version = current + 1; version <= SCHEMA_VERSION; version++) {
		const statements = MIGRATIONS[version - 1] ?? [];
		await database.transaction(async () => {
			for (const statement of statements) await database.run(statement);
			await database.run(`INSERT INTO schema_version VALUES ($version, now())`, {version});
		});
	}
}
