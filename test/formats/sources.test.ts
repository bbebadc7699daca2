import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdir, symlink} from 'node:fs/promises';
import {join} from 'node:path';
import {findSources, parseJsonText, readSource, SourceError, type FoundSource} from '../../source/formats/trackers/sources.js';
import {SAMPLES, SOURCE_PATHS, sampleBytes} from '../helpers/samples.js';
import {assertSourceError, JSON_SOURCE, readJson} from '../helpers/read-source.js';
import {makeProject} from '../helpers/temp.js';
import {exportFile, invocation, tracker} from '../helpers/tracker.js';

describe('findSources', () => {
	test('finds the three sources in the order formats.md lists them', async () => {
		const dir = await makeProject({
			[SOURCE_PATHS.sessionBuddyDb]: sampleBytes(SAMPLES.sqlite),
			[SOURCE_PATHS.crackerjackJson]: '{"invocations": []}',
			[SOURCE_PATHS.sessionBuddyJson]: '{"invocations": []}',
			'.session-buddy/other.json': '{}',
		});
		const found = await findSources(dir);
		assert.deepEqual(
			found.map(source => [source.relativePath, source.kind, source.absolutePath]),
			[
				[SOURCE_PATHS.sessionBuddyJson, 'json', join(dir, SOURCE_PATHS.sessionBuddyJson)],
				[SOURCE_PATHS.crackerjackJson, 'json', join(dir, SOURCE_PATHS.crackerjackJson)],
				[SOURCE_PATHS.sessionBuddyDb, 'sqlite', join(dir, SOURCE_PATHS.sessionBuddyDb)],
			],
		);
		assert.equal(found[1]!.size, '{"invocations": []}'.length);
	});

	test('a project with none has no sources', async () => {
		assert.deepEqual(await findSources(await makeProject({'README.md': '# hi'})), []);
	});

	test('a directory where a file should be is found, so that reading can say what is wrong', async () => {
		const dir = await makeProject();
		await mkdir(join(dir, JSON_SOURCE), {recursive: true});
		const found = await findSources(dir);
		assert.equal(found.length, 1);
		assert.equal(found[0]!.size, -1);
		await assertSourceError(readSource(found[0]!, 'UTC'), join(dir, JSON_SOURCE), /is a directory, expected a file/);
	});

	test('a dangling symbolic link is reported, not skipped', async () => {
		const dir = await makeProject();
		await mkdir(join(dir, '.session-buddy'));
		await symlink(join(dir, 'nowhere.json'), join(dir, JSON_SOURCE));
		const found = await findSources(dir);
		assert.equal(found.length, 1);
		await assertSourceError(readSource(found[0]!, 'UTC'), join(dir, JSON_SOURCE), /does not exist/);
	});
});

describe('readSource: JSON files', () => {
	test('a UTF-8 byte-order mark is ignored', async () => {
		const body = exportFile([invocation({skill_name: 'bom', invoked_at: '2026-03-02T10:00:00Z'})]);
		const {read} = await readJson(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]));
		const result = await read();
		assert.deepEqual(result.records.map(record => record.skillName), ['bom']);
		assert.deepEqual(result.problems, []);
	});

	test('an empty file is an error naming the file', async () => {
		for (const content of ['', '  \n\t\n']) {
			const {file, read} = await readJson(content);
			await assertSourceError(read(), file, /the file is empty/);
		}
	});

	test('a truncated file says so, with the file, wherever the cut falls', async () => {
		const full = tracker([
			invocation({skill_name: 'a', follow_up_actions: ['git commit']}),
			invocation({skill_name: 'b', completed: false, duration_seconds: 0.5}),
		]);
		const at = (text: string, offset: number) => {
			const index = full.indexOf(text);
			assert.ok(index >= 0, text);
			return index + offset;
		};
		// Cut inside a key, a string value, a number, a literal, after a comma, between elements.
		const cuts = [
			at('"skill_name"', 4),
			at('"a"', 2),
			at('git commit', 3),
			at('1.5', 2),
			at('true', 2),
			at('"completed"', 0),
			at('},', 2),
			at('},', 1),
			at('"skills"', -3),
			full.length - 1,
		];
		for (const cut of cuts) {
			const {file, read} = await readJson(full.slice(0, cut));
			await assertSourceError(read(), file, /truncated/);
		}
	});

	test('invalid JSON that is not truncated says where it is wrong, without claiming truncation', async () => {
		const {file, read} = await readJson('{\n  "invocations": [\n    {"skill_name": "a",, "x": 1}\n  ]\n}\n');
		await assert.rejects(read(), (error: unknown) => {
			assert.ok(error instanceof SourceError);
			assert.ok(error.message.startsWith(`${file}: invalid JSON`), error.message);
			assert.doesNotMatch(error.message, /truncated/);
			return true;
		});
	});

	test('a JSON document of an unknown shape is an error naming the file and the reason', async () => {
		const {file, read} = await readJson('{"name": "my-package", "version": "1.0.0"}');
		await assertSourceError(read(), file, /not a skill metrics file: neither an "invocations" list/);
		const top = await readJson('[1, 2, 3]');
		await assertSourceError(top.read(), top.file, /not a skill metrics file: expected a JSON object at the top level, found an array/);
	});

	test('bad records are problems of the file, not errors of it', async () => {
		const {file, read} = await readJson(
			tracker([invocation({skill_name: 'a'}), invocation({skill_name: 'b', invoked_at: 'later'}), invocation({skill_name: 'c', invoked_at: '2026-03-02T11:00:00'})]),
		);
		const result = await read();
		assert.deepEqual(result.records.map(record => record.skillName), ['a', 'c']);
		assert.deepEqual(result.problems.map(problem => [problem.file, problem.recordIndex]), [[file, 1]]);
	});

	test('records carry the source file relative to the project', async () => {
		const {read} = await readJson(exportFile([invocation()]));
		assert.equal((await read()).records[0]!.metadata.source_file, JSON_SOURCE);
	});
});

describe('readSource: the SQLite store', () => {
	test('rows read as tracker records with the SQLite status rules', async () => {
		const dir = await makeProject({[SOURCE_PATHS.sessionBuddyDb]: sampleBytes(SAMPLES.sqlite)});
		const [source] = await findSources(dir);
		const result = await readSource(source!, 'UTC');
		assert.deepEqual(result.problems, []);
		assert.deepEqual(
			result.records.map(record => [record.skillName, record.status]),
			[
				['session-start', 'succeeded'],
				['crackerjack-run', 'succeeded'],
				['crackerjack-run', 'failed'],
				['session-checkpoint', 'succeeded'],
				['session-end', 'pending'],
				['crackerjack-run', 'succeeded'],
			],
		);
		assert.ok(result.records.every(record => record.metadata.source_file === SOURCE_PATHS.sessionBuddyDb));
	});

	test('a JSON file named skills.db is an error naming the file', async () => {
		const dir = await makeProject({[SOURCE_PATHS.sessionBuddyDb]: '{"invocations": []}'});
		const source: FoundSource = (await findSources(dir))[0]!;
		await assertSourceError(readSource(source, 'UTC'), join(dir, SOURCE_PATHS.sessionBuddyDb), /not a SQLite database/);
	});
});

describe('parseJsonText', () => {
	test('parses, and strips a BOM left in decoded text', () => {
		assert.deepEqual(parseJsonText('\uFEFF{"invocations": []}', 'f.json'), {invocations: []});
	});
});
