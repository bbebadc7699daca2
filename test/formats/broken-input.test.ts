import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {chmod, mkdir, symlink} from 'node:fs/promises';
import {join} from 'node:path';
import {DEFAULT_READ_LIMITS} from '../../source/formats/limits.js';
import {findSources, readSource} from '../../source/formats/trackers/sources.js';
import {firstInvalidUtf8Offset, replaceNonStandardNumbers} from '../../source/formats/trackers/lenient-json.js';
import {addProject, collectUtc, openDatabase, usageRows} from '../helpers/database.js';
import {SOURCE_PATHS} from '../helpers/samples.js';
import {assertSourceError, JSON_SOURCE, readJson} from '../helpers/read-source.js';
import {makeProject} from '../helpers/temp.js';
import {designFile, designRecord, exportFile, invocation, tracker} from '../helpers/tracker.js';

/*
 * Broken input at the data layer: each case gives an error naming the file and what is wrong, or
 * the recovery formats.md (and these tests) define, and every record that can be told apart is kept.
 */

describe("Python's NaN / Infinity / -Infinity tokens", () => {
	test('are read as null, counted in one problem of the file, and every record is kept', async () => {
		const text = exportFile([invocation({skill_name: 'a', invoked_at: '2026-03-02T10:00:00Z', duration_seconds: 0}), invocation({skill_name: 'b', invoked_at: '2026-03-02T11:00:00Z', duration_seconds: 0}), invocation({skill_name: 'c', invoked_at: '2026-03-02T12:00:00Z', selection_rank: 0})])
			.replace('"duration_seconds": 0', '"duration_seconds": NaN')
			.replace('"duration_seconds": 0', '"duration_seconds": Infinity')
			.replace('"selection_rank": 0', '"selection_rank": -Infinity');
		const {file, read} = await readJson(text);
		const result = await read();
		assert.deepEqual(result.records.map(record => [record.skillName, record.durationMs]), [['a', null], ['b', null], ['c', 1500]]);
		assert.deepEqual(result.problems.map(problem => problem.message), [`${file}: 3 bare NaN/Infinity values (not JSON) read as null`]);
	});

	test('in a design file too', async () => {
		const text = designFile({review: [designRecord({duration_ms: 1})]}).replace('"duration_ms": 1', '"duration_ms": NaN');
		const result = await (await readJson(text)).read();
		assert.deepEqual(result.records.map(record => record.durationMs), [null]);
		assert.equal(result.problems.length, 1);
	});

	test('inside strings, and as parts of words, they are left alone', () => {
		assert.deepEqual(replaceNonStandardNumbers('{"a": "NaN Infinity", "NaNa": [NaN, -Infinity,Infinity]}'), {
			text: '{"a": "NaN Infinity", "NaNa": [null, null,null]}',
			replaced: 3,
		});
		assert.deepEqual(replaceNonStandardNumbers(String.raw`{"a": "x\"NaN", "b": NaNx}`).replaced, 0);
	});

	test('a file broken beyond them is still invalid JSON', async () => {
		const {file, read} = await readJson('{"invocations": [NaN, }');
		await assertSourceError(read(), file, /invalid JSON/);
	});
});

describe('bytes that are not UTF-8', () => {
	test('the file is reported with the offset of the first bad byte; its records are still collected, bad bytes as U+FFFD', async () => {
		const head = Buffer.from(exportFile([invocation({skill_name: 'a', invoked_at: '2026-03-02T10:00:00Z', user_query: 'XX'})]));
		const at = head.indexOf('XX');
		head[at] = 0xff;
		head[at + 1] = 0xc3;
		const {file, read} = await readJson(head);
		const result = await read();
		assert.deepEqual(result.records.map(record => [record.skillName, record.metadata.user_query]), [['a', '\ufffd\ufffd']]);
		assert.deepEqual(result.problems.map(problem => problem.message), [`${file}: not valid UTF-8 (first bad byte at offset ${at}); invalid bytes were read as U+FFFD`]);
	});

	test('the offset finder: overlong forms, surrogates, cut sequences', () => {
		assert.equal(firstInvalidUtf8Offset(Buffer.from('héllo ✓ 𝄞')), -1);
		assert.equal(firstInvalidUtf8Offset(Buffer.from([0x61, 0xc0, 0x80])), 1);
		assert.equal(firstInvalidUtf8Offset(Buffer.from([0x61, 0x62, 0xed, 0xa0, 0x80])), 2);
		assert.equal(firstInvalidUtf8Offset(Buffer.from([0x61, 0xe2, 0x9c])), 1);
	});
});

describe('wrong shapes', () => {
	test('null, an array or a string where the top-level object belongs', async () => {
		for (const [text, what] of [['null', 'null'], ['[]', 'an array'], ['"text"', 'a string'], ['42', 'a number']] as const) {
			const {file, read} = await readJson(text);
			await assertSourceError(read(), file, new RegExp(`expected a JSON object at the top level, found ${what}`));
		}
	});

	test('null or a string where the invocations list belongs', async () => {
		for (const value of ['null', '"x"', '{}']) {
			const {file, read} = await readJson(`{"invocations": ${value}}`);
			await assertSourceError(read(), file, /"invocations" must be a list/);
		}
	});

	test('null, a list or a string where a record belongs: that record only', async () => {
		const {read} = await readJson(`{"invocations": [null, [], "x", ${JSON.stringify(invocation())}]}`);
		const result = await read();
		assert.equal(result.records.length, 1);
		assert.deepEqual(result.problems.map(problem => problem.message), [0, 1, 2].map(index => `invocations[${index}]: expected an object`));
	});

	test('wrong-typed fields: the record is rejected with the field named', async () => {
		const {read} = await readJson(exportFile([
			invocation({follow_up_actions: 'git push'}),
			invocation({completed: 'yes'}),
			invocation({invoked_at: 1_700_000_000}),
			invocation({duration_seconds: '1.5'}),
			invocation({skill_name: null}),
			invocation({invoked_at: '2026-03-02T12:00:00Z'}),
		]));
		const result = await read();
		assert.equal(result.records.length, 1);
		assert.deepEqual(result.problems.map(problem => problem.message.split(':')[0]), [
			'invocations[0]',
			'invocations[1]',
			'invocations[2]',
			'invocations[3]',
			'invocations[4]',
		]);
		assert.match(result.problems[0]!.message, /follow_up_actions/);
		assert.match(result.problems[3]!.message, /duration_seconds/);
	});

	test('pathologically deep nesting is an error or a rejected record, never a crash', async () => {
		const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
		const top = await readJson(deep(200_000));
		await assertSourceError(top.read(), top.file, /expected a JSON object/);
		const inside = await readJson(`{"invocations": [${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}, ${JSON.stringify(invocation())}]}`);
		const result = await inside.read();
		assert.equal(result.records.length, 1);
		assert.match(result.problems[0]!.message, /^invocations\[0\]: skill_name/);
	});
});

describe('absurd values', () => {
	test('an empty or a multi-megabyte skill name rejects its record only', async () => {
		const {read} = await readJson(exportFile([invocation({skill_name: ''}), invocation({skill_name: '   '}), invocation({skill_name: 'x'.repeat(3_000_000)}), invocation()]));
		const result = await read();
		assert.deepEqual(result.records.map(record => record.skillName), ['code-review']);
		assert.deepEqual(result.problems.map(problem => problem.message), [
			'invocations[0]: skill_name is empty',
			'invocations[1]: skill_name is empty',
			'invocations[2]: skill_name is longer than 200 characters',
		]);
	});

	test('an invoked_at that is not a date, or out of range, rejects its record', async () => {
		const {read} = await readJson(exportFile([
			invocation({invoked_at: 'not a date'}),
			invocation({invoked_at: '2026-02-30T10:00:00'}),
			invocation({invoked_at: '1969-12-31T23:59:59Z'}),
			invocation({invoked_at: '9999-12-31T23:59:59Z'}),
			invocation({invoked_at: ''}),
			invocation({invoked_at: '2026-03-02T10:00:00Z'}),
		]));
		const result = await read();
		assert.equal(result.records.length, 1);
		assert.equal(result.problems.length, 5);
		assert.match(result.problems[2]!.message, /invoked_at: out of range \(before 1970 or after 2199\)/);
		assert.match(result.problems[3]!.message, /invoked_at: out of range/);
	});

	test('negative durations are NULL (noted in metadata); durations over a year are NULL and reported; the records are kept', async () => {
		const {read} = await readJson(exportFile([invocation({duration_seconds: -3}), invocation({invoked_at: '2026-03-02T11:00:00', duration_seconds: 1e12})]));
		const result = await read();
		assert.deepEqual(result.records.map(record => [record.durationMs, record.completedAtUs]), [[null, null], [null, null]]);
		assert.equal(result.records[0]!.metadata.negative_duration_seconds, -3);
		assert.equal(result.records[1]!.metadata.absurd_duration_seconds, 1e12);
		assert.deepEqual(result.problems.map(problem => problem.recordIndex), [1]);
	});

	test('design records: absurd durations, negative follow-ups, out-of-range times', async () => {
		const {read} = await readJson(designFile({
			review: [
				designRecord({duration_ms: 1e15}),
				designRecord({invoked_at: '2026-03-02T11:00:00Z', followup_actions: -1}),
				designRecord({invoked_at: '3000-01-01T00:00:00Z'}),
				designRecord({invoked_at: '2026-03-02T12:00:00Z', completed_at: '5000-01-01T00:00:00Z'}),
			],
		}));
		const result = await read();
		assert.deepEqual(result.records.map(record => [record.durationMs, record.completedAtUs]), [[null, Date.parse('2026-03-02T10:01:30Z') * 1000], [90_000, null]]);
		assert.equal(result.problems.length, 3);
	});
});

describe('files that are not files', () => {
	test('a symbolic link loop is reported, not followed forever', async () => {
		const dir = await makeProject();
		await mkdir(join(dir, '.session-buddy'));
		await symlink(join(dir, JSON_SOURCE), join(dir, JSON_SOURCE));
		const found = await findSources(dir);
		assert.equal(found.length, 1);
		await assertSourceError(readSource(found[0]!, 'UTC'), join(dir, JSON_SOURCE), /symbolic link loop/);
	});

	test('a directory where skills.db should be', async () => {
		const dir = await makeProject();
		await mkdir(join(dir, SOURCE_PATHS.sessionBuddyDb), {recursive: true});
		const found = await findSources(dir);
		await assertSourceError(readSource(found[0]!, 'UTC'), join(dir, SOURCE_PATHS.sessionBuddyDb), /is a directory/);
	});

	test('a file that cannot be read (permission denied)', {skip: process.getuid?.() === 0 ? 'running as root: chmod 000 does not stop root from reading' : false}, async () => {
		const {file, read} = await readJson(exportFile([invocation()]));
		await chmod(file, 0o000);
		await assertSourceError(read(), file, /permission denied/);
	});

	test('a file larger than the size guard is refused before it is read', async () => {
		// SKILLSCOPE_MAX_SOURCE_BYTES=1000, as the edge reads it (environment.ts).
		const limits = {...DEFAULT_READ_LIMITS, maxSourceBytes: 1000};
		{
			const {file, read} = await readJson(exportFile(Array.from({length: 20}, (_, index) => invocation({invoked_at: `2026-03-02T10:00:${String(index).padStart(2, '0')}Z`}))), limits);
			await assertSourceError(read(), file, /too large to read \(0\.0 MB; the limit is 0\.0 MB\)/);
			const dir = await makeProject();
			await mkdir(join(dir, '.session-buddy'));
			const {writeFile} = await import('node:fs/promises');
			await writeFile(join(dir, SOURCE_PATHS.sessionBuddyDb), Buffer.alloc(5000));
			const [sqlite] = await findSources(dir);
			await assertSourceError(readSource(sqlite!, 'UTC', limits), join(dir, SOURCE_PATHS.sessionBuddyDb), /too large to read/);
		}
	});
});

describe('duplicates', () => {
	test('inside one file and across the three sources: stored once', async () => {
		const database = await openDatabase();
		const record = invocation({invoked_at: '2026-03-02T10:00:00Z', session_id: 's-1'});
		const {default: initSqlJs} = await import('sql.js');
		const {createRequire} = await import('node:module');
		const SQL = await initSqlJs({locateFile: () => createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm')});
		const db = new SQL.Database();
		db.run(`CREATE TABLE skill_invocation (id INTEGER PRIMARY KEY, skill_name TEXT, invoked_at TEXT, session_id TEXT, completed INTEGER, duration_seconds REAL)`);
		db.run(`INSERT INTO skill_invocation (skill_name, invoked_at, session_id, completed, duration_seconds) VALUES ('code-review', '2026-03-02T10:00:00+00:00', 's-1', 1, 1.5), ('code-review', '2026-03-02T10:00:00+00:00', 's-1', 1, 1.5)`);
		const bytes = Buffer.from(db.export());
		db.close();
		const project = await addProject(database, {
			[SOURCE_PATHS.sessionBuddyJson]: tracker([record, record, record]),
			[SOURCE_PATHS.crackerjackJson]: tracker([record]),
			[SOURCE_PATHS.sessionBuddyDb]: bytes,
		});
		const report = await collectUtc(database);
		assert.deepEqual([report.totals.collected, report.totals.errors], [1, 0]);
		assert.equal((await usageRows(database, project.project_id)).length, 1);
	});
});
