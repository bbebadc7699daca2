import assert from 'node:assert/strict';
import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {writeTracker} from '../../bench/generate.js';
import {freshRollups} from '../../source/data/rollups/fresh.js';
import type {CollectReport} from '../../source/data/collect/collector.js';
import type {Database} from '../../source/data/store/database.js';
import {findAnchor, isRecordBoundary, readTail} from '../../source/formats/trackers/tail.js';
import {addProject, aggregateRows, collectUtc, openDatabase, usageRows} from '../helpers/database.js';
import {SOURCE_PATHS} from '../helpers/samples.js';
import {makeTempDir} from '../helpers/temp.js';
import {sessionInvocation, tracker} from '../helpers/tracker.js';

/**
 * A grown tracker file is parsed from where its last read ended (trackers/tail.ts): the rows,
 * reports, rollups and sessions are those of reading it whole, every time (`force` reads whole).
 */
const file = SOURCE_PATHS.sessionBuddyJson;
const records = (count: number, from = 0) =>
	Array.from({length: count}, (_, index) => sessionInvocation({
		skill_name: `skill-${(from + index) % 3}`,
		invoked_at: `2026-03-${String(2 + ((from + index) % 20)).padStart(2, '0')}T10:${String((from + index) % 60).padStart(2, '0')}:00`,
		session_id: `s${Math.floor((from + index) / 4)}`,
		completed: (from + index) % 7 !== 3,
		duration_seconds: (from + index) % 7 === 3 ? null : 1.25,
		user_query: (from + index) % 2 === 0 ? 'a "quoted" } ] query' : null,
	}));

const counts = (report: CollectReport) => report.projects.map(project => [project.collected, project.updated, project.unchanged, project.errors, project.error_details.map(detail => detail.message.replace(/^\S+: /, ''))]);

/**
 * Rollup sums are added in the order DuckDB's threads meet the rows, which differs from run to
 * run in the last bits of a double: figures are compared to 12 significant digits.
 */
const settled = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_key, item: unknown) =>
	(typeof item === 'number' && !Number.isInteger(item) ? Number(item.toPrecision(12)) : item)));

async function state(database: Database) {
	await freshRollups(database, {zone: 'UTC'});
	await freshRollups(database, {workflows: true});
	return settled({
		rows: (await usageRows(database)).map(({project_id: _project, ...row}) => row),
		daily: await aggregateRows(database, '*', 'daily'),
		all: await aggregateRows(database, '*', 'all'),
		sessions: await database.all(`SELECT session_id, skills_used::VARCHAR AS skills, status, iso(completed_at) AS completed FROM workflow_executions ORDER BY session_id`),
	});
}

/** Collects each text in turn into two databases, from anchors and whole; both must agree at every step. */
async function assertSameAsWhole(texts: readonly string[]): Promise<CollectReport[]> {
	const tailed = await openDatabase();
	const whole = await openDatabase();
	const a = await addProject(tailed, {[file]: texts[0]!});
	const b = await addProject(whole, {[file]: texts[0]!});
	const reports: CollectReport[] = [];
	for (const [step, text] of texts.entries()) {
		await writeFile(join(a.dir, file), text);
		await writeFile(join(b.dir, file), text);
		const fromAnchor = await collectUtc(tailed);
		const read = await collectUtc(whole, {force: true});
		assert.deepStrictEqual(counts(fromAnchor), counts(read), `reports, step ${step}`);
		assert.deepStrictEqual(await state(tailed), await state(whole), `stored, step ${step}`);
		// Each clean read leaves the file's anchor for the next one.
		const kept = await tailed.one<{offset: number}>(`SELECT head_bytes::DOUBLE AS offset FROM source_tails`);
		assert.equal(kept?.offset, fromAnchor.totals.errors === 0 ? findAnchor(Buffer.from(text))?.offset : undefined, `anchor, step ${step}`);
		reports.push(fromAnchor);
	}

	return reports;
}

describe('grown tracker files', () => {
	test('only the appended records are parsed from the anchor', async () => {
		const dir = await makeTempDir();
		const path = join(dir, 'f.json');
		await writeTracker(path, 1, 200);
		const before = await readFile(path);
		const anchor = findAnchor(before)!;
		assert.ok(anchor && isRecordBoundary(before, anchor.offset));
		await writeTracker(path, 1, 203, 200);
		const grown = await readFile(path);
		assert.deepEqual(grown.subarray(0, anchor.offset), before.subarray(0, anchor.offset), 'the writer keeps the head');
		const read = await readTail(path, file, {size: grown.length, anchor, previous: 200}, 'UTC');
		assert.equal(read?.records.length, 3);
		assert.equal(read?.problems.length, 0);
		assert.ok(read?.anchor && read.anchor.offset > anchor.offset);
		// The head changed: no tail read.
		const changed = Buffer.from(grown);
		changed[anchor.offset - 40] = changed[anchor.offset - 40] === 0x61 ? 0x62 : 0x61;
		await writeFile(path, changed);
		assert.equal(await readTail(path, file, {size: changed.length, anchor, previous: 200}, 'UTC'), undefined);
	});

	test('an offset that is not just after a record of the list is refused', () => {
		const text = Buffer.from('{"invocations": [{"a": "x}"}, {"b": [1, {"c": 2}]}], "skills": {}}');
		const ends = [...text.keys()].filter(index => text[index - 1] === 0x7d);
		const records = [text.indexOf('}, {"b"') + 1, text.indexOf(']}]') + 2];
		assert.deepEqual(ends.filter(index => isRecordBoundary(text, index)), records, 'the brace inside a string and the nested object are not ends of records');
		assert.equal(isRecordBoundary(Buffer.from('{"skills": {}, "invocations": [{"a": 1}]}'), 39), false, 'invocations must be the first key');
	});

	test('appended records, many times over, as the writers grow the file', async () => {
		const texts = [10, 13, 13, 40].map(count => tracker(records(count)));
		const reports = await assertSameAsWhole(texts);
		assert.deepEqual(counts(reports[1]!)[0]!.slice(0, 3), [3, 0, 10]);
	});

	test('a pending record finished in the head, a shrunken file, a bad and a NaN record in the tail', async () => {
		const base = records(12);
		const finished = base.map((record, index) => (index === 3 ? {...record, completed: true, duration_seconds: 9} : record));
		await assertSameAsWhole([
			tracker(base),
			tracker([...base, ...records(2, 12)]),
			tracker([...finished, ...records(2, 12)]),
			tracker([...finished, ...records(2, 12), {skill_name: 5, invoked_at: '2026-03-02T10:00:00', completed: true}, ...records(1, 14)]),
			tracker(records(5)),
			tracker([...records(5), ...records(2, 30)]).replace('"duration_seconds": 1.25', '"duration_seconds": NaN'),
			tracker([...records(5), ...records(2, 30), ...records(2, 40)]),
		]);
	});

	test('a file of the benchmark generator grown by 1 %', async () => {
		const dir = await makeTempDir();
		const path = join(dir, 'g.json');
		const texts: string[] = [];
		for (const count of [500, 505]) {
			await writeTracker(path, 2, count, 500);
			texts.push(await readFile(path, 'utf8'));
		}

		await assertSameAsWhole(texts);
	});
});
