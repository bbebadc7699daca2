import assert from 'node:assert/strict';
import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {before, describe, test} from 'node:test';
import {skillInventory} from '../../source/data/inventory/inventory.js';
import {recommend, type RecommendReport} from '../../source/data/queries/recommend.js';
import {freshRollups} from '../../source/data/rollups/fresh.js';
import {interruptedAdvice, rarelyPickedAdvice} from '../../source/domain/outcome-advice.js';
import {addProject, openDatabase} from '../helpers/database.js';
import {makeTempDir} from '../helpers/temp.js';
import {insertUses, series, type Use} from '../helpers/uses.js';

/*
 * recommend's three rules of issue 20, on uses written by hand and skills installed in a Claude
 * Code root of the test's own: a latest version worse than the one before, a skill interrupted in
 * 20 % or more of 10 or more uses, an installed model-invocable skill typed by the user in 80 % or
 * more of 5 or more uses.
 */

const NOW = new Date('2026-04-01T12:00:00Z');
let report: RecommendReport;

const OURS = new Set(['worse_version', 'often_interrupted', 'rarely_model_picked']);
/** The issues of these rules for a skill (the other rules, not_installed among them, are tested elsewhere). */
const issues = (skill: string) => report.recommendations.filter(item => item.skill === skill && OURS.has(item.issue)).map(item => item.issue);

before(async () => {
	const database = await openDatabase();
	const project = await addProject(database, {}, {name: 'P'});
	const root = await makeTempDir();
	const install = async (name: string, frontmatter = '') => {
		await mkdir(path.join(root, 'skills', name), {recursive: true});
		await writeFile(path.join(root, 'skills', name, 'SKILL.md'), `---\nname: ${name}\ndescription: Does ${name}.\n${frontmatter}---\n\nSteps.\n`);
	};

	for (const name of ['commit', 'almost', 'few']) await install(name);
	await install('manual', 'disable-model-invocation: true\n');
	const use = (skill: string, count: number, start: string, fields: (index: number) => Partial<Use>) =>
		series(count, start, index => ({project_id: project.project_id, skill_name: skill, ...fields(index)}));
	await insertUses(database, [
		// deploy: v1 clean 20 of 20, then v2 clean 3 of 15 (scipy: fisher_exact([[3, 12], [20, 0]]) p = 1.3e-7): worse.
		...use('deploy', 20, '2026-03-01T09:00:00Z', () => ({body: 'Deploy.'})),
		...use('deploy', 15, '2026-03-10T09:00:00Z', index => ({body: 'Deploy now.', outcome: index < 3 ? 'clean' : 'errored'})),
		// rollback: v2 was worse, v3 came back: the version in use is not worse than the one before it.
		...use('rollback', 20, '2026-03-01T09:00:00Z', () => ({body: 'one'})),
		...use('rollback', 15, '2026-03-05T09:00:00Z', index => ({body: 'two', outcome: index < 3 ? 'clean' : 'errored'})),
		...use('rollback', 15, '2026-03-10T09:00:00Z', () => ({body: 'three'})),
		// stopped: 3 of 12 interrupted (25 %); calm: 2 of 12 (17 %); short: 2 of 9 (22 %, too few uses).
		...use('stopped', 12, '2026-03-01T09:00:00Z', index => ({outcome: index < 3 ? 'interrupted' : 'clean'})),
		...use('calm', 12, '2026-03-01T09:00:00Z', index => ({outcome: index < 2 ? 'interrupted' : 'clean'})),
		...use('short', 9, '2026-03-01T09:00:00Z', index => ({outcome: index < 2 ? 'interrupted' : 'clean'})),
		// commit typed 5 of 5, almost 4 of 5 (80 %), few 4 of 4 (too few), manual 5 of 5 (the model may not call it).
		...use('commit', 5, '2026-03-01T09:00:00Z', () => ({trigger: 'user'})),
		...use('almost', 5, '2026-03-01T09:00:00Z', index => ({trigger: index < 4 ? 'user' : 'model'})),
		...use('few', 4, '2026-03-01T09:00:00Z', () => ({trigger: 'user'})),
		...use('manual', 5, '2026-03-01T09:00:00Z', () => ({trigger: 'user'})),
	]);
	await freshRollups(database, {zone: 'UTC'});
	const inventory = await skillInventory(database, {root, now: NOW});
	report = await recommend(database, {scope: {}, now: NOW, timezone: 'UTC', inventory});
});

describe('advice from outcomes and versions', () => {
	test('a latest version worse than the one before: high, with the numbers and the diff to look at', () => {
		const advice = report.recommendations.find(item => item.issue === 'worse_version')!;
		assert.equal(advice.skill, 'deploy');
		assert.equal(advice.priority, 'high');
		assert.equal(advice.action, 'v2 of deploy finishes cleanly 20% against 100% for v1 (p < 0.001): look at what changed: skillscope versions deploy --diff v1 v2');
		assert.deepEqual([advice.evidence.version, advice.evidence.compared_with, advice.evidence.clean_rate, advice.evidence.previous_clean_rate], ['v2', 'v1', 0.2, 1]);
		assert.deepEqual(issues('rollback'), [], 'v2 was worse, but v3 replaced it');
	});

	test('interrupted in 20 % or more of 10 or more uses: medium', () => {
		assert.deepEqual(issues('stopped'), ['often_interrupted']);
		const advice = report.recommendations.find(item => item.skill === 'stopped' && item.issue === 'often_interrupted')!;
		assert.deepEqual([advice.priority, advice.evidence.interrupted, advice.evidence.uses_with_outcome], ['medium', 3, 12]);
		assert.deepEqual([issues('calm'), issues('short')], [[], []]);
	});

	test('a model-invocable installed skill typed by the user in 80 % or more of 5 or more uses: low', () => {
		const advice = report.recommendations.find(item => item.skill === 'commit' && item.issue === 'rarely_model_picked')!;
		assert.equal(advice.issue, 'rarely_model_picked');
		assert.equal(advice.priority, 'low');
		assert.match(advice.action, /^"commit" was typed by the user in 5 of its 5 uses: the model rarely picks it itself: sharpen its description .* in \S+\/skills\/commit\/SKILL\.md\.$/);
		assert.deepEqual(issues('almost'), ['rarely_model_picked']);
		assert.deepEqual([issues('few'), issues('manual')], [[], []]);
	});

	test('the thresholds are in the report', () => {
		const {often_interrupted_share, often_interrupted_min_uses, user_typed_share, user_typed_min_uses, version_significance} = report.thresholds;
		assert.deepEqual([often_interrupted_share, often_interrupted_min_uses, user_typed_share, user_typed_min_uses, version_significance], [0.2, 10, 0.8, 5, 0.05]);
	});

	test('the rules at their edges', () => {
		assert.ok(interruptedAdvice('x', 2, 10));
		assert.equal(interruptedAdvice('x', 1, 10), undefined);
		assert.equal(interruptedAdvice('x', 9, 9), undefined);
		assert.ok(rarelyPickedAdvice('x', 4, 5, '/p'));
		assert.equal(rarelyPickedAdvice('x', 7, 9, '/p'), undefined);
	});
});
