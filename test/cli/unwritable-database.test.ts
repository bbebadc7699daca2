import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {copyFile, readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import {Database} from '../../source/data/store/database.js';
import {getSetting, markDataChanged} from '../../source/data/store/settings.js';
import {isolatedEnv} from '../helpers/environment.js';
import {CLI, type CliResult, runInProcess} from '../helpers/run-cli.js';
import {makeSampleProjects} from '../helpers/sample-projects.js';
import {makeTempDir} from '../helpers/temp.js';

/*
 * A read command on a disk that takes no more bytes (issue 22, D18): the rollups it would bring
 * up to date cannot be saved, and it answers all the same, saying so on stderr. The full disk is
 * the built CLI in a process whose file size limit is 0 (`ulimit -f 0`, SIGXFSZ ignored): every
 * write that would grow a file fails, as on a full disk, and no root or mount is needed.
 */

function onFullDisk(args: readonly string[], env: Record<string, string>): Promise<CliResult> {
	const command = [process.execPath, CLI, ...args].map(part => `'${part.replaceAll("'", "'\\''")}'`).join(' ');
	return new Promise(resolve => {
		execFile('sh', ['-c', `trap '' XFSZ; ulimit -f 0; exec ${command}`], {env: {...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env}}, (error, stdout, stderr) => {
			resolve({code: error && typeof error.code === 'number' ? error.code : error ? 1 : 0, stdout, stderr});
		});
	});
}

async function collected(): Promise<Record<string, string>> {
	const root = await makeTempDir('skillscope-full-disk-');
	const env = isolatedEnv(root, {SKILLSCOPE_NOW: '2026-11-24T12:00:00Z', TZ: 'UTC'});
	for (const project of Object.values(await makeSampleProjects(path.join(root, 'projects')))) {
		assert.equal((await runInProcess(['register', project], env)).code, 0);
	}

	assert.equal((await runInProcess(['collect'], env)).code, 0);
	return env;
}

/** The same question on a copy of the database that can be written: what the answer must be. */
async function expected(args: readonly string[], env: Record<string, string>): Promise<unknown> {
	const copy = `${env.SKILLSCOPE_DB!}.copy.duckdb`;
	await copyFile(env.SKILLSCOPE_DB!, copy);
	const result = await runInProcess([...args, '--db', copy], env);
	assert.equal(result.code, 0, result.stderr);
	return JSON.parse(result.stdout);
}

async function walSize(file: string): Promise<number> {
	return stat(`${file}.wal`).then(info => info.size, () => 0);
}

test('rollups in another zone cannot be saved: top, skill and summary answer from a refresh kept unsaved, and say why', async () => {
	const env = await collected();
	const file = env.SKILLSCOPE_DB!;
	const before = await readFile(file);
	for (const args of [['top', '--timezone', 'Asia/Tokyo', '--window', 'monthly', '--at', '2026-06-15'], ['skill', 'code-review', '--timezone', 'Asia/Tokyo', '--window', 'weekly'], ['summary', '--timezone', 'Asia/Tokyo']]) {
		const result = await onFullDisk([...args, '--json'], env);
		assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
		assert.deepEqual(JSON.parse(result.stdout), await expected([...args, '--json'], env), args.join(' '));
		assert.match(result.stderr, /^skillscope: the rollups could not be saved \(.*File too large.*\): this answer computed them without saving; the next command tries again\n$/);
	}

	assert.deepEqual(await readFile(file), before, 'nothing was written to the database');
	assert.equal(await walSize(file), 0);
	const database = await Database.open(file);
	try {
		assert.equal(await getSetting(database, 'aggregate_timezone'), 'UTC', 'the saved rollups are the ones there were');
	} finally {
		await database.close();
	}
});

test('rows changed since the rollups: a read on a full disk answers with every row, not the rollups of before', async () => {
	const env = await collected();
	const database = await Database.open(env.SKILLSCOPE_DB!);
	try {
		// What a collect whose refresh failed leaves: its rows stored, the rollups older than them.
		await database.run(`DELETE FROM skill_usage WHERE skill_name = 'code-review'`);
		await markDataChanged(database);
	} finally {
		await database.close();
	}

	const result = await onFullDisk(['top', '--json'], env);
	assert.equal(result.code, 0, result.stderr);
	const top = JSON.parse(result.stdout) as {skills: Array<{skill_name: string}>};
	assert.deepEqual(top, await expected(['top', '--json'], env));
	assert.ok(!top.skills.some(row => row.skill_name === 'code-review'), 'the deleted rows are not counted');
	assert.match(result.stderr, /the rollups could not be saved/);
});
