import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {copyFile, mkdir, readdir, rm, utimes, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import {readHost} from '../../source/data/lake/host.js';
import {pushLake} from '../../source/data/lake/push.js';
import {isolatedEnv} from '../helpers/environment.js';
import {machineWith, pausedAt, push, readLake, testHostFile} from '../helpers/lake.js';
import {runInProcess} from '../helpers/run-cli.js';
import {makeProject, makeTempDir} from '../helpers/temp.js';
import {invocation, tracker} from '../helpers/tracker.js';

/*
 * Two databases with one machine id (a copy, a restored backup) push into one lake: neither may
 * delete the other's staging, nor replace the other's folder. "Hosts" are homes of their own
 * (each its own host identity file); the machine is one machine id, the database copied.
 */

const records = (count: number) => tracker(Array.from({length: count}, (_, n) => invocation({invoked_at: `2026-0${1 + (n % 2)}-1${n % 10}T10:00:${String(n).padStart(2, '0')}`})));

async function copied(root: string, count: number): Promise<{a: Record<string, string>; b: Record<string, string>}> {
	const a = isolatedEnv(path.join(root, 'a'));
	const b = isolatedEnv(path.join(root, 'b'));
	await runInProcess(['register', await makeProject({'.crackerjack/skill_metrics.json': records(count)})], a);
	await runInProcess(['collect'], a);
	await mkdir(path.join(root, 'b'), {recursive: true});
	await copyFile(a.SKILLSCOPE_DB!, b.SKILLSCOPE_DB!);
	return {a, b};
}

const staged = async (dir: string) => readdir(path.join(dir, '.staging')).catch(() => [] as string[]);

test('a copy on another host pushing while the original is staged leaves its staging alone; then the original may not replace the copy\'s folder', async () => {
	const root = await makeTempDir();
	const dir = path.join(root, 'lake');
	const {a, b} = await copied(root, 12);
	const original = await pausedAt(['lake', 'push', dir], a, 'push-staged');
	const live = await staged(dir);
	assert.equal(live.length, 1);

	const copy = await runInProcess(['lake', 'push', dir], b);
	assert.equal(copy.code, 0, copy.stderr);
	assert.ok((await staged(dir)).includes(live[0]!), 'the paused push\'s staging is still there');
	await original.killed();

	const again = await runInProcess(['lake', 'push', dir], a);
	assert.equal(again.code, 2);
	assert.match(again.stderr, /was last pushed from another host .* two databases share machine id .*machines --new-id/);
	assert.equal(Object.values(await readLake(dir)).join(), '12');
});

test('a copy pushing while the original (which pushed before) is staged is refused, nothing written or removed', async () => {
	const root = await makeTempDir();
	const dir = path.join(root, 'lake');
	const {a, b} = await copied(root, 12);
	assert.equal((await runInProcess(['lake', 'push', dir], a)).code, 0);
	const original = await pausedAt(['lake', 'push', dir], a, 'push-staged');
	const live = await staged(dir);

	const copy = await runInProcess(['lake', 'push', dir], b);
	assert.equal(copy.code, 2, copy.stderr);
	assert.match(copy.stderr, /last pushed from another host/);
	assert.deepEqual(await staged(dir), live, 'the original\'s staging is untouched, the copy staged nothing');
	await original.killed();
	assert.equal((await runInProcess(['lake', 'push', dir], a)).code, 0, 'the original pushes on, and clears what its killed push left');
	assert.deepEqual(await staged(dir), []);
});

test('a copy beside the original on the same host is refused while the original\'s file exists', async () => {
	const root = await makeTempDir();
	const dir = path.join(root, 'lake');
	const {a} = await copied(root, 5);
	const beside = {...a, SKILLSCOPE_DB: path.join(root, 'a', 'copy.duckdb')};
	await copyFile(a.SKILLSCOPE_DB!, beside.SKILLSCOPE_DB);
	assert.equal((await runInProcess(['lake', 'push', dir], a)).code, 0);
	const copy = await runInProcess(['lake', 'push', dir], beside);
	assert.equal(copy.code, 2);
	assert.match(copy.stderr, /is pushed from this host by .*db\.duckdb; this database \(.*copy\.duckdb\) holds the same id/);

	// The original moved (or deleted): the file that is left pushes the id.
	await rm(a.SKILLSCOPE_DB!);
	assert.equal((await runInProcess(['lake', 'push', dir], beside)).code, 0);
});

test('leftovers are removed only when their owner is dead: a live pid of this host, or another host\'s within a day, are kept', async () => {
	const dir = path.join(await makeTempDir(), 'lake');
	const laptop = await machineWith([6], 1);
	const {host_id: host} = await readHost(await testHostFile());
	const sleeper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e9)'], {stdio: 'ignore'});
	const living = `${laptop.id}.${host}.${sleeper.pid}.1`;
	const elsewhere = `${laptop.id}.00000000-0000-4000-8000-000000000000.4242.1`;
	for (const stem of [living, elsewhere]) {
		await mkdir(path.join(dir, '.staging', stem, 'project=0000000000000000'), {recursive: true});
		await writeFile(path.join(dir, '.staging', stem, 'manifest.json'), '{}');
	}

	await push(laptop.database, dir);
	assert.deepEqual((await staged(dir)).sort(), [living, elsewhere].sort());

	const exited = new Promise(resolve => sleeper.on('exit', resolve));
	sleeper.kill('SIGKILL');
	await exited;
	const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
	await utimes(path.join(dir, '.staging', elsewhere), twoDaysAgo, twoDaysAgo);
	await push(laptop.database, dir);
	assert.deepEqual(await staged(dir), []);
});

test('a push whose staged files change under it fails and replaces nothing', async () => {
	const dir = path.join(await makeTempDir(), 'lake');
	const laptop = await machineWith([20], 1);
	await push(laptop.database, dir);
	const hostFile = await testHostFile();
	const removeOne = async (point: string) => {
		const [stem] = await staged(dir);
		const entries = await readdir(path.join(dir, '.staging', stem!), {recursive: true, withFileTypes: true});
		const part = entries.find(entry => entry.name.endsWith('.parquet'))!;
		await rm(path.join(part.parentPath, part.name));
		return point;
	};

	for (const point of ['push-copied', 'push-staged']) {
		const at = (reached: string) => (reached === point ? removeOne(reached).then(() => undefined) : Promise.resolve());
		await assert.rejects(pushLake(laptop.database, {dir, anonymize: false, hostFile, pause: at}), /was changed under this push .*Nothing was replaced/, point);
		assert.deepEqual(await readLake(dir), {[laptop.id]: 20}, `${point}: the last push stands`);
		assert.deepEqual(await staged(dir), [], `${point}: the failed push removed its staging`);
	}
});

test('a damaged host identity stops a push with the file named, nothing written', async () => {
	const root = await makeTempDir();
	const dir = path.join(root, 'lake');
	const {a} = await copied(root, 3);
	const hostFile = path.join(a.XDG_CONFIG_HOME!, 'skillscope', 'host.json');
	await mkdir(path.dirname(hostFile), {recursive: true});
	await writeFile(hostFile, '{"host_id": "not a uuid"}');
	const refused = await runInProcess(['lake', 'push', dir], a);
	assert.equal(refused.code, 2);
	assert.ok(refused.stderr.includes(`${hostFile}: this host's identity is damaged`), refused.stderr);
	assert.deepEqual(await readLake(dir), {});
});
