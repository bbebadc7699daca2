import assert from 'node:assert/strict';
import {readdir, readFile, rename, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import {openDatabase} from '../helpers/database.js';
import {isolatedEnv} from '../helpers/environment.js';
import {fakeMachine, machineWith, pull, push, rowsByMachine} from '../helpers/lake.js';
import {runInProcess} from '../helpers/run-cli.js';
import {makeTempDir} from '../helpers/temp.js';

/*
 * Rows another machine pushed are checked as a collect checks its sources: a row no skillscope
 * writes (a missing key, a status or duration that breaks the metrics) marks its file as damaged
 * and the folder is skipped by name; a value an older skillscope could store (a name too long, a
 * year out of range) is dropped, named by file. Every other machine is pulled all the same.
 */

const quoted = (file: string) => `'${file.replaceAll("'", "''")}'`;

/** One more row in the folder's first file, made from its first row with `replace` (DuckDB's REPLACE list); the manifest counts it. */
async function withRow(folder: string, replace: string): Promise<string> {
	const entries = await readdir(folder, {recursive: true, withFileTypes: true});
	const part = entries.filter(entry => entry.name.endsWith('.parquet')).map(entry => path.join(entry.parentPath, entry.name)).sort()[0]!;
	const scratch = await openDatabase();
	const read = `read_parquet(${quoted(part)}, hive_partitioning = true)`;
	await scratch.run(`COPY (SELECT * EXCLUDE (machine, project, month) FROM ${read}
		UNION ALL (SELECT * EXCLUDE (machine, project, month) REPLACE (${replace}) FROM ${read} LIMIT 1)) TO ${quoted(`${part}.new`)} (FORMAT parquet)`);
	await rename(`${part}.new`, part);
	const manifestFile = path.join(folder, 'manifest.json');
	const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as {rows: number; files: Array<{path: string; rows: number}>; projects: Array<{project_id: string; rows: number}>};
	const relative = path.relative(folder, part).split(path.sep).join('/');
	manifest.rows += 1;
	manifest.files.find(file => file.path === relative)!.rows += 1;
	manifest.projects.find(project => relative.startsWith(`project=${project.project_id}/`))!.rows += 1;
	await writeFile(manifestFile, JSON.stringify(manifest));
	return relative;
}

const DAMAGED: Array<[string, string]> = [
	[`NULL::VARCHAR AS session_key`, 'session_key is missing \\(NULL\\)'],
	[`NULL::VARCHAR AS skill_name, 'k1' AS session_key`, 'skill_name is missing \\(NULL\\)'],
	[`NULL::VARCHAR AS status, 'k2' AS session_key`, 'status is missing \\(NULL\\)'],
	[`'hacked' AS status, 'k3' AS session_key`, 'status is not succeeded, failed or pending'],
	[`'NaN'::DOUBLE AS duration_ms, 'k4' AS session_key`, 'duration_ms is NaN, infinite or negative'],
	[`'Infinity'::DOUBLE AS duration_ms, 'k5' AS session_key`, 'duration_ms is NaN, infinite or negative'],
	[`-1e308::DOUBLE AS duration_ms, 'k6' AS session_key`, 'duration_ms is NaN, infinite or negative'],
	[`-5::INTEGER AS followup_actions, 'k7' AS session_key`, 'followup_actions is negative'],
	[`'succeeded' AS status, false AS success, 'k8' AS session_key`, 'success contradicts status'],
];

test('a file with a row no skillscope writes skips its folder, named with the file and the problem; the other machines are pulled', async () => {
	const dir = path.join(await makeTempDir(), 'lake');
	const laptop = await machineWith([20], 1);
	await push(laptop.database, dir);
	const broken = [];
	for (const [replace, problem] of DAMAGED) {
		const machine = await fakeMachine(dir, laptop.id);
		broken.push({...machine, file: await withRow(machine.folder, replace), problem});
	}

	const good = await fakeMachine(dir, laptop.id);
	const third = await openDatabase();
	const report = await pull(third, dir);
	const problems = new Map(report.skipped.map(item => [item.folder, item.problem]));
	for (const machine of broken) {
		assert.match(problems.get(machine.folder) ?? 'not skipped', new RegExp(`^a file is damaged: ${machine.file}: 1 row\\(s\\) where ${machine.problem}$`), machine.problem);
	}

	assert.equal(report.skipped.length, DAMAGED.length);
	assert.deepEqual(await rowsByMachine(third), {[laptop.id]: 20, [good.id]: 20});
});

test('a name too long or a year out of range (an older skillscope stored them) drops those rows, named by file; the rest of the folder is pulled', async () => {
	const dir = path.join(await makeTempDir(), 'lake');
	const laptop = await machineWith([20], 1);
	await push(laptop.database, dir);
	const long = await fakeMachine(dir, laptop.id);
	const longFile = await withRow(long.folder, `repeat('n', 201) AS skill_name`);
	const early = await fakeMachine(dir, laptop.id);
	const earlyFile = await withRow(early.folder, `TIMESTAMPTZ '1969-12-31 23:59:59+00' AS invoked_at`);

	const third = await openDatabase();
	const report = await pull(third, dir);
	assert.deepEqual(report.skipped, []);
	assert.deepEqual(report.dropped.map(item => [item.folder, item.file, item.rows, item.problem]).sort(), [
		[long.folder, longFile, 1, 'skill_name is empty or longer than 200 characters'],
		[early.folder, earlyFile, 1, 'invoked_at is before 1970 or after 2199'],
	].sort());
	assert.equal(report.totals.dropped, 2);
	assert.deepEqual(await rowsByMachine(third), {[laptop.id]: 20, [long.id]: 20, [early.id]: 20});
});

test('the CLI: a NULL key skips that folder on stderr with exit 3, the healthy machine is pulled, stdout carries the report only', async () => {
	const directory = await makeTempDir();
	const dir = path.join(directory, 'lake');
	const laptop = await machineWith([8], 1);
	await push(laptop.database, dir);
	const broken = await fakeMachine(dir, laptop.id);
	const file = await withRow(broken.folder, `NULL::VARCHAR AS session_key`);
	const env = isolatedEnv(directory);
	const result = await runInProcess(['lake', 'pull', dir], env);
	assert.equal(result.code, 3, result.stderr);
	assert.ok(result.stderr.includes(`skipped ${broken.folder}: a file is damaged: ${file}: 1 row(s) where session_key is missing (NULL)`), result.stderr);
	assert.ok(!result.stdout.includes(broken.folder), `the skipped folder is named on stderr only: ${result.stdout}`);
	assert.match(result.stdout, /; 1 folder\(s\) skipped, 0 invocation\(s\) dropped \(see stderr\)/);
	const machines = JSON.parse((await runInProcess(['machines', '--json'], env)).stdout) as {machines: Array<{machine_id: string; invocations: number}>};
	assert.deepEqual(machines.machines.filter(machine => machine.machine_id === laptop.id).map(machine => machine.invocations), [8]);
});
