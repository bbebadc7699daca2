import assert from 'node:assert/strict';
import path from 'node:path';
import {test} from 'node:test';
import {isolatedEnv} from '../helpers/environment.js';
import {runInProcess} from '../helpers/run-cli.js';
import {makeTempDir, writeTree} from '../helpers/temp.js';
import {Session, writeSession} from '../helpers/transcripts.js';

/*
 * What the plugin's hook runs (issue 25): `collect --quiet DIR`, DIR a folder inside a registered
 * project. Quiet is silent when all goes well, and still says what failed; a directory no
 * registered project holds is a usage error that stores nothing.
 */

async function world() {
	const directory = await makeTempDir('skillscope-collect-quiet-');
	const env = isolatedEnv(directory, {SKILLSCOPE_NOW: '2026-12-01T12:00:00Z'});
	const app = path.join(directory, 'app');
	const inside = path.join(app, 'packages', 'core');
	await writeTree(directory, {'app/packages/core/index.ts': '', 'elsewhere/README.md': ''});
	assert.equal((await runInProcess(['register', app], env)).code, 0);
	const session = new Session({sessionId: 'e0000000-0000-4000-8000-000000000001', cwd: inside, start: '2026-11-30T10:00:00.000Z'});
	session.prompt('review', {at: 0});
	session.skillLoaded(session.skill('review', {at: 1}), 'review', {at: 2});
	session.system('turn_duration', {at: 5});
	return {directory, env, app, inside, session};
}

const invocations = async (env: Record<string, string>) => (JSON.parse((await runInProcess(['summary', '--json'], env)).stdout) as {total_invocations: number}).total_invocations;

test('collect --quiet DIR: the project holding DIR is collected and nothing is printed', async () => {
	const {env, inside, session} = await world();
	await writeSession(env.CLAUDE_CONFIG_DIR!, session);
	const result = await runInProcess(['collect', '--quiet', inside], env);
	assert.deepEqual(result, {code: 0, stdout: '', stderr: ''});
	assert.equal(await invocations(env), 1);
});

test('collect --quiet still names what it could not read, on stderr, exit 3', async () => {
	const {env, app, session} = await world();
	const file = await writeSession(env.CLAUDE_CONFIG_DIR!, session, {text: `${session.jsonl()}{"type": "user", broken\n`});
	const result = await runInProcess(['collect', '--quiet', app], env);
	assert.equal(result.code, 3, result.stderr);
	assert.equal(result.stdout, '');
	assert.ok(result.stderr.includes(path.basename(file)), result.stderr);
});

test('a directory no registered project holds stores nothing; --quiet with --watch is refused', async () => {
	const {directory, env, session} = await world();
	await writeSession(env.CLAUDE_CONFIG_DIR!, session);
	const elsewhere = await runInProcess(['collect', '--quiet', path.join(directory, 'elsewhere')], env);
	assert.equal(elsewhere.code, 2);
	assert.match(elsewhere.stderr, /no registered project ".*elsewhere" and none holds .*elsewhere \(known: app\)/);
	assert.equal(await invocations(env), 0);
	const watch = await runInProcess(['collect', '--quiet', '--watch'], env);
	assert.equal(watch.code, 2);
	assert.match(watch.stderr, /--quiet does not go with --watch/);
});
