import assert from 'node:assert/strict';
import {copyFile, mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import {isolatedEnv} from '../helpers/environment.js';
import {readLake} from '../helpers/lake.js';
import {runInProcess} from '../helpers/run-cli.js';
import {makeProject, makeTempDir} from '../helpers/temp.js';
import {invocation, tracker} from '../helpers/tracker.js';

/*
 * A database copied to another host, refused at its first push, takes an id of its own: from
 * then on each database pushes what it alone saw, and no puller (the original, the copy, a
 * third) counts the history they share twice. The reverted attempt moved that history to the new
 * id, so two folders held it.
 */

const month = (m: string, count: number, from = 0) =>
	Array.from({length: count}, (_, n) => invocation({skill_name: `skill-${m}`, invoked_at: `2026-${m}-1${n % 10}T10:00:${String(from + n).padStart(2, '0')}`}));

async function json<T>(args: string[], env: Record<string, string>): Promise<T> {
	const result = await runInProcess([...args, '--json'], env);
	assert.ok(result.code === 0, `${args.join(' ')}: ${result.stderr}`);
	return JSON.parse(result.stdout) as T;
}

/** Every invocation a database holds, whoever's machine it is. */
const held = async (env: Record<string, string>) => (await json<{machines: Array<{invocations: number}>}>(['machines'], env)).machines.reduce((sum, machine) => sum + machine.invocations, 0);

test('a copy refused at its first push takes a new id: each pushes what it alone saw, and nobody counts the shared history twice', async () => {
	const root = await makeTempDir();
	const dir = path.join(root, 'lake');
	const original = isolatedEnv(path.join(root, 'a'));
	const copy = isolatedEnv(path.join(root, 'b'));
	const third = isolatedEnv(path.join(root, 'c'));
	const shared = await makeProject({'.crackerjack/skill_metrics.json': tracker(month('01', 10))});
	await runInProcess(['register', shared], original);
	await runInProcess(['collect'], original);
	assert.equal((await runInProcess(['lake', 'push', dir], original)).code, 0);
	await mkdir(path.join(root, 'b'), {recursive: true});
	await copyFile(original.SKILLSCOPE_DB!, copy.SKILLSCOPE_DB!);

	const refused = await runInProcess(['lake', 'push', dir], copy);
	assert.equal(refused.code, 2);
	const [oldId] = Object.keys(await readLake(dir));
	const renewed = await json<{renewed: {old_id: string; machine_id: string}}>(['machines', '--new-id'], {...copy, SKILLSCOPE_NOW: '2026-06-01T00:00:00Z'});
	assert.equal(renewed.renewed.old_id, oldId);

	// After the split each sees new invocations of its own: the copy in a project of its own, the original in the shared one.
	const own = await makeProject({'.crackerjack/skill_metrics.json': tracker(month('07', 4))});
	await runInProcess(['register', own], copy);
	await runInProcess(['collect', own], copy);
	assert.equal((await runInProcess(['lake', 'push', dir], copy)).code, 0);
	await writeFile(path.join(shared, '.crackerjack', 'skill_metrics.json'), tracker([...month('01', 10), ...month('08', 3, 20)]));
	await runInProcess(['collect'], original);
	assert.equal((await runInProcess(['lake', 'push', dir], original)).code, 0);
	assert.deepEqual(await readLake(dir), {[oldId!]: 13, [renewed.renewed.machine_id]: 4}, 'the copy pushed only what was invoked after its split');

	for (const env of [original, copy, third]) assert.equal((await runInProcess(['lake', 'pull', dir], env)).code, 0);
	assert.equal(await held(third), 17);
	assert.equal(await held(original), 17);
	assert.equal(await held(copy), 17, 'the copy pulls of its old id only what was invoked there after the split');
});
