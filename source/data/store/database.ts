import {closeSync, mkdirSync, openSync, readSync} from 'node:fs';
import path from 'node:path';
import {DatabaseBusyError, DatabaseError} from '../../errors.js';
import {type DuckDBConnection, DuckDBInstance} from './duckdb.js';
import {DUCKDB_OPTIONS} from './duckdb-options.js';
import {migrate} from './schema.js';
import type {Row, SqlParams, SqlSession} from './sql-session.js';

export type {Row, SqlParams} from './sql-session.js';

export {DatabaseBusyError, DatabaseError} from '../../errors.js';
export {defaultDbPath, resolveDbPath} from './database-path.js';

const notDuckDB = (file: string) => new DatabaseError(`${file}: not a skillscope (DuckDB) database; nothing was changed. Choose another file with --db`);

/**
 * A file of another kind is refused before DuckDB sees it: DuckDB opens a SQLite file (and others
 * it recognises) through an extension, which it would load from ~/.duckdb, or fail to find. Its
 * own files carry "DUCK" at byte 8; an absent or empty file becomes a new database.
 */
function refuseForeignFile(file: string): void {
	const header = Buffer.alloc(12);
	let length: number;
	try {
		const descriptor = openSync(file, 'r');
		try {
			length = readSync(descriptor, header, 0, header.length, 0);
		} finally {
			closeSync(descriptor);
		}
	} catch {
		return;
	}

	if (length > 0 && header.subarray(8, 12).toString('latin1') !== 'DUCK') throw notDuckDB(file);
}

function explainOpenError(error: unknown, file: string): DatabaseError {
	const message = error instanceof Error ? error.message : String(error);
	const lock = /Conflicting lock is held in .*?\(PID (\d+)\)/i.exec(message);
	if (lock || /Could not set lock/i.test(message)) {
		const pid = lock ? ` (pid ${lock[1]})` : '';
		return new DatabaseBusyError(`${file}: the database is in use by another skillscope process${pid}; close it or try again when it is done`);
	}

	if (/not a valid DuckDB database|Unable to open database|database file .* is not/i.test(message)) return notDuckDB(file);

	if (/older version|newer version|serialization/i.test(message)) {
		return new DatabaseError(`${file}: written by an incompatible DuckDB version: ${message.split('\n')[0]}`);
	}

	return new DatabaseError(`${file}: cannot open the database: ${message.split('\n')[0]}`);
}

export interface OpenOptions {
	/**
	 * Given by a one-shot caller (a command, an MCP call): a reader whose rollup refresh cannot be
	 * saved may then hold its writes unsaved (holdingWrites), and this hears why. The explorer
	 * gives none: its connection lives on beside collects, and a transaction held open would
	 * freeze what it sees.
	 */
	unsaved?: (why: string) => void;
}

/**
 * The one connection a process uses. Every query goes through `all`/`run` with named `$params`;
 * nothing builds SQL from user input.
 */
export class Database implements SqlSession {
	private constructor(
		readonly path: string,
		private readonly instance: DuckDBInstance,
		readonly connection: DuckDBConnection,
		private readonly ownsInstance = true,
	) {}

	static async open(file: string, options: OpenOptions = {}): Promise<Database> {
		if (file !== ':memory:') {
			mkdirSync(path.dirname(file), {recursive: true});
			refuseForeignFile(file);
		}

		let instance: DuckDBInstance;
		try {
			// In-memory databases must not be shared through the cache: each caller wants its own.
			instance = file === ':memory:' ? await DuckDBInstance.create(file, {...DUCKDB_OPTIONS}) : await DuckDBInstance.fromCache(file, {...DUCKDB_OPTIONS});
		} catch (error) {
			throw explainOpenError(error, file);
		}

		const database = new Database(file, instance, await instance.connect());
		database.unsaved = options.unsaved;
		try {
			await database.prepareSession();
			await migrate(database);
		} catch (error) {
			await database.close();
			throw error instanceof DatabaseError ? error : new DatabaseError(`${file}: ${(error as Error).message}`);
		}

		return database;
	}

	/** Per-connection state: settings and temp macros do not carry over to another connection. */
	private async prepareSession(): Promise<void> {
		// Instants are stored as TIMESTAMPTZ; UTC here keeps every cast independent of the machine.
		// One round trip for both.
		await this.run(
			`SET TimeZone = 'UTC'; CREATE OR REPLACE TEMP MACRO iso(ts) AS CASE WHEN ts IS NULL THEN NULL ELSE strftime(timezone('UTC', ts), '%Y-%m-%dT%H:%M:%S.%fZ') END`,
		);
	}

	/**
	 * A second connection to the same database, for work that runs beside the reads (a collect
	 * while the explorer queries): its transactions do not block or leak into this one's reads.
	 */
	async fork(): Promise<Database> {
		const forked = new Database(this.path, this.instance, await this.instance.connect(), false);
		this.forks.add(forked);
		await forked.prepareSession();
		return forked;
	}

	/** Queries under way, and connections forked from this one: closing waits for both. */
	private readonly inflight = new Set<Promise<unknown>>();
	private readonly forks = new Set<Database>();
	private closed = false;

	private track<T>(start: () => Promise<T>): Promise<T> {
		if (this.closed) return Promise.reject(new DatabaseError(`${this.path}: the database is closed`));
		const work = start();
		this.inflight.add(work);
		const settle = () => this.inflight.delete(work);
		work.then(settle, settle);
		return work;
	}

	async all<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]> {
		const reader = await this.track(async () => this.connection.runAndReadAll(sql, params));
		return reader.getRowObjectsJS() as T[];
	}

	async one<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T | undefined> {
		const rows = await this.all<T>(sql, params);
		return rows[0];
	}

	async run(sql: string, params?: SqlParams): Promise<void> {
		await this.track(async () => this.connection.run(sql, params));
	}

	/** Transactions on this connection, one after another: DuckDB has no nested ones. */
	private transactions: Promise<unknown> = Promise.resolve();
	private unsaved?: (why: string) => void;
	/** Every write from here on is in one transaction that is never committed (holdingWrites). */
	private held = false;

	/**
	 * Runs `work` in one transaction: all of it lands, or none of it. Callers that overlap (the
	 * explorer refreshing rollups while a project is purged) wait their turn.
	 */
	async transaction<T>(work: () => Promise<T>): Promise<T> {
		const turn = this.transactions.then(async () => {
			// Held: the work joins the one transaction that close() drops.
			if (this.held) return work();
			await this.run('BEGIN TRANSACTION');
			try {
				const result = await work();
				await this.run('COMMIT');
				return result;
			} catch (error) {
				await this.run('ROLLBACK').catch(() => undefined);
				throw error;
			}
		});
		this.transactions = turn.catch(() => undefined);
		return turn;
	}

	/** Whether this connection may hold its writes unsaved (see OpenOptions.unsaved), and does not yet. */
	get canHoldWrites(): boolean {
		return this.unsaved !== undefined && !this.held;
	}

	/**
	 * For a one-shot reader whose writes cannot be saved (a full disk, a file that cannot grow):
	 * `work`, and every write after it on this connection, run in one transaction that is never
	 * committed, so that the reads see them and the file is left as it was. `unsaved` hears `why`
	 * once `work` has succeeded.
	 */
	async holdingWrites(why: string, work: () => Promise<void>): Promise<void> {
		if (!this.canHoldWrites) throw new DatabaseError(`${this.path}: writes cannot be held on this connection`);
		const begun = this.transactions.then(async () => {
			await this.run('BEGIN TRANSACTION');
			this.held = true;
		});
		this.transactions = begun.catch(() => undefined);
		await begun;
		await work();
		this.unsaved?.(why);
	}

	/**
	 * Closes once every query under way has finished, forks first: DuckDB aborts the process if
	 * a connection is closed under a running query (the explorer quits while a view still loads).
	 */
	async close(): Promise<void> {
		if (this.closed) return;
		for (const fork of this.forks) await fork.close();
		while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
		if (this.held) await this.run('ROLLBACK').catch(() => undefined);
		this.closed = true;
		this.connection.closeSync();
		// Cached instances stay open for the process; closing one explicitly releases the file lock.
		if (this.ownsInstance) this.instance.closeSync();
	}
}
