import assert from 'node:assert/strict';
import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {before, describe, test} from 'node:test';
import {registerProject} from '../../source/data/registry/registry.js';
import {Database} from '../../source/data/store/database.js';
import {isolatedEnv} from '../helpers/environment.js';
import {runInProcess} from '../helpers/run-cli.js';
import {makeProject, makeTempDir} from '../helpers/temp.js';
import {fingerprintOf, insertUses, series} from '../helpers/uses.js';
import {addReviewVersions, REVIEW_BODIES} from '../helpers/versions-fixture.js';

/*
 * `versions`, and the outcome fields of top, skill, compare and summary, from the command line on
 * a database written by hand (test/helpers/versions-fixture.ts has the figures), with a Claude
 * Code root of its own where one installed skill runs commands.
 */

// biome-ignore lint/suspicious/noExplicitAny: the CLI's JSON read back, checked field by field by the assertions
type Json = Record<string, any>;

let env: Record<string, string>;

async function run(args: string[], code = 0) {
	const result = await runInProcess(args, env);
	assert.equal(result.code, code, `${args.join(' ')}: ${result.stderr}`);
	return result;
}

const json = async (args: string[]): Promise<Json> => JSON.parse((await run([...args, '--json'])).stdout) as Json;

before(async () => {
	const root = await makeTempDir();
	env = isolatedEnv(root, {SKILLSCOPE_NOW: '2026-04-01T12:00:00Z', TZ: 'UTC'});
	const skill = path.join(env.CLAUDE_CONFIG_DIR!, 'skills', 'standup');
	await mkdir(skill, {recursive: true});
	await writeFile(path.join(skill, 'SKILL.md'), '---\nname: standup\ndescription: What changed since yesterday.\n---\n\nChanges: !`git log --since=yesterday --oneline`\n');
	const database = await Database.open(env.SKILLSCOPE_DB!);
	try {
		const {project: a} = await registerProject(database, await makeProject(), {name: 'A'});
		const {project: b} = await registerProject(database, await makeProject(), {name: 'B'});
		await addReviewVersions(database, {a: a.project_id, b: b.project_id});
		await insertUses(database, series(2, '2026-03-10T09:00:00Z', () => ({project_id: a.project_id, skill_name: 'standup', body: 'Changes: none'})));
	} finally {
		await database.close();
	}
});

describe('versions', () => {
	test('--json: {skill_name, dynamic, dynamic_reason, versions} with every field of a version, in order', async () => {
		const report = await json(['versions', 'review', '--project', 'A']);
		assert.deepEqual([report.skill_name, report.dynamic, report.dynamic_reason], ['review', false, null]);
		assert.deepEqual(report.versions.map((version: Json) => version.label), ['v1', 'v3', 'v4']);
		assert.deepEqual(Object.keys(report.versions[1]), [
			'label', 'fingerprint', 'plugin_version', 'first_used', 'last_used', 'uses', 'clean_finishes', 'clean_rate', 'clean_rate_low', 'clean_rate_high',
			'interrupted', 'rejected', 'errored', 'load_failed', 'retried', 'avg_duration_ms', 'avg_followup_actions', 'avg_tool_errors', 'avg_output_tokens',
			'lines_added', 'lines_removed', 'compared_with', 'verdict', 'p_value',
		]);
		const v3 = report.versions[1];
		assert.deepEqual([v3.fingerprint, v3.uses, v3.clean_finishes, v3.load_failed, v3.verdict, v3.lines_added, v3.lines_removed], [fingerprintOf(REVIEW_BODIES.two), 30, 12, 1, 'worse', 2, 1]);
		assert.equal(v3.first_used, '2026-03-05T10:00:00.000000Z');
	});

	test('the text says what changed, and whether the data can tell yet', async () => {
		const {stdout} = await run(['versions', 'review', '--project', 'A']);
		assert.match(stdout, /^review: versions \(project A\)/);
		assert.match(stdout, /v3 against v1: clean 40\.0% \(24\.6–57\.7%\) against 86\.0% \(73\.8–93\.0%\), worse \(p < 0\.001\); 2 lines added, 1 line removed; avg time 1\.0s → 4\.0s, follow-ups 2\.00 → 4\.83/);
		assert.match(stdout, /v4 against v3: clean 66\.7% \(30\.0–90\.3%\) against 40\.0% \(24\.6–57\.7%\), too few uses to tell: 6 and 30/);
		assert.match(stdout, /See what changed: skillscope versions review --diff v1 v3/);
	});

	test('--diff A B: the unified diff of two texts, by label or fingerprint prefix; --json {from, to, diff}', async () => {
		const {stdout} = await run(['versions', 'review', '--diff', 'v1', 'v3']);
		assert.match(stdout, /^--- review v1 \(\w{12}\)\n\+\+\+ review v3 \(\w{12}\)\n@@ -1,3 \+1,4 @@\n # Review\n-Read the diff\.\n\+Read the whole file\.\n Be brief\.\n\+List every nit\.\n$/);
		const report = await json(['versions', 'review', '--diff', fingerprintOf(REVIEW_BODIES.two).slice(0, 6), 'v4']);
		assert.deepEqual([report.skill_name, report.from.label, report.to.label, report.to.fingerprint], ['review', 'v3', 'v4', fingerprintOf(REVIEW_BODIES.three)]);
		assert.match(report.diff, /\n-Be brief\.\n/);
	});

	test('--diff needs two versions and no scope; an unknown version names the known ones', async () => {
		assert.match((await run(['versions', 'review', '--diff', 'v1'], 2)).stderr, /--diff takes two versions: --diff A B/);
		assert.match((await run(['versions', 'review', '--diff', 'v1', 'v3', '--project', 'A'], 2)).stderr, /leave out --project/);
		assert.match((await run(['versions', 'review', '--diff', 'v1', 'v7'], 2)).stderr, /"v7" is not a version of review: name one by its label \(v1, v2, v3, v4\)/);
	});

	test('a skill whose installed SKILL.md runs commands is dynamic: no versions, and the text says why', async () => {
		const report = await json(['versions', 'standup']);
		assert.deepEqual([report.dynamic, report.versions], [true, []]);
		assert.match(report.dynamic_reason, /runs commands/);
		assert.match((await run(['versions', 'standup'])).stdout, /standup is dynamic: its installed SKILL\.md runs commands/);
		assert.equal((await json(['skill', 'standup'])).dynamic, true);
	});
});

describe('outcome fields in the other reports', () => {
	test('top: seven fields per row, --sort clean_rate, a clean column', async () => {
		const top = await json(['top', '--sort', 'clean_rate:asc']);
		assert.deepEqual(top.skills.map((row: Json) => row.skill_name), ['review', 'standup']);
		const review = top.skills[0];
		assert.deepEqual([review.clean_finishes, review.errored, review.load_failed, review.retried, review.interrupted, review.rejected], [66, 26, 1, 0, 0, 0]);
		assert.equal(review.clean_rate, 66 / 93);
		const {stdout} = await run(['top']);
		assert.match(stdout.split('\n').find(line => line.includes('uses'))!, /│ success +│ clean +│/);
		assert.match(stdout.split('\n').find(line => line.includes('review'))!, /│ 71\.0% +│/);
	});

	test('skill: the fields, versions_count and dynamic; its text has the outcomes and versions lines', async () => {
		const report = await json(['skill', 'review']);
		assert.deepEqual([report.clean_finishes, report.clean_rate, report.versions_count, report.dynamic], [66, 66 / 93, 4, false]);
		assert.equal((await json(['skill', 'review', '--project', 'B'])).versions_count, 2);
		const {stdout} = await run(['skill', 'review']);
		assert.match(stdout, /clean rate {6}71\.0%/);
		assert.match(stdout, /outcomes {8}clean 71% · interrupted 0% · rejected 0% · errored 28% · load failed 1% · retried 0% \(of 93; 2 not known\)/);
		assert.match(stdout, /versions {8}4 \(skillscope versions review\)/);
	});

	test('compare and summary carry them too', async () => {
		const compare = await json(['compare', 'review']);
		assert.deepEqual(compare.projects.map((row: Json) => [row.project_name, row.clean_finishes, row.clean_rate]), [['A', 59, 59 / 86], ['B', 7, 1]]);
		const summary = await json(['summary']);
		assert.deepEqual([summary.clean_finishes, summary.errored, summary.clean_rate], [68, 26, 68 / 95]);
		assert.match((await run(['summary'])).stdout, /clean rate {6}71\.6%/);
	});
});
