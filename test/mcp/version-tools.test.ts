import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {registerProject} from '../../source/data/registry/registry.js';
import {Database} from '../../source/data/store/database.js';
import {isolatedEnv} from '../helpers/environment.js';
import {makeProject, makeTempDir} from '../helpers/temp.js';
import {addReviewVersions, REVIEW_BODIES} from '../helpers/versions-fixture.js';
import {cliJson, type Json, serve, toolData, toolError} from './client.js';

/*
 * get_skill_versions and the outcome fields of the other tools, on the hand-written versions of
 * test/helpers/versions-fixture.ts: each answer is the command line's --json for the same
 * question, and no answer carries a skill's text unless a diff is asked for.
 */
describe('skillscope mcp, versions and outcomes', () => {
	let env: Record<string, string>;
	let served: Awaited<ReturnType<typeof serve>>;
	const same = async (name: string, args: Json, command: string[]): Promise<Json> => {
		const answer = await toolData(served.client, name, args);
		assert.deepEqual(answer, await cliJson(command, env), `${name} ${JSON.stringify(args)} = ${command.join(' ')} --json`);
		return answer;
	};

	before(async () => {
		env = isolatedEnv(await makeTempDir('skillscope-mcp-versions-'), {SKILLSCOPE_NOW: '2026-04-01T12:00:00Z', TZ: 'UTC'});
		const database = await Database.open(env.SKILLSCOPE_DB!);
		try {
			const {project: a} = await registerProject(database, await makeProject(), {name: 'A'});
			const {project: b} = await registerProject(database, await makeProject(), {name: 'B'});
			await addReviewVersions(database, {a: a.project_id, b: b.project_id});
		} finally {
			await database.close();
		}

		served = await serve(env);
	});

	after(async () => {
		await served?.client.close();
	});

	test('get_skill_versions answers `versions --json`, with no text of the skill in it', async () => {
		const answer = await same('get_skill_versions', {skill_name: 'review', project_id: 'A'}, ['versions', 'review', '--project', 'A']);
		assert.deepEqual((answer.versions as Json[]).map(version => [version.label, version.verdict]), [['v1', null], ['v3', 'worse'], ['v4', 'unclear']]);
		for (const body of Object.values(REVIEW_BODIES)) for (const line of body.split('\n').slice(1)) assert.ok(!JSON.stringify(answer).includes(line), `no "${line}"`);
		await same('get_skill_versions', {skill_name: 'review', since: '2026-03-06'}, ['versions', 'review', '--since', '2026-03-06']);
	});

	test('with diff {from, to}: only the diff, as `versions --diff A B --json`', async () => {
		const answer = await same('get_skill_versions', {skill_name: 'review', diff: {from: 'v1', to: 'v3'}}, ['versions', 'review', '--diff', 'v1', 'v3']);
		assert.deepEqual(Object.keys(answer), ['skill_name', 'from', 'to', 'diff']);
		assert.match(String(answer.diff), /\n\+List every nit\.\n/);
		assert.match(await toolError(served.client, 'get_skill_versions', {skill_name: 'review', diff: {from: 'v1', to: 'v9'}}), /"v9" is not a version of review/);
	});

	test('the other tools carry the outcome fields, and the drill-down its versions_count', async () => {
		const top = await same('get_top_skills', {sort: 'clean_rate'}, ['top', '--sort', 'clean_rate']);
		assert.equal((top.skills as Json[])[0]?.clean_rate, 66 / 93);
		const skill = await same('analyze_skill_effectiveness', {skill_name: 'review'}, ['skill', 'review']);
		assert.deepEqual([skill.clean_finishes, skill.versions_count, skill.dynamic], [66, 4, false]);
		await same('compare_skill_across_projects', {skill_name: 'review'}, ['compare', 'review']);
		const summary = await same('get_skill_summary', {}, ['summary']);
		assert.equal(summary.clean_rate, 66 / 93);
	});
});
