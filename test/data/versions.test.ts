import assert from 'node:assert/strict';
import {before, describe, test} from 'node:test';
import {versionDiff} from '../../source/data/queries/versions/version-diff.js';
import {skillVersions} from '../../source/data/queries/versions/versions.js';
import type {Project} from '../../source/data/registry/registry.js';
import type {Database} from '../../source/data/store/database.js';
import {UsageError} from '../../source/errors.js';
import {addProject, openDatabase} from '../helpers/database.js';
import {fingerprintOf, insertUses, series, type Use} from '../helpers/uses.js';
import {addReviewVersions, REVIEW_BODIES} from '../helpers/versions-fixture.js';

/*
 * Versions of a skill (outcomes.md, "Version" and "Comparing versions") from rows written by hand
 * (test/helpers/versions-fixture.ts works the figures out): labels by first use across the whole database, the version in force for a use without a text,
 * both dynamic rules, plugin versions as labels, Fisher and Wilson on the figures, the line diff.
 */

const BODY = REVIEW_BODIES;

let database: Database;
let a: Project;
let b: Project;

before(async () => {
	database = await openDatabase();
	a = await addProject(database, {}, {name: 'A'});
	b = await addProject(database, {}, {name: 'B'});
	await addReviewVersions(database, {a: a.project_id, b: b.project_id});
});

const byLabel = async (scope = {}, range?: {since: string; until: string}) => {
	const report = await skillVersions(database, 'review', {scope, runsCommands: false, range: range && {...range, zone: 'UTC'}});
	return new Map(report.versions.map(version => [version.label, version]));
};

describe('versions of a skill', () => {
	test('labelled by first use across the whole database, whatever the scope', async () => {
		assert.deepEqual([...(await byLabel()).keys()], ['v1', 'v2', 'v3', 'v4']);
		const inA = await byLabel({project: a});
		assert.deepEqual([...inA.keys()], ['v1', 'v3', 'v4'], 'v2 was never run in A: not listed, and no other version takes its label');
		assert.deepEqual([...(await byLabel({project: b})).keys()], ['v2', 'v3']);
		assert.equal(inA.get('v3')?.compared_with, 'v1', 'compared with the version listed before it');
		assert.equal(inA.get('v1')?.fingerprint, fingerprintOf(BODY.one));
		assert.deepEqual([inA.get('v3')?.first_used, inA.get('v3')?.last_used], ['2026-03-05T10:00:00.000000Z', '2026-03-06T10:03:00.000000Z'], 'first and last use of the version anywhere');
	});

	test('a use without a text takes the version in force: the latest first used before it', async () => {
		const v3 = (await byLabel({project: a})).get('v3')!;
		assert.deepEqual([v3.uses, v3.load_failed, v3.clean_finishes, v3.errored], [30, 1, 12, 17]);
		const all = [...(await byLabel()).values()].reduce((sum, version) => sum + version.uses, 0);
		assert.equal(all, 50 + 3 + 29 + 4 + 1 + 6, 'the two uses before any text ran no known version');
	});

	test('figures per version: Wilson 95 % interval, averages; Fisher against the one before', async () => {
		const inA = await byLabel({project: a});
		const v1 = inA.get('v1')!;
		const v3 = inA.get('v3')!;
		// python: the Wilson formula with z = 1.96 (test/domain/stats.test.ts).
		assert.deepEqual([v1.clean_rate, v1.clean_rate_low?.toFixed(6), v1.clean_rate_high?.toFixed(6)], [43 / 50, '0.738135', '0.930493']);
		assert.deepEqual([v1.verdict, v1.p_value, v1.compared_with, v1.lines_added], [null, null, null, null], 'the first version has nothing to be compared with');
		// scipy.stats.fisher_exact([[12, 18], [43, 7]]).pvalue: v3's 30 known (the load failure is one), v1's 50.
		assert.equal(v3.verdict, 'worse');
		assert.ok(Math.abs(v3.p_value! - 3.672764548350778e-5) < 1e-15, String(v3.p_value));
		assert.deepEqual([v3.avg_duration_ms, v3.avg_followup_actions, v1.avg_followup_actions], [4000, 5 * 29 / 30, 2]);
		assert.deepEqual([v3.lines_added, v3.lines_removed], [2, 1], 'v1 → v3: one line changed, one added');
	});

	test('too few uses to tell: unclear, with its p-value', async () => {
		const v4 = (await byLabel({project: a})).get('v4')!;
		// scipy.stats.fisher_exact([[4, 2], [12, 18]]).pvalue
		assert.equal(v4.verdict, 'unclear');
		assert.ok(Math.abs(v4.p_value! - 0.3737524335247295) < 1e-12, String(v4.p_value));
		assert.deepEqual([v4.lines_added, v4.lines_removed], [1, 1]);
	});

	test('a range of days counts only its uses; the labels stay', async () => {
		const late = await byLabel({}, {since: '2026-03-06', until: '2026-03-31'});
		assert.deepEqual([...late.keys()], ['v3', 'v4']);
		assert.equal(late.get('v3')?.uses, 4 + 1, 'B’s four uses of 03-06 and the load failure of 03-07');
		assert.equal(late.get('v3')?.verdict, null, 'the first listed is compared with nothing');
	});

	test('the diff of two versions, by label or fingerprint prefix', async () => {
		const diff = await versionDiff(database, 'review', {from: 'v1', to: fingerprintOf(BODY.two).slice(0, 8), runsCommands: false});
		assert.deepEqual([diff.from.label, diff.to.label, diff.to.fingerprint], ['v1', 'v3', fingerprintOf(BODY.two)]);
		assert.equal(diff.diff, [
			`--- review v1 (${fingerprintOf(BODY.one).slice(0, 12)})`,
			`+++ review v3 (${fingerprintOf(BODY.two).slice(0, 12)})`,
			'@@ -1,3 +1,4 @@', ' # Review', '-Read the diff.', '+Read the whole file.', ' Be brief.', '+List every nit.', '',
		].join('\n'));
		await assert.rejects(versionDiff(database, 'review', {from: 'v9', to: 'v1', runsCommands: false}), (error: unknown) => error instanceof UsageError && /label \(v1, v2, v3, v4\)/.test(error.message));
		await assert.rejects(versionDiff(database, 'review', {from: 'ffffffff', to: 'v1', runsCommands: false}), /no version of review has a fingerprint starting ffffffff/);
	});
});

describe('dynamic skills', () => {
	const once = (skill: string, count: number, start: string, fields: Partial<Use> = {}) =>
		series(count, start, index => ({project_id: a.project_id, skill_name: skill, body: `${skill} at use ${index}: ${start}`, ...fields}));

	test('three or more texts seen once that are half its uses or more: dynamic, no versions without plugin versions', async () => {
		await insertUses(database, [...once('standup', 4, '2026-04-01T09:00:00Z'), ...series(2, '2026-04-02T09:00:00Z', () => ({project_id: a.project_id, skill_name: 'standup', body: 'same'}))]);
		const report = await skillVersions(database, 'standup', {scope: {}, runsCommands: false});
		assert.deepEqual([report.dynamic, report.versions], [true, []]);
		assert.match(report.dynamic_reason!, /^4 of its 6 uses each had a text seen only once.*no versions to compare/);
		await assert.rejects(versionDiff(database, 'standup', {from: 'v1', to: 'v2', runsCommands: false}), /standup is dynamic/);
	});

	test('fewer than half its uses: not dynamic, each text a version', async () => {
		await insertUses(database, [...once('steady', 3, '2026-04-01T09:00:00Z'), ...series(4, '2026-04-05T09:00:00Z', () => ({project_id: a.project_id, skill_name: 'steady', body: 'same'}))]);
		const report = await skillVersions(database, 'steady', {scope: {}, runsCommands: false});
		assert.deepEqual([report.dynamic, report.dynamic_reason, report.versions.map(version => version.label)], [false, null, ['v1', 'v2', 'v3', 'v4']]);
	});

	test('an installed SKILL.md that runs commands makes it dynamic whatever its texts', async () => {
		const report = await skillVersions(database, 'steady', {scope: {}, runsCommands: true});
		assert.equal(report.dynamic, true);
		assert.match(report.dynamic_reason!, /runs commands/);
	});

	test('a dynamic plugin skill is versioned by its plugin versions, labelled by them', async () => {
		await insertUses(database, [
			...once('tools:gen', 4, '2026-04-10T09:00:00Z', {plugin_version: '1.0.0'}),
			...once('tools:gen', 4, '2026-04-20T09:00:00Z', {plugin_version: '1.1.0', outcome: 'interrupted'}),
		]);
		const report = await skillVersions(database, 'tools:gen', {scope: {}, runsCommands: false});
		assert.equal(report.dynamic, true);
		assert.match(report.dynamic_reason!, /its versions are its plugin's versions/);
		assert.deepEqual(report.versions.map(version => [version.label, version.fingerprint, version.plugin_version, version.uses, version.clean_rate, version.lines_added]), [
			['1.0.0', null, '1.0.0', 4, 1, null],
			['1.1.0', null, '1.1.0', 4, 0, null],
		]);
		// scipy.stats.fisher_exact([[0, 4], [4, 0]]).pvalue = 0.0286: even 4 against 4 can tell when every use flips.
		assert.deepEqual([report.versions[1]?.verdict, report.versions[1]?.p_value?.toFixed(4)], ['worse', '0.0286']);
	});
});
