import {after, test} from 'node:test';
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {copyFile, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile} from 'node:fs/promises';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import initSqlJs from 'sql.js';
import {readSessionBuddySqlite} from '../../source/formats/trackers/session-buddy-sqlite.js';

const SAMPLE = fileURLToPath(new URL('../../fixtures/samples/session-buddy-skills.db', import.meta.url));
const WAL_FIXTURE = fileURLToPath(new URL('../../fixtures/formats/sqlite-wal/', import.meta.url));

const dirs: string[] = [];
after(async () => {
	await Promise.all(dirs.map((dir) => rm(dir, {recursive: true, force: true})));
});

async function tempDir(): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), 'session-buddy-sqlite-'));
	dirs.push(dir);
	return dir;
}

/** A project-like `.session-buddy` folder holding copies of the given files. */
async function copyOf(files: Record<string, string>): Promise<string> {
	const dir = await tempDir();
	for (const [name, from] of Object.entries(files)) await copyFile(from, join(dir, name));
	return dir;
}

/** A real SQLite file written by sql.js (rollback-journal mode). */
async function makeDatabase(sql: string): Promise<string> {
	const SQL = await initSqlJs({locateFile: () => createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm')});
	const db = new SQL.Database();
	try {
		db.run(sql);
		const path = join(await tempDir(), 'skills.db');
		await writeFile(path, db.export());
		return path;
	} finally {
		db.close();
	}
}

async function fingerprint(dir: string): Promise<string[]> {
	const names = (await readdir(dir)).sort();
	return Promise.all(
		names.map(async (name) => {
			const info = await stat(join(dir, name), {bigint: true});
			const hash = createHash('sha256').update(await readFile(join(dir, name))).digest('hex');
			return `${name} ${info.size} ${info.mtimeNs} ${hash}`;
		}),
	);
}

async function assertRejectsWith(promise: Promise<unknown>, path: string, reason: RegExp): Promise<void> {
	await assert.rejects(promise, (error: unknown) => {
		assert.ok(error instanceof Error);
		assert.ok(error.message.includes(path), error.message);
		assert.match(error.message, reason);
		return true;
	});
}

test('the sample store reads as 6 invocations in the JSON tracker shape', async () => {
	const rows = await readSessionBuddySqlite(SAMPLE);
	assert.equal(rows.length, 6);
	assert.deepEqual(rows.map((row) => row.id), [1, 2, 3, 4, 5, 6]);
	assert.deepEqual(rows.map((row) => row.completed), [true, true, false, true, false, true]);
	assert.deepEqual(rows[0], {
		id: 1,
		skill_name: 'session-start',
		invoked_at: '2026-10-01T09:00:01.120000+00:00',
		session_id: 's-1',
		workflow_path: 'daily',
		completed: true,
		duration_seconds: 2.4,
		user_query: null,
		alternatives_considered: [],
		selection_rank: null,
		follow_up_actions: [],
		error_type: null,
		workflow_phase: 'setup',
		workflow_step_id: 'start-1',
		created_at: '2026-11-24 01:28:15',
	});
	assert.deepEqual(rows[1], {
		id: 2,
		skill_name: 'crackerjack-run',
		invoked_at: '2026-10-01T09:03:12.500000+00:00',
		session_id: 's-1',
		workflow_path: 'comprehensive',
		completed: true,
		duration_seconds: 181.2,
		user_query: 'run full quality checks',
		alternatives_considered: ['crackerjack-init'],
		selection_rank: 1,
		follow_up_actions: ['git commit', 'run tests'],
		error_type: null,
		workflow_phase: 'execution',
		workflow_step_id: 'run-1',
		created_at: '2026-11-24 01:28:15',
	});
	assert.equal(rows[2]?.error_type, 'TimeoutError');
	assert.equal(rows[3]?.duration_seconds, 0.01);
	assert.equal(rows[4]?.duration_seconds, null);
	assert.equal(rows[4]?.invoked_at, '2026-10-01T17:30:42.000001+00:00');
	assert.deepEqual(rows[5]?.follow_up_actions, ['run tests']);
	assert.equal(rows[5]?.duration_seconds, 240);
	assert.ok(rows.every((row) => !('embedding' in row)));
});

test('committed rows that are only in the -wal file are read; the uncommitted transaction is not', async () => {
	const dir = await copyOf({'skills.db': join(WAL_FIXTURE, 'skills.db'), 'skills.db-wal': join(WAL_FIXTURE, 'skills.db-wal')});
	const rows = await readSessionBuddySqlite(join(dir, 'skills.db'));
	assert.deepEqual(
		rows.map((row) => [row.id, row.skill_name, row.completed]),
		[
			[1, 'wal-start', true],
			[2, 'wal-run', false],
			[3, 'wal-run', false],
			[4, 'wal-checkpoint', true],
			[5, 'wal-end', true],
		],
	);
	assert.deepEqual(rows[1]?.alternatives_considered, ['wal-start']);
	assert.deepEqual(rows[1]?.follow_up_actions, ['fix lint']);
	assert.equal(rows[1]?.error_type, 'LintError');
	assert.deepEqual(rows[3]?.follow_up_actions, ['git commit', 'run tests']);
	assert.deepEqual(rows[4]?.alternatives_considered, []);
	assert.equal(rows[2]?.invoked_at, '2026-11-01 08:10:00');

	// Without its log, the main file does not even hold the table yet.
	const alone = await copyOf({'skills.db': join(WAL_FIXTURE, 'skills.db')});
	await assertRejectsWith(readSessionBuddySqlite(join(alone, 'skills.db')), join(alone, 'skills.db'), /no skill_invocation table/);
});

test('a -wal file cut in the middle of a frame still gives the commits before the cut', async () => {
	const dir = await copyOf({'skills.db': join(WAL_FIXTURE, 'skills.db'), 'skills.db-wal': join(WAL_FIXTURE, 'skills.db-wal')});
	// Inside frame 6, the commit frame of the last transaction (rows 4 and 5).
	await truncate(join(dir, 'skills.db-wal'), 32 + 6 * (24 + 4096) + 500);
	const rows = await readSessionBuddySqlite(join(dir, 'skills.db'));
	assert.deepEqual(rows.map((row) => row.skill_name), ['wal-start', 'wal-run', 'wal-run']);
});

test('reading leaves the directory exactly as it was', async () => {
	const plain = await copyOf({'skills.db': SAMPLE});
	const withWal = await copyOf({'skills.db': join(WAL_FIXTURE, 'skills.db'), 'skills.db-wal': join(WAL_FIXTURE, 'skills.db-wal')});
	// A live writer also keeps a -shm file next to them.
	await writeFile(join(withWal, 'skills.db-shm'), Buffer.alloc(32768));
	for (const [dir, count] of [[plain, 6], [withWal, 5]] as const) {
		const before = await fingerprint(dir);
		assert.equal((await readSessionBuddySqlite(join(dir, 'skills.db'))).length, count);
		assert.equal((await readSessionBuddySqlite(join(dir, 'skills.db'))).length, count);
		assert.deepEqual(await fingerprint(dir), before);
	}
});

test('values the JSON format would not have are kept for validation to report', async () => {
	const path = await makeDatabase(`
		CREATE TABLE skill_invocation (id INTEGER PRIMARY KEY, skill_name TEXT, invoked_at TEXT, session_id TEXT,
			completed BOOLEAN, duration_seconds REAL, alternatives_considered TEXT, follow_up_actions TEXT, embedding BLOB);
		CREATE TABLE other (x);
		INSERT INTO skill_invocation VALUES (7, 'b', '2026-01-01', 's', 2, NULL, 'not json', '[]', x'0102');
		INSERT INTO skill_invocation VALUES (3, 'a', '2026-01-01', 's', 1, 1.5, NULL, '{"a":1}', NULL);`);
	const rows = await readSessionBuddySqlite(path);
	// Older tables lack the workflow columns: the fields are absent, as in tracker variant B.
	assert.deepEqual(rows, [
		{
			id: 3,
			skill_name: 'a',
			invoked_at: '2026-01-01',
			session_id: 's',
			completed: true,
			duration_seconds: 1.5,
			alternatives_considered: [],
			follow_up_actions: {a: 1},
		},
		{
			id: 7,
			skill_name: 'b',
			invoked_at: '2026-01-01',
			session_id: 's',
			completed: 2,
			duration_seconds: null,
			alternatives_considered: 'not json',
			follow_up_actions: [],
		},
	]);
});

test('files that are not session-buddy stores are rejected with the path and the reason', async () => {
	const dir = await tempDir();
	const text = join(dir, 'skills.db');
	await writeFile(text, '{"invocations": []} is JSON, not SQLite, but it is named skills.db anyway\n');
	await assertRejectsWith(readSessionBuddySqlite(text), text, /not a SQLite database/);

	const empty = join(dir, 'empty.db');
	await writeFile(empty, '');
	await assertRejectsWith(readSessionBuddySqlite(empty), empty, /empty/);

	const other = await makeDatabase('CREATE TABLE reflections (id INTEGER PRIMARY KEY, content TEXT)');
	await assertRejectsWith(
		readSessionBuddySqlite(other),
		other,
		/no skill_invocation table \(not a session-buddy skills database\)/,
	);
});

test('a corrupt SQLite file is rejected with an Error naming it', async () => {
	const dir = await copyOf({'skills.db': SAMPLE});
	const path = join(dir, 'skills.db');
	const bytes = await readFile(path);
	// Page 2 is a b-tree page of the table; garbage there is what a bad disk leaves.
	bytes.fill(0xee, 4096, 8192);
	await writeFile(path, bytes);
	await assertRejectsWith(readSessionBuddySqlite(path), path, /malformed|corrupt/i);
});
