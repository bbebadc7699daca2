import assert from 'node:assert/strict';
import {execFile, spawnSync} from 'node:child_process';
import {mkdir, readdir, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import {Database} from '../../source/data/store/database.js';
import {registerProject} from '../../source/data/registry/registry.js';
import {isolatedEnv} from '../helpers/environment.js';
import {CLI, runInProcess as runCli} from '../helpers/run-cli.js';
import {makeSampleProjects} from '../helpers/sample-projects.js';
import {makeTempDir} from '../helpers/temp.js';

/*
 * The commands as a script runs them (the command line in this process; at a terminal, the built
 * CLI under `script`); the details of both are tested in test/data/export-retention.
 */
test('export and prune from the command line', async () => {
	const root = await makeTempDir('skillscope-export-cli-');
	const env = isolatedEnv(root, {SKILLSCOPE_NOW: '2026-11-24T12:00:00Z'});
	const database = await Database.open(env.SKILLSCOPE_DB!);
	for (const project of Object.values(await makeSampleProjects(path.join(root, 'projects')))) await registerProject(database, project);
	await database.close();
	assert.equal((await runCli(['collect'], env)).code, 0);

	const file = path.join(root, 'usage.parquet');
	const exported = await runCli(['export', '--format', 'parquet', '--output', file, '--anonymize', '--json'], env);
	assert.equal(exported.code, 0, exported.stderr);
	assert.deepEqual(JSON.parse(exported.stdout), {file, format: 'parquet', what: 'usage', anonymized: true, rows: 16});
	assert.equal((await readFile(file)).subarray(0, 4).toString(), 'PAR1');

	const mine = path.join(root, 'mine.csv');
	await writeFile(mine, 'precious\n');
	const refused = await runCli(['export', '--format', 'csv', '--output', mine], env);
	assert.equal(refused.code, 2);
	assert.match(refused.stderr, /mine\.csv exists; choose another --output or add --force/);
	assert.equal(await readFile(mine, 'utf8'), 'precious\n');

	// A directory where the file should go is named, --force or not, and left as it was (issue 22, D16).
	const folder = path.join(root, 'out');
	await mkdir(folder);
	await writeFile(path.join(folder, 'kept'), 'kept\n');
	for (const force of [[], ['--force']]) {
		const onFolder = await runCli(['export', '--format', 'csv', '--output', folder, ...force], env);
		assert.equal(onFolder.code, 2, onFolder.stderr);
		assert.equal(onFolder.stderr, `skillscope: ${folder} is a directory; --output names the file to write\n`);
	}

	assert.deepEqual(await readdir(folder), ['kept']);
	assert.deepEqual((await readdir(root)).filter(name => name.endsWith('.partial')), []);

	const usage = await runCli(['export', '--format', 'xml', '--output', mine], env);
	assert.equal(usage.code, 2);
	assert.match(usage.stderr, /--format "xml" is not one of json, csv, parquet\nusage: skillscope export --format/);

	// No terminal to ask on: --yes is required, nothing is deleted without it.
	const unconfirmed = await runCli(['prune', '--older-than', '90d'], env);
	assert.equal(unconfirmed.code, 2);
	assert.match(unconfirmed.stderr, /stdin is not a terminal to ask; add --yes to confirm/);
	// On a terminal it asks; anything but y/yes keeps everything.
	if (hasScript) {
		const declined = await onTerminal(['prune', '--older-than', '90d'], 'n\n', env);
		assert.match(declined, /Delete \d+ invocations invoked before 2026-08-26 \(UTC\)\? This cannot be undone\. \[y\/N\]/);
		assert.match(declined, /Nothing deleted/);
	}

	const pruned = await runCli(['prune', '--older-than', '90d', '--yes', '--json'], env);
	assert.equal(pruned.code, 0, pruned.stderr);
	// 90 days before 24 November is 26 August: the samples' March-to-August rows go.
	const {deleted_rows: deleted, before} = JSON.parse(pruned.stdout) as {deleted_rows: number; before: string};
	assert.equal(before, '2026-08-26');
	assert.ok(deleted > 0 && deleted < 16, String(deleted));
	const summary = JSON.parse((await runCli(['summary', '--json'], env)).stdout) as {total_invocations: number; pending_invocations: number};
	assert.equal(summary.total_invocations + summary.pending_invocations, 16 - deleted);
	if (hasScript) {
		const confirmed = await onTerminal(['prune', '--older-than', '2026-11-01'], 'y\n', env);
		assert.match(confirmed, /Deleted \d+ invocations invoked before 2026-11-01 \(UTC\); aggregates recomputed/);
	}
});

/** `script` gives the CLI a pseudo-terminal, as a user at a terminal has. */
const hasScript = spawnSync('script', ['--version']).status === 0;

async function onTerminal(args: readonly string[], input: string, env: NodeJS.ProcessEnv): Promise<string> {
	const command = [process.execPath, CLI, ...args].map(part => `'${part.replaceAll("'", "'\\''")}'`).join(' ');
	return new Promise(resolve => {
		const child = execFile('script', ['-qec', command, '/dev/null'], {env: {...process.env, ...env}}, (_error, stdout) => resolve(stdout));
		child.stdin!.end(input);
	});
}
