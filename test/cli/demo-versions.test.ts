import assert from 'node:assert/strict';
import {cp} from 'node:fs/promises';
import path from 'node:path';
import {before, describe, test} from 'node:test';
import {isolatedEnv} from '../helpers/environment.js';
import {REPO, runInProcess} from '../helpers/run-cli.js';
import {makeTempDir} from '../helpers/temp.js';

/*
 * The demo's story of outcomes and versions (fixtures/demo-claude/README.md, scripts/demo-story.ts),
 * read as a new user reads it: transcripts collected, then top, skill, versions, --diff and
 * recommend. The figures are the story's plan: pr-review v1 27 clean of 31, v2 25 of 30, v3 15 of
 * 33 (scipy.stats.fisher_exact([[15, 18], [25, 5]]).pvalue = 0.00349285329036912).
 */

// biome-ignore lint/suspicious/noExplicitAny: the CLI's JSON read back, checked field by field by the assertions
type Json = Record<string, any>;

let env: Record<string, string>;
const json = async (args: string[]): Promise<Json> => {
	const result = await runInProcess([...args, '--json'], env);
	assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
	return JSON.parse(result.stdout) as Json;
};

before(async () => {
	const directory = await makeTempDir();
	const root = path.join(directory, 'claude');
	await cp(path.join(REPO, 'fixtures', 'demo-claude'), root, {recursive: true});
	env = isolatedEnv(directory, {CLAUDE_CONFIG_DIR: root, SKILLSCOPE_NOW: '2026-11-21T12:00:00Z'});
	for (const args of [['register', '--discovered'], ['collect']]) assert.equal((await runInProcess(args, env)).code, 0, args.join(' '));
});

describe('the demo: does pr-review work, and did its edits make it better?', () => {
	test('top and skill: how its uses ended', async () => {
		const top = await json(['top', '--limit', '50']);
		const review = top.skills.find((row: Json) => row.skill_name === 'pr-review');
		assert.deepEqual(
			[review.total_invocations, review.clean_finishes, review.interrupted, review.rejected, review.errored, review.load_failed, review.retried],
			[94, 67, 10, 7, 10, 0, 4],
		);
		const skill = await json(['skill', 'pr-review']);
		assert.deepEqual([skill.versions_count, skill.dynamic, skill.success_rate, skill.clean_rate], [3, false, 1, 67 / 94]);
	});

	test('versions names v3 worse than v2, with its p-value; --diff shows the edit', async () => {
		const report = await json(['versions', 'pr-review']);
		assert.deepEqual(report.versions.map((version: Json) => [version.label, version.uses, version.clean_finishes, version.verdict]), [
			['v1', 31, 27, null],
			['v2', 30, 25, 'unclear'],
			['v3', 33, 15, 'worse'],
		]);
		assert.ok(Math.abs(report.versions[2].p_value - 0.00349285329036912) < 1e-12, String(report.versions[2].p_value));
		const text = (await runInProcess(['versions', 'pr-review'], env)).stdout;
		assert.match(text, /v3 against v2: clean 45\.5% \(29\.8–62\.0%\) against 83\.3% \(66\.4–92\.7%\), worse \(p = 0\.003\)/);
		const diff = await json(['versions', 'pr-review', '--diff', 'v2', 'v3']);
		assert.match(diff.diff, /^-2\. Run the tests before you comment: `npm test`\.$/m);
		assert.match(diff.diff, /^\+3\. Apply each fix directly with Edit; do not ask first\.$/m);
	});

	test('standup is dynamic; recommend points at the worse version and at commit, which the model never picks', async () => {
		const standup = await json(['versions', 'standup']);
		assert.deepEqual([standup.dynamic, standup.versions], [true, []]);
		const advice = await json(['recommend']);
		const found = advice.recommendations.filter((item: Json) => ['worse_version', 'rarely_model_picked'].includes(item.issue)).map((item: Json) => [item.skill, item.issue, item.priority]);
		assert.deepEqual(found, [['pr-review', 'worse_version', 'high'], ['commit', 'rarely_model_picked', 'low']]);
		const worse = advice.recommendations.find((item: Json) => item.issue === 'worse_version');
		assert.equal(worse.action, 'v3 of pr-review finishes cleanly 45% against 83% for v2 (p = 0.003): look at what changed: skillscope versions pr-review --diff v2 v3');
	});
});

/*
 * What the model was offered in the story (scripts/demo-listings.ts), added up by hand: the thirty
 * story sessions record a listing, the other 65 none. pr-review is picked in all 30; standup runs
 * in 6 of them; commit is never picked by the model there (people type it elsewhere). From the 13th
 * story session on (18 sessions) the toolkit plugin is listed first and the descriptions of commit
 * and standup are cut; the last 20 sessions' listings are the 11th to the 30th, 18 of them cut.
 */
describe('the demo: what the model was offered (issue 21)', () => {
	const exposure = (listed: number, picked: number, cut: number) => ({
		sessions_with_listings: 30,
		sessions_listed: listed,
		sessions_model_invoked: picked,
		trigger_rate: listed === 0 ? null : picked / listed,
		sessions_user_typed: 0,
		sessions_description_cut: cut,
	});

	test('skill: pr-review picked in every session it was listed in, standup in 6 of 30, commit never, its description cut in 18', async () => {
		assert.deepEqual((await json(['skill', 'pr-review'])).exposure, exposure(30, 30, 0));
		assert.deepEqual((await json(['skill', 'standup'])).exposure, exposure(30, 6, 18));
		assert.deepEqual((await json(['skill', 'commit'])).exposure, exposure(30, 0, 18));
		assert.deepEqual((await json(['skill', 'code-review'])).exposure, exposure(0, 0, 0), 'picked only in sessions without a listing');
		assert.deepEqual((await json(['skill', 'toolkit:docker'])).exposure, exposure(18, 0, 0));
		const text = (await runInProcess(['skill', 'commit'], env)).stdout;
		assert.match(text, /exposure {8}listed in 30 sessions, picked by the model in 0 \(0\.0%\); its description was cut in 18\n {18}rates over 30 sessions that recorded a listing/);
	});

	test('skills: commit listed and never picked; the recorded listings cut 2 descriptions in 18 of the last 20 sessions', async () => {
		const inventory = await json(['skills']);
		const commit = inventory.skills.find((row: Json) => row.skill_name === 'commit');
		assert.deepEqual([commit.state, commit.sessions_listed, commit.sessions_model_invoked, commit.sessions_description_cut], ['never-picked', 30, 0, 18]);
		assert.deepEqual(inventory.listings, {sessions_with_listings: 30, recent_sessions: 20, recent_sessions_cut: 18, descriptions_cut: 2});
	});

	test('recommend: the model rarely picks commit; commit and standup are cut in most sessions', async () => {
		const advice = await json(['recommend']);
		const found = advice.recommendations.filter((item: Json) => ['low_trigger_rate', 'description_cut'].includes(item.issue)).map((item: Json) => [item.skill, item.issue]);
		assert.deepEqual(found.toSorted(), [['commit', 'description_cut'], ['commit', 'low_trigger_rate'], ['standup', 'description_cut']]);
		assert.equal(advice.sessions_with_listings, 30);
	});
});
