import type {DuckDBValue} from './duckdb.js';

export type SqlParams = Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

/** What a schema migration needs of the database: schema.ts then needs nothing of database.ts. */
export interface SqlSession {
	all<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]>;
	one<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T | undefined>;
	run(sql: string, params?: SqlParams): Promise<void>;
	transaction<T>(work: () => Promise<T>): Promise<T>;
}
