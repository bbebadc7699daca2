import assert from 'node:assert/strict';
import {copyFile, mkdir, readdir, readFile, rename, rm, symlink, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import {SCHEMA_VERSION} from '../../source/data/store/schema.js';
import {openDatabase} from '../helpers/database.js';
import {isolatedEnv} from '../helpers/environment.js';
import {fakeMachine, machineWith, pull, push, rowsByMachine} from '../helpers/lake.js';
import {runInProcess} from '../helpers/run-cli.js';
import {makeTempDir} from '../helpers/temp.js';

/*
 * A folder that cannot be trusted is reported by name and skipped; every other machine is
 * pulled all the same. Each broken folder is a copy of a good push, broken one way.
 */

async function firstPart(folder: string): Promise<string> {
	const entries = await readdir(folder, {recursive: true, withFileTypes: true});
	const part = entries.find(entry => entry.name.endsWith('.parquet'))!;
	return path.join(part.parentPath, part.name);
}

test('half-written, newer-schema, damaged and manifest-less folders are skipped by name; the good one is pulled', async () => {
	const dir = path.join(await makeTempDir(), 'lake');
	const laptop = await machineWith([20], 1);
	await push(laptop.database, dir);

	const noManifest = await fakeMachine(dir, laptop.id);
	await rm(path.join(noManifest.folder, 'manifest.json'));
	const newer = await fakeMachine(dir, laptop.id, manifest => {
		manifest.schema_version = 99;
	});
	const garbled = await fakeMachine(dir, laptop.id);
	await writeFile(await firstPart(garbled.folder), 'PAR1 this is not a parquet file PAR1');
	const missing = await fakeMachine(dir, laptop.id);
	await rm(await firstPart(missing.folder));
	const badManifest = await fakeMachine(dir, laptop.id);
	await writeFile(path.join(badManifest.folder, 'manifest.json'), '{"format": "skillscope-lake", "rows": ');
	const miscounted = await fakeMachine(dir, laptop.id, manifest => {
		(manifest.files as Array<{rows: number}>)[0]!.rows += 1;
	});
	const good = await fakeMachine(dir, laptop.id);

	const third = await openDatabase();
	const report = await pull(third, dir);
	const problems = Object.fromEntries(report.skipped.map(item => [item.folder, item.problem]));
	assert.equal(report.skipped.length, 6);
	assert.match(problems[noManifest.folder]!, /no manifest\.json: a push that did not finish \(half-written\)/);
	assert.match(problems[newer.folder]!, new RegExp(`newer skillscope \\(schema version 99, this one reads up to ${SCHEMA_VERSION}\\)`));
	assert.match(problems[garbled.folder]!, /a file is damaged: .*parquet/i);
	assert.match(problems[missing.folder]!, /1 file\(s\) in manifest\.json are missing \(half-written\)/);
	assert.match(problems[badManifest.folder]!, /manifest\.json is damaged/);
	assert.match(problems[miscounted.folder]!, /^project=[0-9a-f]{16}\/month=2026-01\/part-0\.parquet: 7 rows, 8 in the manifest \(damaged\)$/);
	assert.deepEqual(report.machines.map(machine => machine.machine_id).sort(), [laptop.id, good.id].sort());
	assert.deepEqual(await rowsByMachine(third), {[laptop.id]: 20, [good.id]: 20});
	// Nothing of a skipped machine is stored, not even its name.
	assert.deepEqual(await third.all(`SELECT count(*)::INTEGER AS n FROM machines`), [{n: 3}]);
});

test('a folder holding a key twice (a file copied by hand) stores it once', async () => {
	const dir = path.join(await makeTempDir(), 'lake');
	const laptop = await machineWith([20], 1);
	await push(laptop.database, dir);
	const twice = await fakeMachine(dir, laptop.id);
	const part = await firstPart(twice.folder);
	await copyFile(part, part.replace('part-0.parquet', 'part-1.parquet'));
	const manifestFile = path.join(twice.folder, 'manifest.json');
	const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as {files: Array<{path: string; rows: number}>; rows: number};
	const listed = manifest.files.find(file => part.endsWith(file.path))!;
	manifest.files.push({path: listed.path.replace('part-0', 'part-1'), rows: listed.rows});
	await writeFile(manifestFile, JSON.stringify(manifest));
	const third = await openDatabase();
	const report = await pull(third, dir);
	assert.deepEqual(report.skipped, []);
	assert.deepEqual(await rowsByMachine(third), {[laptop.id]: 20, [twice.id]: 20});
});

test('the CLI names each skipped folder on stderr and exits 3; the lake folder must be a local path', async () => {
	const directory = await makeTempDir();
	const dir = path.join(directory, 'lake');
	const laptop = await machineWith([5], 1);
	await push(laptop.database, dir);
	const broken = await fakeMachine(dir, laptop.id);
	await rm(path.join(broken.folder, 'manifest.json'));
	const env = isolatedEnv(directory);
	const result = await runInProcess(['lake', 'pull', dir, '--json'], env);
	assert.equal(result.code, 3, result.stderr);
	assert.match(result.stderr, new RegExp(`skipped ${broken.folder.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')}: no manifest\\.json`));
	const report = JSON.parse(result.stdout) as {action: string; totals: {inserted: number}; skipped: unknown[]};
	assert.deepEqual([report.action, report.totals.inserted, report.skipped.length], ['pull', 5, 1]);

	const pulledProject = await runInProcess(['collect', 'project-1-0'], env);
	assert.equal(pulledProject.code, 2);
	assert.match(pulledProject.stderr, /project-1-0 is a project of .*, pulled from a lake: collect it there and push/);

	const refused: Array<[string[], RegExp]> = [
		[['lake', 'push', 's3://bucket/lake'], /is a URL, not a local path/],
		[['lake', 'pull', 'https://example.com/lake'], /is a URL, not a local path/],
		[['sync', 'md:lake'], /is a MotherDuck address/],
		[['lake', 'push', path.join(directory, 'lake-*')], /holds a glob character/],
		[['lake', 'pull', path.join(directory, 'no-such-lake')], /no such lake folder/],
		[['lake', 'push', dir, '--mirror'], /--mirror applies to lake pull/],
		[['lake', 'fetch', dir], /"fetch" is not one of push, pull/],
		[['lake', 'push', path.join(directory, 'a-file')], /a-file: not a folder/],
		[['lake', 'push', path.join(directory, 'a-file', 'lake')], /cannot make the lake folder: a file stands where a folder of its path should be/],
	];
	await writeFile(path.join(directory, 'a-file'), 'not a lake');
	for (const [args, expected] of refused) {
		const refusal = await runInProcess(args, env);
		assert.equal(refusal.code, 2, `${args.join(' ')}: ${refusal.stderr}`);
		assert.match(refusal.stderr, expected, args.join(' '));
	}

	// A lake folder reached through a link (to a mount, a synced folder) is a folder.
	await symlink(dir, path.join(directory, 'linked-lake'));
	const linked = await runInProcess(['lake', 'pull', path.join(directory, 'linked-lake'), '--json'], env);
	assert.equal(linked.code, 3, linked.stderr);
});

test('links and strangers in the lake: a machine folder that is a link is pulled; links inside one, files and foreign names are named for what they are', async () => {
	const directory = await makeTempDir();
	const dir = path.join(directory, 'lake');
	const laptop = await machineWith([10], 1);
	await push(laptop.database, dir);

	const moved = await fakeMachine(dir, laptop.id);
	await rename(moved.folder, path.join(directory, 'elsewhere'));
	await symlink(path.join(directory, 'elsewhere'), moved.folder);
	const dangling = path.join(dir, 'machine=00000000-0000-4000-8000-000000000001');
	await symlink(path.join(directory, 'gone'), dangling);
	const file = path.join(dir, 'machine=00000000-0000-4000-8000-000000000002');
	await writeFile(file, 'not a folder');
	const stranger = path.join(dir, 'machine=not-a-uuid');
	await mkdir(stranger);

	const linkedPart = await fakeMachine(dir, laptop.id);
	const part = await firstPart(linkedPart.folder);
	await rename(part, path.join(directory, 'part.parquet'));
	await symlink(path.join(directory, 'part.parquet'), part);
	const linkedProject = await fakeMachine(dir, laptop.id);
	const project = path.dirname(path.dirname(await firstPart(linkedProject.folder)));
	await rename(project, path.join(directory, 'project'));
	await symlink(path.join(directory, 'project'), project);
	const passwd = await fakeMachine(dir, laptop.id);
	await rm(path.join(passwd.folder, 'manifest.json'));
	await writeFile(path.join(directory, 'secret'), 'root:x:0:0:secret-token\n');
	await symlink(path.join(directory, 'secret'), path.join(passwd.folder, 'manifest.json'));
	const notJson = await fakeMachine(dir, laptop.id);
	await writeFile(path.join(notJson.folder, 'manifest.json'), 'secret-token and more');

	const report = await pull(await openDatabase(), dir);
	const problems = Object.fromEntries(report.skipped.map(item => [item.folder, item.problem]));
	assert.deepEqual(report.machines.map(machine => machine.machine_id).sort(), [laptop.id, moved.id].sort(), 'the moved folder, reached through its link, is pulled');
	assert.equal(problems[dangling], 'a link to no folder');
	assert.equal(problems[file], 'not a folder (a push writes a folder here)');
	assert.equal(problems[stranger], 'not a machine folder of skillscope (machine=<uuid>)');
	assert.match(problems[linkedPart.folder]!, /^project=[0-9a-f]{16}\/month=\d{4}-\d{2}\/part-0\.parquet is a link: a push writes files and folders, never links$/);
	assert.match(problems[linkedProject.folder]!, /^project=[0-9a-f]{16} is a link: a push writes files and folders, never links$/);
	assert.equal(problems[passwd.folder], 'manifest.json is a link: a push writes files and folders, never links');
	assert.match(problems[notJson.folder]!, /^manifest\.json is damaged: not valid JSON/);
	assert.doesNotMatch(JSON.stringify(report.skipped), /secret-token/, 'nothing of a file that is not a manifest is quoted');
	assert.equal(report.skipped.length, 7);
});
