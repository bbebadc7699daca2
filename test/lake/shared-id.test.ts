import assert from 'node:assert/strict';
import {readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import {machineFolder, MANIFEST} from '../../source/data/lake-layout.js';
import {renewLocalId} from '../../source/data/machines.js';
import {UsageError} from '../../source/data/registry.js';
import {openDatabase} from '../helpers/database.js';
import {machineWith, pull, push, readLake, rowsByMachine} from '../helpers/lake.js';
import {makeTempDir} from '../helpers/temp.js';

/*
 * A database file copied to another machine keeps its machine id. Its push would replace the
 * first machine's folder, and neither would ever pull the other's rows. The copy on the other
 * host is simulated by what its push leaves: the manifest of another host, at another time.
 */

async function editManifest(dir: string, id: string, edit: (manifest: Record<string, unknown>) => void): Promise<string> {
	const file = path.join(dir, machineFolder(id), MANIFEST);
	const manifest = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
	edit(manifest);
	const text = `${JSON.stringify(manifest, null, 2)}\n`;
	await writeFile(file, text);
	return text;
}

test('a push into a folder another host pushed last is refused, nothing written; machines --new-id gives the copy a folder of its own', async () => {
	const dir = path.join(await makeTempDir(), 'lake');
	const laptop = await machineWith([20], 1);
	const first = await push(laptop.database, dir);
	assert.equal(JSON.parse(await readFile(path.join(first.folder, MANIFEST), 'utf8')).host.length > 0, true, 'the manifest names its host');
	const theirs = await editManifest(dir, laptop.id, manifest => {
		manifest.host = 'the-other-host';
		manifest.pushed_at = '2030-01-01T00:00:00.000Z';
	});

	await assert.rejects(push(laptop.database, dir), (error: unknown) => error instanceof UsageError && /last pushed from host the-other-host/.test(error.message) && /machines --new-id/.test(error.message));
	assert.equal(await readFile(path.join(dir, machineFolder(laptop.id), MANIFEST), 'utf8'), theirs, 'the other host\'s folder is left as it was');

	const renewed = await renewLocalId(laptop.database);
	assert.equal(renewed.old_id, laptop.id);
	assert.notEqual(renewed.machine_id, laptop.id);
	assert.deepEqual(await rowsByMachine(laptop.database), {[renewed.machine_id]: 20}, 'its own projects moved to the new id');
	await push(laptop.database, dir);
	assert.deepEqual(await readLake(dir), {[laptop.id]: 20, [renewed.machine_id]: 20});
	const reader = await openDatabase();
	assert.equal((await pull(reader, dir)).totals.machines, 2);
});

test('a host renamed since its own last push pushes on (the folder\'s last push was its own)', async () => {
	const dir = path.join(await makeTempDir(), 'lake');
	const laptop = await machineWith([5], 1);
	await push(laptop.database, dir);
	await editManifest(dir, laptop.id, manifest => {
		manifest.host = 'old-name-of-this-host';
	});
	const again = await push(laptop.database, dir);
	assert.equal(again.rows, 5);
	assert.deepEqual(await readLake(dir), {[laptop.id]: 5});
});
