import assert from 'node:assert/strict';
import {before, describe, test} from 'node:test';
import {compareSkill, projectComparisonRows} from '../../source/data/queries/compare.js';
import {skillEffectiveness} from '../../source/data/queries/skill.js';
import {summary} from '../../source/data/queries/summary.js';
import {topSkills, type SkillRow} from '../../source/data/queries/top.js';
import {skillTrendReport} from '../../source/data/queries/trend.js';
import {freshRollups} from '../../source/data/rollups/fresh.js';
import type {Project} from '../../source/data/registry/registry.js';
import type {Database} from '../../source/data/store/database.js';
import {getSetting} from '../../source/data/store/settings.js';
import {ALL_BUCKET} from '../../source/domain/time-window.js';
import {addProject, openDatabase} from '../helpers/database.js';
import {insertUses, series} from '../helpers/uses.js';

/*
 * The outcome fields (outcomes.md) in every path a report takes: the rollups of a bucket or a
 * range of days, raw rows under a trigger filter, one machine's sums, the kept all-time profiles
 * of the drill-down and of compare, the raw rows of a drill-down over days, summary and trend.
 * Counted by hand from the rows below.
 */

const OUTCOME_KEYS = ['clean_finishes', 'interrupted', 'rejected', 'errored', 'load_failed', 'retried', 'clean_rate'] as const;
const outcomes = (row: Partial<Record<(typeof OUTCOME_KEYS)[number], unknown>>) => Object.fromEntries(OUTCOME_KEYS.map(key => [key, row[key]]));

let database: Database;
let a: Project;
let b: Project;

before(async () => {
	database = await openDatabase();
	a = await addProject(database, {}, {name: 'A'});
	b = await addProject(database, {}, {name: 'B'});
	// review in A, 2026-03-02: 6 clean (2 retried), 2 interrupted, 1 rejected, 1 errored, 1 load failure,
	// 2 finished before outcomes were recorded (not known), 1 pending.
	const kinds = ['clean', 'clean', 'clean', 'clean', 'clean', 'clean', 'interrupted', 'interrupted', 'rejected', 'errored'] as const;
	await insertUses(database, [
		...series(10, '2026-03-02T10:00:00Z', index => ({project_id: a.project_id, skill_name: 'review', outcome: kinds[index]!, retried: index < 2})),
		...series(1, '2026-03-02T12:00:00Z', () => ({project_id: a.project_id, skill_name: 'review', status: 'failed', error_type: 'unknown_skill'})),
		...series(2, '2026-03-02T13:00:00Z', () => ({project_id: a.project_id, skill_name: 'review', outcome: null})),
		...series(1, '2026-03-02T14:00:00Z', () => ({project_id: a.project_id, skill_name: 'review', status: 'pending'})),
		// review in B, 2026-03-10: 2 clean (one typed by the user), 1 errored.
		...series(3, '2026-03-10T09:00:00Z', index => ({project_id: b.project_id, skill_name: 'review', outcome: index === 2 ? 'errored' : 'clean', trigger: index === 0 ? 'user' : 'model'})),
		// A tracker's rows: its writer's flag is the outcome.
		...series(3, '2026-03-03T09:00:00Z', index => ({project_id: a.project_id, skill_name: 'tracked', source: 'session-buddy', status: index === 0 ? 'failed' : 'succeeded', outcome: index === 0 ? 'errored' : 'clean'})),
	]);
	await freshRollups(database, {zone: 'UTC'});
});

const ALL_REVIEW = {clean_finishes: 8, interrupted: 2, rejected: 1, errored: 2, load_failed: 1, retried: 2, clean_rate: 8 / 14};
const A_REVIEW = {clean_finishes: 6, interrupted: 2, rejected: 1, errored: 1, load_failed: 1, retried: 2, clean_rate: 6 / 11};
const B_REVIEW = {clean_finishes: 2, interrupted: 0, rejected: 0, errored: 1, load_failed: 0, retried: 0, clean_rate: 2 / 3};

const allTime = {kind: 'bucket', window: 'all', bucketStart: ALL_BUCKET} as const;
const row = (rows: readonly SkillRow[], name: string) => rows.find(each => each.skill_name === name)!;

describe('outcome fields per skill', () => {
	test('top, all time, every project: the seven fields, clean rate over the uses whose outcome is known', async () => {
		const top = await topSkills(database, {scope: {}, period: allTime, limit: 10});
		assert.deepEqual(outcomes(row(top.skills, 'review')), ALL_REVIEW);
		assert.equal(row(top.skills, 'review').total_invocations, 16, 'the 2 not known still count as uses');
		assert.deepEqual(outcomes(row(top.skills, 'tracked')), {clean_finishes: 2, interrupted: 0, rejected: 0, errored: 1, load_failed: 0, retried: 0, clean_rate: 2 / 3});
	});

	test('top of one project, of a range of days (daily rollups), of one machine', async () => {
		assert.deepEqual(outcomes(row((await topSkills(database, {scope: {project: a}, period: allTime})).skills, 'review')), A_REVIEW);
		const range = await topSkills(database, {scope: {}, period: {kind: 'range', since: '2026-03-01', until: '2026-03-05'}});
		assert.deepEqual(outcomes(row(range.skills, 'review')), A_REVIEW);
		const machine = {machine_id: (await getSetting(database, 'machine_id'))!, name: 'here'};
		assert.deepEqual(outcomes(row((await topSkills(database, {scope: {machine}, period: allTime})).skills, 'review')), ALL_REVIEW);
	});

	test('top under a trigger filter reads raw rows: the same fields, of those uses only', async () => {
		const model = await topSkills(database, {scope: {}, period: allTime, trigger: 'model', zone: 'UTC'});
		assert.deepEqual(outcomes(row(model.skills, 'review')), {...ALL_REVIEW, clean_finishes: 7, clean_rate: 7 / 13});
		const user = await topSkills(database, {scope: {}, period: allTime, trigger: 'user', zone: 'UTC'});
		assert.deepEqual(outcomes(row(user.skills, 'review')), {clean_finishes: 1, interrupted: 0, rejected: 0, errored: 0, load_failed: 0, retried: 0, clean_rate: 1});
	});

	test('--sort clean_rate orders by it, either way', async () => {
		const names = async (descending: boolean) => (await topSkills(database, {scope: {}, period: allTime, sort: 'clean_rate', descending})).skills.map(each => each.skill_name);
		assert.deepEqual(await names(true), ['tracked', 'review']);
		assert.deepEqual(await names(false), ['review', 'tracked']);
	});

	test('the drill-down, all time from the kept profiles and over days from raw rows, agrees', async () => {
		const kept = await skillEffectiveness(database, 'review', {});
		assert.deepEqual(outcomes(kept), ALL_REVIEW);
		const raw = await skillEffectiveness(database, 'review', {}, {since: '2026-01-01', until: '2026-12-31', zone: 'UTC'});
		assert.deepEqual(outcomes(raw), ALL_REVIEW);
		assert.deepEqual(outcomes(await skillEffectiveness(database, 'review', {project: b})), B_REVIEW);
	});

	test('compare: each project its own fields, from the profiles and from raw rows alike', async () => {
		const kept = await compareSkill(database, 'review');
		assert.deepEqual(kept.projects.map(each => [each.project_name, outcomes(each)]), [['A', A_REVIEW], ['B', B_REVIEW]]);
		const raw = await projectComparisonRows(database, 'review');
		assert.deepEqual(raw.map(each => [each.project_name, outcomes(each)]), [['A', A_REVIEW], ['B', B_REVIEW]]);
	});

	test('summary adds every skill up; trend points carry the clean rate of their bucket', async () => {
		const total = await summary(database, {});
		assert.deepEqual(outcomes(total), {clean_finishes: 10, interrupted: 2, rejected: 1, errored: 3, load_failed: 1, retried: 2, clean_rate: 10 / 17});
		assert.deepEqual(outcomes(total.top_skills.find(each => each.skill_name === 'review')!), ALL_REVIEW);
		const trend = await skillTrendReport(database, 'review', {}, 'weekly', {until: '2026-03-15'});
		assert.deepEqual(trend.trend.map(point => [point.bucket_start, point.clean_rate]), [['2026-03-02', 6 / 11], ['2026-03-09', 2 / 3]]);
	});

	test('a skill none of whose outcomes is known has a null clean rate; one with no clean finish, 0', async () => {
		const other = await openDatabase();
		const project = await addProject(other, {}, {name: 'C'});
		await insertUses(other, [
			...series(3, '2026-03-02T10:00:00Z', () => ({project_id: project.project_id, skill_name: 'old', outcome: null})),
			...series(2, '2026-03-02T10:00:00Z', () => ({project_id: project.project_id, skill_name: 'broken', status: 'failed', error_type: 'unknown_skill'})),
		]);
		await freshRollups(other, {zone: 'UTC'});
		const top = await topSkills(other, {scope: {}, period: allTime});
		assert.deepEqual(outcomes(row(top.skills, 'old')), {clean_finishes: 0, interrupted: 0, rejected: 0, errored: 0, load_failed: 0, retried: 0, clean_rate: null});
		assert.equal((await skillEffectiveness(other, 'old', {})).clean_rate, null);
		// None clean of two known: 0, from the kept profiles as from raw rows.
		assert.equal(row(top.skills, 'broken').clean_rate, 0);
		assert.equal((await skillEffectiveness(other, 'broken', {})).clean_rate, 0);
		assert.equal((await skillEffectiveness(other, 'broken', {}, {since: '2026-03-01', until: '2026-03-31', zone: 'UTC'})).clean_rate, 0);
	});
});
