import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {readdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import {isolatedEnv} from '../helpers/environment.js';
import {readLake} from '../helpers/lake.js';
import {CLI, runInProcess} from '../helpers/run-cli.js';
import {makeProject, makeTempDir} from '../helpers/temp.js';
import {invocation, tracker} from '../helpers/tracker.js';

/*
 * kill -9 in the middle of a push or a pull, at points a test hook makes exact
 * (SKILLSCOPE_TEST_PAUSE): the lake and both databases stay consistent, and the next push or
 * pull gives what an uninterrupted one gives.
 */

const records = (count: number) => tracker(Array.from({length: count}, (_, n) => invocation({invoked_at: `2026-0${1 + (n % 2)}-1${n % 10}T10:00:${String(n).padStart(2, '0')}`})));

/** Runs the CLI until it says it paused at `point`, then kills it with SIGKILL. */
async function killedAt(args: string[], env: Record<string, string>, point: string): Promise<void> {
	const child = spawn(process.execPath, [CLI, ...args], {env: {...process.env, ...env, SKILLSCOPE_TEST_PAUSE: point}, stdio: ['ignore', 'ignore', 'pipe']});
	let stderr = '';
	child.stderr.setEncoding('utf8');
	const exit = new Promise<NodeJS.Signals | null>(resolve => child.on('exit', (_code, signal) => resolve(signal)));
	child.stderr.on('data', (text: string) => {
		stderr += text;
		if (stderr.includes(`paused at ${point}`)) child.kill('SIGKILL');
	});
	assert.equal(await exit, 'SIGKILL', `never paused at ${point}: ${stderr}`);
}

async function json<T>(args: string[], env: Record<string, string>): Promise<T> {
	const result = await runInProcess([...args, '--json'], env);
	assert.ok(result.code === 0, `${args.join(' ')}: ${result.stderr}`);
	return JSON.parse(result.stdout) as T;
}

const total = async (env: Record<string, string>) => (await json<{total_invocations: number}>(['summary'], env)).total_invocations;

test('kill -9 during a push: the lake holds the last push or no folder of this machine, never half of one; the next push mends it', async () => {
	const root = await makeTempDir();
	const dir = path.join(root, 'lake');
	const laptop = isolatedEnv(path.join(root, 'laptop'));
	const reader = isolatedEnv(path.join(root, 'reader'));
	const project = await makeProject({'.crackerjack/skill_metrics.json': records(12)});
	await runInProcess(['register', project], laptop);
	await runInProcess(['collect'], laptop);
	await runInProcess(['lake', 'push', dir], laptop);
	const [machine] = Object.keys(await readLake(dir));
	await writeFile(path.join(project, '.crackerjack', 'skill_metrics.json'), records(20));
	await runInProcess(['collect'], laptop);

	await killedAt(['lake', 'push', dir], laptop, 'push-staged');
	assert.deepEqual(await readLake(dir), {[machine!]: 12}, 'the last push, whole');
	assert.equal((await json<{totals: {inserted: number}}>(['lake', 'pull', dir], reader)).totals.inserted, 12);

	await killedAt(['lake', 'push', dir], laptop, 'push-copied');
	assert.deepEqual(await readLake(dir), {[machine!]: 12}, 'killed while staging: the last push, whole');

	// Between moving the last push aside and renaming the new one in: no folder of this machine, never half of one.
	await killedAt(['lake', 'push', dir], laptop, 'push-replacing');
	assert.deepEqual(await readLake(dir), {}, 'no file of this machine under the machine folders');
	assert.ok(!(await readdir(dir)).includes(`machine=${machine}`));
	const none = await runInProcess(['lake', 'pull', dir, '--json'], reader);
	assert.equal(none.code, 0, none.stderr);
	assert.deepEqual((JSON.parse(none.stdout) as {skipped: unknown[]}).skipped, []);
	assert.equal(await total(reader), 12, 'what was pulled before stays');

	await runInProcess(['lake', 'push', dir], laptop);
	assert.deepEqual(await readLake(dir), {[machine!]: 20});
	assert.deepEqual(await readdir(path.join(dir, '.staging')), [], 'the killed pushes left nothing behind');
	assert.equal((await json<{totals: {inserted: number}}>(['lake', 'pull', dir], reader)).totals.inserted, 8);
	assert.equal(await total(reader), 20);
});

test('kill -9 during a pull: the database is as before, opens, and the next pull gives the whole', async () => {
	const root = await makeTempDir();
	const dir = path.join(root, 'lake');
	const laptop = isolatedEnv(path.join(root, 'laptop'));
	const reader = isolatedEnv(path.join(root, 'reader'));
	await runInProcess(['register', await makeProject({'.crackerjack/skill_metrics.json': records(15)})], laptop);
	await runInProcess(['collect'], laptop);
	await runInProcess(['lake', 'push', dir], laptop);

	await killedAt(['lake', 'pull', dir], reader, 'pull-writing');
	assert.equal(await total(reader), 0);
	assert.deepEqual((await json<{machines: unknown[]}>(['machines'], reader)).machines.length, 1, 'not even the machine was stored');
	const pulled = await json<{totals: {inserted: number}}>(['lake', 'pull', dir], reader);
	assert.equal(pulled.totals.inserted, 15);
	assert.equal(await total(reader), 15);
});
