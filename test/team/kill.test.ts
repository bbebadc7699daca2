import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {isolatedEnv} from '../helpers/environment.js';
import {startPostgres, type TestServer} from '../helpers/postgres.js';
import {CLI, runInProcess} from '../helpers/run-cli.js';
import {serverDump, serverRows, withServer} from '../helpers/team.js';
import {makeProject, makeTempDir} from '../helpers/temp.js';
import {invocation, tracker} from '../helpers/tracker.js';

/*
 * kill -9 in the middle of a team push or pull, at points a test hook makes exact
 * (SKILLSCOPE_TEST_PAUSE): the server keeps the last push whole (its transaction never
 * commits), the local database stays as it was, and the next push or pull completes.
 */

let server: TestServer;
before(async () => {
	server = await startPostgres();
});
after(async () => server.stop());

/** `count` invocations over three months, every fourth failed; the sixth pending until `finished`. */
const records = (count: number, finished = false) => tracker(Array.from({length: count}, (_, n) => invocation({
	invoked_at: `2026-0${1 + (n % 3)}-1${n % 10}T10:00:${String(n).padStart(2, '0')}`,
	completed: n % 4 !== 3 && (n !== 5 || finished),
	...(n === 5 && !finished ? {duration_seconds: null} : {}),
})));

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

/** Until the server has ended the killed session's transaction, its locks hold: wait for that, as the next push would. */
async function settled(url: string): Promise<void> {
	await withServer(url, async client => {
		for (let attempt = 0; attempt < 300; attempt++) {
			const {rows} = await client.query<{n: number}>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'skillscope'`);
			if (rows[0]!.n === 0) return;
			await new Promise(resolve => setTimeout(resolve, 100));
		}
	});
}

test('kill -9 during a push: the server holds the last push, whole; the next push completes it', async () => {
	const url = await server.database();
	const root = await makeTempDir();
	const laptop = isolatedEnv(path.join(root, 'laptop'), {SKILLSCOPE_TEAM_URL: url});
	const reader = isolatedEnv(path.join(root, 'reader'), {SKILLSCOPE_TEAM_URL: url});
	const project = await makeProject({'.crackerjack/skill_metrics.json': records(12)});
	await runInProcess(['register', project], laptop);
	await runInProcess(['collect'], laptop);
	const first = await json<{machine_id: string}>(['team', 'push'], laptop);
	const lastPush = await serverDump(url);

	// More rows and a row changed since: inserts and updates are under way when killed.
	await writeFile(path.join(project, '.crackerjack', 'skill_metrics.json'), records(20, true));
	await runInProcess(['collect'], laptop);
	for (const point of ['team-push-staged', 'team-push-writing']) {
		await killedAt(['team', 'push'], laptop, point);
		await settled(url);
		assert.deepEqual(await serverDump(url), lastPush, `killed at ${point}: the server is as the last push left it`);
	}

	assert.equal((await json<{totals: {inserted: number}}>(['team', 'pull'], reader)).totals.inserted, 12);
	const done = await json<{inserted: number; updated: number}>(['team', 'push'], laptop);
	assert.deepEqual([done.inserted, done.updated], [8, 1]);
	assert.deepEqual(await serverRows(url), {[first.machine_id]: 20});
	const pulled = await json<{totals: {inserted: number; updated: number}}>(['team', 'pull'], reader);
	assert.deepEqual([pulled.totals.inserted, pulled.totals.updated], [8, 1]);
	assert.equal(await total(reader), 20);
	assert.equal((await json<{pending_invocations: number}>(['summary'], reader)).pending_invocations, 0);
});

test('kill -9 during a pull: the database is as before, opens, and the next pull gives the whole', async () => {
	const url = await server.database();
	const root = await makeTempDir();
	const laptop = isolatedEnv(path.join(root, 'laptop'), {SKILLSCOPE_TEAM_URL: url});
	const reader = isolatedEnv(path.join(root, 'reader'), {SKILLSCOPE_TEAM_URL: url});
	await runInProcess(['register', await makeProject({'.crackerjack/skill_metrics.json': records(15)})], laptop);
	await runInProcess(['collect'], laptop);
	await runInProcess(['team', 'push'], laptop);

	await killedAt(['team', 'pull'], reader, 'team-pull-writing');
	assert.equal(await total(reader), 0);
	assert.equal((await json<{machines: unknown[]}>(['machines'], reader)).machines.length, 1, 'not even the machine was stored');
	const pulled = await json<{totals: {inserted: number}; incremental: boolean}>(['team', 'pull'], reader);
	assert.equal(pulled.totals.inserted, 15);
	assert.equal(pulled.incremental, false, 'the killed pull moved no mark');
	assert.equal(await total(reader), 14, 'one of the 15 is pending');
});
