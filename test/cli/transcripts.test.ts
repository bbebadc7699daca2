import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {appendFile, cp, readFile} from 'node:fs/promises';
import path from 'node:path';
import {isolatedEnv} from '../helpers/environment.js';
import {REPO, runInProcess, withTempDir} from '../helpers/run-cli.js';

/*
 * A newcomer with Claude Code, end to end through the command line: the bundled demo root
 * (fixtures/demo-claude, 6 launch directories that do not exist on this machine, three of them named shop) as
 * CLAUDE_CONFIG_DIR, discovered, registered, collected, reported. Expected totals are the demo's
 * (its README), counted independently here from the files' Skill calls and typed commands.
 */

const DEMO = path.join(REPO, 'fixtures', 'demo-claude');
/** As discover lists them: by path, case aside. */
const LAUNCHES = [
	'/home/demo/clients/acme/shop',
	'/home/demo/code/infra',
	'/home/demo/code/shop',
	'/home/demo/Desktop/workSpace/shop',
	'/home/demo/Documents/work/platform-team/services/payments-reconciliation-service',
	'/home/demo/scratch',
];

// biome-ignore lint/suspicious/noExplicitAny: the CLI's JSON read back, checked field by field by the assertions
type Json = Record<string, any>;

async function demoEnv(directory: string): Promise<Record<string, string>> {
	const root = path.join(directory, 'claude');
	await cp(DEMO, root, {recursive: true});
	return isolatedEnv(directory, {CLAUDE_CONFIG_DIR: root, SKILLSCOPE_NOW: '2026-11-21T12:00:00Z'});
}

async function json(args: string[], env: Record<string, string>, code = 0): Promise<Json> {
	const result = await runInProcess([...args, '--json'], env);
	assert.equal(result.code, code, `${args.join(' ')}: ${result.stderr}`);
	return JSON.parse(result.stdout) as Json;
}

describe('Claude Code transcripts from the command line', () => {
	test('discover, register --discovered, collect, top and skill show the demo sessions', async () => {
		await withTempDir(async directory => {
			const env = await demoEnv(directory);
			const found = await json(['discover'], env);
			assert.equal(found.claude_dir, env.CLAUDE_CONFIG_DIR);
			assert.deepEqual(found.projects.map((project: Json) => [project.path, project.registered, project.exists]), LAUNCHES.map(launch => [launch, false, false]));
			const sessions = found.projects.reduce((sum: number, project: Json) => sum + project.sessions, 0);
			assert.equal(sessions, 108, '95 sessions (65, and 30 of the versions story), one resumed copy and the 12 of the crowded corner, each a file of its own');

			const registered = await json(['register', '--discovered'], env);
			assert.deepEqual(registered.registered.map((project: Json) => project.project_path), LAUNCHES);
			const again = await json(['register', '--discovered'], env);
			assert.deepEqual([again.registered, again.already_registered], [[], 6]);

			const collected = await json(['collect'], env);
			const invocations = found.projects.reduce((sum: number, project: Json) => sum + project.invocations, 0);
			assert.equal(collected.totals.collected, invocations, 'every invocation discovered is stored, copies once');
			assert.equal(collected.totals.errors, 0);
			const second = await json(['collect'], env);
			assert.deepEqual([second.totals.collected, second.totals.updated, second.totals.unchanged], [0, 0, invocations]);

			const top = await json(['top', '--limit', '50'], env);
			assert.equal(top.skills.reduce((sum: number, row: Json) => sum + row.total_invocations + row.pending_invocations, 0), invocations);
			const user = await json(['top', '--trigger', 'user', '--limit', '50'], env);
			assert.deepEqual(user.skills.map((row: Json) => row.skill_name).sort(), ['commit', 'release-notes']);
			assert.equal(user.trigger, 'user');

			const deploy = await json(['skill', 'deploy-prod'], env);
			assert.equal(deploy.successful_completions, 0);
			assert.deepEqual(deploy.errors.map((row: Json) => row.error_type), ['unknown_skill']);
			const commit = await json(['skill', 'commit'], env);
			assert.deepEqual([commit.kind, commit.by_trigger.map((row: Json) => row.trigger), commit.sources], ['skill', ['user'], [{source: 'claude-code', total_invocations: commit.total_invocations}]]);
			const notes = await json(['skill', 'release-notes'], env);
			assert.equal(notes.kind, 'command');

			const text = await runInProcess(['skill', 'code-review'], env);
			assert.match(text.stdout, /triggered by {4}(subagent|model) \d+ \(\d+ ok\), (subagent|model) \d+/);
			assert.match(text.stdout, /per use {9}\d+ output tokens, \d\.\d\d tool errors/);
			assert.match(text.stdout, /sources {9}claude-code \d+/);

			const advice = await json(['recommend'], env);
			assert.ok(advice.recommendations.some((item: Json) => item.skill === 'deploy-prod' && item.issue === 'unknown_skill'));
		});
	});

	test('an invocation appended to a transcript is picked up by the next collect', async () => {
		await withTempDir(async directory => {
			const env = await demoEnv(directory);
			await json(['register', '--discovered'], env);
			const first = await json(['collect'], env);
			const scratch = path.join(env.CLAUDE_CONFIG_DIR!, 'projects', '-home-demo-scratch');
			const file = await lastSession(scratch);
			const lines = (await readFile(file, 'utf8')).split('\n').filter(Boolean).map(line => JSON.parse(line) as Json);
			const sessionId = lines.find(line => typeof line.sessionId === 'string')!.sessionId as string;
			const base = {parentUuid: null, isSidechain: false, userType: 'external', cwd: '/home/demo/scratch', sessionId, version: '2.1.39'};
			await appendFile(file, [
				{...base, type: 'user', uuid: 'append-1', timestamp: '2026-11-21T10:00:00.000Z', message: {role: 'user', content: 'one more'}},
				{...base, type: 'assistant', uuid: 'append-2', timestamp: '2026-11-21T10:00:02.000Z', message: {id: 'msg_append', role: 'assistant', content: [{type: 'tool_use', id: 'toolu_append', name: 'Skill', input: {skill: 'appended-skill'}}], usage: {output_tokens: 3}}},
				{...base, type: 'user', uuid: 'append-3', timestamp: '2026-11-21T10:00:03.000Z', message: {role: 'user', content: [{type: 'tool_result', tool_use_id: 'toolu_append', content: 'Launching skill: appended-skill'}]}},
			].map(line => `${JSON.stringify(line)}\n`).join(''));
			const next = await json(['collect'], env);
			assert.deepEqual([next.totals.collected, next.totals.updated, next.totals.errors], [1, 0, 0]);
			assert.ok(next.totals.unchanged < first.totals.collected, 'the grown file is read from where it was left, not whole');
			const skill = await json(['skill', 'appended-skill'], env);
			assert.deepEqual([skill.total_invocations, skill.successful_completions, skill.avg_duration_ms], [1, 1, 1000]);
		});
	});

	test('health says where transcripts were read from; --claude-dir overrides the variable', async () => {
		await withTempDir(async directory => {
			const env = await demoEnv(directory);
			await json(['register', '--discovered'], env);
			await json(['collect'], env);
			const health = await json(['health'], env);
			assert.equal(health.transcripts.claude_dir, env.CLAUDE_CONFIG_DIR);
			assert.ok(health.transcripts.files >= 96);
			assert.equal(health.transcripts.cleanup_period_days, 30);
			const elsewhere = await json(['discover', '--claude-dir', path.join(directory, 'nowhere')], env);
			assert.deepEqual([elsewhere.claude_dir, elsewhere.projects], [path.join(directory, 'nowhere'), []]);
			const usage = await runInProcess(['register', '--discovered', '--name', 'x'], env);
			assert.equal(usage.code, 2);
			assert.match(usage.stderr, /--discovered registers every discovered project/);
		});
	});
});

/** The newest session file of a demo launch folder (by name: the order is fixed). */
async function lastSession(folder: string): Promise<string> {
	const {readdir} = await import('node:fs/promises');
	const names = (await readdir(folder)).filter(name => name.endsWith('.jsonl')).sort();
	return path.join(folder, names.at(-1)!);
}
