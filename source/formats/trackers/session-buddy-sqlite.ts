import {createRequire} from 'node:module';
import type {Database, SqlJsStatic, SqlValue} from 'sql.js';
import {readSqliteSnapshot} from './sqlite-snapshot.js';

/** The columns we read, in the order the JSON trackers write them; `embedding` is not ours. */
const COLUMNS = [
	'id',
	'skill_name',
	'invoked_at',
	'session_id',
	'workflow_path',
	'completed',
	'duration_seconds',
	'user_query',
	'alternatives_considered',
	'selection_rank',
	'follow_up_actions',
	'error_type',
	'workflow_phase',
	'workflow_step_id',
	'created_at',
] as const;

/** Stored as JSON text; session-buddy writes an empty list as NULL. */
const JSON_LIST_COLUMNS = new Set<string>(['alternatives_considered', 'follow_up_actions']);

class NotSessionBuddyError extends Error {}

let sqlJs: Promise<SqlJsStatic> | undefined;

/** Loaded on the first SQLite source: a collect with none (most) never pays for sql.js. */
function loadSqlJs(): Promise<SqlJsStatic> {
	if (!sqlJs) {
		const require = createRequire(import.meta.url);
		const wasm = require.resolve('sql.js/dist/sql-wasm.wasm');
		const initSqlJs = require('sql.js') as typeof import('sql.js').default;
		sqlJs = initSqlJs({locateFile: () => wasm});
		// A failed load should not poison every later read.
		sqlJs.catch(() => {
			sqlJs = undefined;
		});
	}
	return sqlJs;
}

/**
 * The rows of session-buddy's `skill_invocation` table, oldest first, as plain objects with the
 * field names and JS types of the JSON tracker format (variants B/C), not yet validated.
 */
export async function readSessionBuddySqlite(dbPath: string): Promise<Record<string, unknown>[]> {
	const [SQL, bytes] = await Promise.all([loadSqlJs(), readSqliteSnapshot(dbPath)]);
	let db: Database | undefined;
	try {
		db = new SQL.Database(bytes);
		return readRows(db, dbPath);
	} catch (error) {
		if (error instanceof NotSessionBuddyError) throw error;
		throw new Error(`${dbPath}: cannot read the SQLite database: ${(error as Error).message}`);
	} finally {
		db?.close();
	}
}

function readRows(db: Database, dbPath: string): Record<string, unknown>[] {
	const table = db.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'skill_invocation'");
	if (table.length === 0) {
		throw new NotSessionBuddyError(`${dbPath}: no skill_invocation table (not a session-buddy skills database)`);
	}
	const existing = new Set(db.exec('PRAGMA table_info(skill_invocation)')[0]?.values.map((column) => column[1]));
	// Naming the columns keeps the (possibly large) embedding blobs inside SQLite.
	const columns = COLUMNS.filter((name) => existing.has(name));
	if (columns.length === 0) return [];
	// `id` is the rowid alias; ordering by rowid also works for a table without it.
	const statement = db.prepare(`SELECT ${columns.map((name) => `"${name}"`).join(', ')} FROM skill_invocation ORDER BY rowid`);
	try {
		const rows: Record<string, unknown>[] = [];
		while (statement.step()) {
			const values = statement.get();
			const row: Record<string, unknown> = {};
			columns.forEach((name, index) => {
				row[name] = convert(name, values[index] ?? null);
			});
			rows.push(row);
		}
		return rows;
	} finally {
		statement.free();
	}
}

function convert(column: string, value: SqlValue): unknown {
	if (column === 'completed') {
		// Anything but 0/1 is kept so that validation can report it.
		return value === 0 ? false : value === 1 ? true : value;
	}
	if (JSON_LIST_COLUMNS.has(column)) {
		if (value === null) return [];
		if (typeof value !== 'string') return value;
		try {
			return JSON.parse(value) as unknown;
		} catch {
			return value;
		}
	}
	return value;
}
