import {test} from 'node:test';
import assert from 'node:assert/strict';
import {cp, mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {inventoryRecommendations, MANY_MISSING_CALLS} from '../../source/domain/inventory-advice.js';
import {isolatedEnv} from '../helpers/environment.js';
import {REPO, runInProcess, withTempDir} from '../helpers/run-cli.js';

/*
 * recommend joined with what is installed (issue 13): the demo root (fixtures/demo-claude) plus
 * one user skill that no session ever invoked. Of what the demo sessions invoke only pr-review,
 * standup and commit are installed there, so each other name is "not installed"; deploy-prod (5
 * calls, each an Unknown skill error) reaches the medium priority, release-notes' 31 calls too.
 */

type Json = Record<string, unknown> & {recommendations: Array<Record<string, unknown> & {evidence: Record<string, unknown>}>};

const DESCRIPTION = 'Summarise a pull request for the changelog.';

test('recommend names installed skills never used and names invoked but installed nowhere', async () => {
	await withTempDir(async directory => {
		const root = path.join(directory, 'claude');
		await cp(path.join(REPO, 'fixtures', 'demo-claude'), root, {recursive: true});
		await mkdir(path.join(root, 'skills', 'pr-summary'), {recursive: true});
		await writeFile(path.join(root, 'skills', 'pr-summary', 'SKILL.md'), `---\nname: pr-summary\ndescription: ${DESCRIPTION}\n---\n\nSteps.\n`);
		const env = isolatedEnv(directory, {CLAUDE_CONFIG_DIR: root, SKILLSCOPE_NOW: '2026-11-21T12:00:00Z'});
		for (const args of [['register', '--discovered'], ['collect']]) assert.equal((await runInProcess(args, env)).code, 0);
		const result = await runInProcess(['recommend', '--json'], env);
		assert.equal(result.code, 0, result.stderr);
		const report = JSON.parse(result.stdout) as Json;
		const never = report.recommendations.filter(item => item.issue === 'never_used');
		assert.deepEqual(never.map(item => [item.skill, item.priority, item.evidence.description_chars]), [['pr-summary', 'low', DESCRIPTION.length]]);
		const missing = new Map(report.recommendations.filter(item => item.issue === 'not_installed').map(item => [item.skill, item]));
		assert.equal(missing.get('deploy-prod')?.priority, 'medium');
		assert.equal(missing.get('deploy-prod')?.evidence.unknown_skill_errors, 5);
		assert.equal(missing.get('release-notes')?.evidence.invocations, 31);
		assert.equal(missing.has('pr-summary'), false, 'an installed skill is never "not installed"');
	});
});

test('an installed skill unused for 30 days: its advice says what removing it frees', async () => {
	await withTempDir(async directory => {
		const root = path.join(directory, 'claude');
		await cp(path.join(REPO, 'fixtures', 'demo-claude'), root, {recursive: true});
		await mkdir(path.join(root, 'skills', 'code-review'), {recursive: true});
		await writeFile(path.join(root, 'skills', 'code-review', 'SKILL.md'), `---\nname: code-review\ndescription: ${DESCRIPTION}\n---\n`);
		// The demo's last session is on 2026-11-20: by mid-January every skill is 30 days idle.
		const env = isolatedEnv(directory, {CLAUDE_CONFIG_DIR: root, SKILLSCOPE_NOW: '2027-01-15T12:00:00Z'});
		for (const args of [['register', '--discovered'], ['collect']]) assert.equal((await runInProcess(args, env)).code, 0);
		const report = JSON.parse((await runInProcess(['recommend', '--json'], env)).stdout) as Json;
		const unused = report.recommendations.find(item => item.issue === 'unused' && item.skill === 'code-review')!;
		assert.equal(unused.evidence.description_chars, DESCRIPTION.length);
		assert.match(String(unused.action), new RegExp(`frees ${DESCRIPTION.length} characters`));
		const other = report.recommendations.find(item => item.issue === 'unused' && item.skill === 'write-tests')!;
		assert.equal(other.evidence.description_chars, undefined, 'a skill installed nowhere has no listing to free');
	});
});

test('a name installed nowhere is medium from MANY_MISSING_CALLS calls on, low below', () => {
	const missing = (invocations: number) => ({skill_name: 'x', invocations, last_used: null, unknown_skill_errors: 0});
	const [below, at] = inventoryRecommendations([], [missing(MANY_MISSING_CALLS - 1), missing(MANY_MISSING_CALLS)]);
	assert.deepEqual([below?.priority, at?.priority], ['low', 'medium']);
	const used = {skill_name: 'y', kind: 'skill', scope: 'user', path: '/p', description_chars: 9, state: 'active'};
	assert.deepEqual(inventoryRecommendations([used, {...used, state: 'stale'}], []), [], 'only skills never used are advised against here');
});
