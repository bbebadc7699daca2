import type {Database} from './database.js';

/** Small facts about the database itself (aggregate zone, last change), as text. */
export async function getSetting(database: Database, key: string): Promise<string | undefined> {
	const row = await database.one<{value: string | null}>(`SELECT value FROM settings WHERE key = $key`, {key});
	return row?.value ?? undefined;
}

export async function setSetting(database: Database, key: string, value: string): Promise<void> {
	await database.run(`INSERT INTO settings VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, {key, value});
}

/** Rollups computed before this instant are stale. */
export async function markDataChanged(database: Database): Promise<void> {
	await setSetting(database, 'data_changed_at', new Date().toISOString());
}
