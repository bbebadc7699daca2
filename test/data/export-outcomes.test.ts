import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {before, test} from 'node:test';
import {exportData, type ExportOptions} from '../../source/data/export/export.js';
import type {Database} from '../../source/data/store/database.js';
import {addProject, openDatabase} from '../helpers/database.js';
import {makeTempDir} from '../helpers/temp.js';
import {fingerprintOf} from '../helpers/uses.js';
import {addReviewVersions, REVIEW_BODIES} from '../helpers/versions-fixture.js';

/*
 * export carries how each use ended and which text it ran (outcome, retried, fingerprint,
 * plugin_version), anonymized or not, and never the text itself (outcomes.md, "What is kept where").
 */

let database: Database;
let root: string;

before(async () => {
	database = await openDatabase();
	const a = await addProject(database, {}, {name: 'A'});
	const b = await addProject(database, {}, {name: 'B'});
	await addReviewVersions(database, {a: a.project_id, b: b.project_id});
	root = await makeTempDir();
});

const options = (over: Partial<ExportOptions>): ExportOptions => ({format: 'json', what: 'usage', output: '', anonymize: false, force: false, timezone: 'UTC', ...over});

test('usage, plain and anonymized: outcome, retried, fingerprint and plugin_version, never a body', async () => {
	for (const anonymize of [false, true]) {
		const file = path.join(root, `usage-${anonymize}.json`);
		await exportData(database, options({output: file, anonymize}));
		const text = await readFile(file, 'utf8');
		const rows = JSON.parse(text) as Array<Record<string, unknown>>;
		assert.equal(rows.length, 95);
		const v3 = rows.filter(row => row.fingerprint === fingerprintOf(REVIEW_BODIES.two));
		assert.equal(v3.length, 33);
		assert.deepEqual(Object.keys(rows[0]!).slice(-4), ['outcome', 'retried', 'fingerprint', 'plugin_version']);
		assert.deepEqual(new Set(rows.map(row => row.outcome)), new Set([null, 'clean', 'errored', 'load_failed']));
		for (const body of Object.values(REVIEW_BODIES)) for (const line of body.split('\n')) assert.ok(!text.includes(line), `${anonymize ? 'anonymized' : 'plain'}: no "${line}"`);
	}
});

test('aggregates carry the outcome counts', async () => {
	const file = path.join(root, 'aggregates.json');
	await exportData(database, options({output: file, what: 'aggregates'}));
	const rows = JSON.parse(await readFile(file, 'utf8')) as Array<Record<string, unknown>>;
	const all = rows.find(row => row.project === '*' && row.time_window === 'all')!;
	assert.deepEqual([all.clean_finishes, all.errored, all.load_failed, all.retried], [66, 26, 1, 0]);
});
