import {listValue} from './duckdb.js';
import type {Database} from './database.js';

/** Small facts about the database itself (aggregate zone, last change), as text. */
export async function getSetting(database: Database, key: string): Promise<string | undefined> {
	const row = await database.one<{value: string | null}>(`SELECT value FROM settings WHERE key = $key`, {key});
	return row?.value ?? undefined;
}

/**
 * Several settings in one query: each query is a round trip to DuckDB's threads (3–8 ms on a
 * busy machine), and the freshness checks of one collect asked a dozen times.
 */
export async function getSettings<K extends string>(database: Database, keys: readonly K[]): Promise<Partial<Record<K, string>>> {
	const rows = await database.all<{key: K; value: string | null}>(`SELECT key, value FROM settings WHERE list_contains($keys, key)`, {
		keys: listValue([...keys]),
	});
	const found: Partial<Record<K, string>> = {};
	for (const row of rows) if (row.value !== null) found[row.key] = row.value;
	return found;
}

export async function setSetting(database: Database, key: string, value: string): Promise<void> {
	await setSettings(database, {[key]: value});
}

/** Several settings in one statement (one round trip, as getSettings reads them). */
export async function setSettings(database: Database, values: Readonly<Record<string, string>>): Promise<void> {
	const keys = Object.keys(values);
	await database.run(`INSERT INTO settings SELECT unnest($keys::VARCHAR[]), unnest($values::VARCHAR[]) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, {
		keys: listValue(keys),
		values: listValue(keys.map(key => values[key]!)),
	});
}

/** Rollups computed before this instant are stale. */
export async function markDataChanged(database: Database): Promise<void> {
	await setSetting(database, 'data_changed_at', new Date().toISOString());
}
