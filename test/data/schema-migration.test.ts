import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, test} from 'node:test';
import {DuckDBInstance} from '@duckdb/node-api';
import {DUCKDB_OPTIONS} from '../../source/data/store/duckdb-options.js';
import {Database} from '../../source/data/store/database.js';
import {MIGRATIONS, SCHEMA_VERSION} from '../../source/data/store/schema.js';

let directory: string;
beforeEach(async () => {
	directory = await mkdtemp(path.join(os.tmpdir(), 'skillscope-schema-'));
});
afterEach(async () => {
	await rm(directory, {recursive: true, force: true});
});

async function raw(file: string, statements: string[]): Promise<void> {
	const instance = await DuckDBInstance.create(file, {...DUCKDB_OPTIONS});
	const connection = await instance.connect();
	for (const statement of statements) await connection.run(statement);
	connection.closeSync();
	instance.closeSync();
}

describe('opening older databases', () => {
	test("a file made by the design's tool keeps its rows as legacy tables", async () => {
		const file = path.join(directory, 'old.duckdb');
		await raw(file, [
			`CREATE TABLE projects (project_id VARCHAR PRIMARY KEY, project_path VARCHAR UNIQUE, project_name VARCHAR, is_active BOOLEAN)`,
			`CREATE TABLE skill_usage (id INTEGER PRIMARY KEY, project_id VARCHAR, skill_name VARCHAR, invoked_at TIMESTAMP, success BOOLEAN, duration_ms INTEGER)`,
			`CREATE INDEX idx_skill_usage_project_time ON skill_usage(project_id, invoked_at)`,
			`INSERT INTO projects VALUES ('p1', '/x', 'x', TRUE)`,
			`INSERT INTO skill_usage VALUES (1, 'p1', 'code-review', '2025-02-01 10:00:00', TRUE, 900), (2, 'p1', 'code-review', '2025-02-01 11:00:00', FALSE, 100)`,
		]);
		const database = await Database.open(file);
		try {
			const legacy = await database.all<{id: number; skill_name: string}>(`SELECT id, skill_name FROM legacy_skill_usage ORDER BY id`);
			assert.deepEqual(legacy, [{id: 1, skill_name: 'code-review'}, {id: 2, skill_name: 'code-review'}]);
			assert.deepEqual(await database.all(`SELECT project_name FROM legacy_projects`), [{project_name: 'x'}]);
			const columns = await database.all<{name: string}>(`SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'skill_usage'`);
			assert.ok(columns.some(column => column.name === 'session_key'), 'our skill_usage was created');
			assert.deepEqual(await database.all(`SELECT max(version)::INTEGER AS v FROM schema_version`), [{v: SCHEMA_VERSION}]);
		} finally {
			await database.close();
		}
	});

	test('opening a current file again migrates nothing and keeps its rows', async () => {
		const file = path.join(directory, 'current.duckdb');
		const first = await Database.open(file);
		await first.run(`INSERT INTO settings VALUES ('marker', 'kept')`);
		await first.close();
		const second = await Database.open(file);
		try {
			assert.deepEqual(await second.all(`SELECT value FROM settings WHERE key = 'marker'`), [{value: 'kept'}]);
			assert.deepEqual(await second.all(`SELECT count(*)::INTEGER AS n FROM schema_version`), [{n: SCHEMA_VERSION}]);
		} finally {
			await second.close();
		}
	});

	test('version 1 to 2: rows kept, the keys dropped, every rollup recomputed', async () => {
		const file = path.join(directory, 'v1.duckdb');
		await raw(file, [
			`CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)`,
			...MIGRATIONS[0]!,
			`INSERT INTO schema_version VALUES (1, now())`,
			`INSERT INTO projects (project_id, project_path, project_name, registered_at) VALUES ('p1', '/x', 'x', now())`,
			`INSERT INTO skill_usage VALUES ('p1', 'code-review', '2026-03-02 10:00:00+00', '', NULL, NULL, NULL, 'pending', NULL, 0, NULL, NULL, '{}', now())`,
			`INSERT INTO settings VALUES ('aggregated_at', '2026-03-02T11:00:00.000Z'), ('aggregate_timezone', 'UTC')`,
		]);
		const database = await Database.open(file);
		try {
			assert.deepEqual(await database.all(`SELECT project_id, skill_name, status FROM skill_usage`), [{project_id: 'p1', skill_name: 'code-review', status: 'pending'}]);
			const keys = await database.all(`SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' AND table_name IN ('skill_usage', 'skill_aggregates')`);
			assert.deepEqual(keys, []);
			assert.deepEqual(await database.all(`SELECT key FROM settings WHERE key = 'aggregated_at'`), []);
			assert.deepEqual(await database.all(`SELECT max(version)::INTEGER AS v FROM schema_version`), [{v: SCHEMA_VERSION}]);
		} finally {
			await database.close();
		}
	});

	test('version 8 to 9: every listed pair kept, each session naming one set, equal sets kept once', async () => {
		const file = path.join(directory, 'v8.duckdb');
		await raw(file, [
			`CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)`,
			...MIGRATIONS.slice(0, 8).flat(),
			`INSERT INTO schema_version SELECT range, now() FROM range(1, 9)`,
			`INSERT INTO skill_listings VALUES
				('s1', 'alpha', 'p1', false, '2026-03-02 10:00:00+00', 'a/s1.jsonl'), ('s1', 'beta', 'p1', true, '2026-03-02 10:00:05+00', 'a/s1.jsonl'),
				('s2', 'alpha', 'p1', false, '2026-03-03 09:00:00+00', 'a/s2.jsonl'), ('s2', 'beta', 'p1', true, NULL, 'a/s2.jsonl'),
				('s3', 'alpha', 'p2', true, '2026-03-04 08:00:00+00', 'b/s3.jsonl')`,
		]);
		const database = await Database.open(file);
		try {
			const pairs = await database.all(`SELECT session_id, skill_name, project_id, description_cut, strftime(listed_at, '%d %H:%M:%S') AS at, source_file FROM skill_listings ORDER BY ALL`);
			assert.deepEqual(pairs, [
				{session_id: 's1', skill_name: 'alpha', project_id: 'p1', description_cut: false, at: '02 10:00:00', source_file: 'a/s1.jsonl'},
				{session_id: 's1', skill_name: 'beta', project_id: 'p1', description_cut: true, at: '02 10:00:00', source_file: 'a/s1.jsonl'},
				{session_id: 's2', skill_name: 'alpha', project_id: 'p1', description_cut: false, at: '03 09:00:00', source_file: 'a/s2.jsonl'},
				{session_id: 's2', skill_name: 'beta', project_id: 'p1', description_cut: true, at: '03 09:00:00', source_file: 'a/s2.jsonl'},
				{session_id: 's3', skill_name: 'alpha', project_id: 'p2', description_cut: true, at: '04 08:00:00', source_file: 'b/s3.jsonl'},
			]);
			assert.deepEqual(await database.all(`SELECT count(*)::INTEGER AS sessions, count(DISTINCT set_id)::INTEGER AS sets FROM session_listings`), [{sessions: 3, sets: 2}]);
			assert.deepEqual(await database.all(`SELECT count(*)::INTEGER AS rows FROM listing_sets`), [{rows: 3}]);
		} finally {
			await database.close();
		}
	});

	test('a file from a newer skillscope is refused, not downgraded', async () => {
		const file = path.join(directory, 'newer.duckdb');
		await (await Database.open(file)).close();
		await raw(file, [`INSERT INTO schema_version VALUES (${SCHEMA_VERSION + 1}, now())`]);
		await assert.rejects(Database.open(file), new RegExp(`schema version ${SCHEMA_VERSION + 1}, newer than this skillscope`));
	});
});
