import assert from 'node:assert/strict';
import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import {DuckDBInstance} from '@duckdb/node-api';
import {COMMANDS} from '../../source/commands/registry.js';
import {runCli, withTempDir} from '../helpers/run-cli.js';

/** Valid arguments for each command, so that each gets as far as opening the database. */
const CALLS: Record<string, string[]> = {
	register: ['register', '{dir}'],
	unregister: ['unregister', 'someone'],
	projects: ['projects'],
	collect: ['collect'],
	aggregate: ['aggregate', '--force'],
	top: ['top'],
	skill: ['skill', 'code-review'],
	compare: ['compare', 'code-review'],
	summary: ['summary'],
	health: ['health'],
	export: ['export', '--format', 'csv', '--output', '{dir}/out.csv'],
	prune: ['prune', '--older-than', '90d', '--yes'],
	cousage: ['cousage'],
	next: ['next', 'code-review'],
	recommend: ['recommend'],
	workflows: ['workflows'],
	adoption: ['adoption'],
};
/** Commands that open the database per request, not at start (they are tested where they live). */
const NOT_HERE = new Set(['mcp']);

test('while another process holds the database, every command fails with "in use by another skillscope process (pid N)", exit 1', async () => {
	const commands = COMMANDS.map(command => command.name).filter(command => !NOT_HERE.has(command));
	assert.deepEqual(commands.filter(command => !(command in CALLS)), [], 'every command has a call here');
	await withTempDir(async directory => {
		const env = {SKILLSCOPE_DB: path.join(directory, 'db.duckdb'), SKILLSCOPE_CONFIG: path.join(directory, 'none.json')};
		await mkdir(path.join(directory, 'project'));
		assert.equal((await runCli(['projects'], env)).code, 0);
		const holder = await DuckDBInstance.create(env.SKILLSCOPE_DB);
		const connection = await holder.connect();
		try {
			const results = await Promise.all(commands.map(async command => {
				const args = CALLS[command]!.map(arg => arg.replace('{dir}', path.join(directory, 'project')));
				return {command, result: await runCli([...args, '--json'], env)};
			}));
			for (const {command, result} of results) {
				assert.equal(result.code, 1, `${command}: ${result.stderr}`);
				assert.match(result.stderr, new RegExp(`in use by another skillscope process \\(pid ${process.pid}\\)`), command);
				assert.doesNotMatch(result.stderr, /\n\s+at /, command);
				assert.equal(result.stdout, '', command);
			}
		} finally {
			connection.closeSync();
			holder.closeSync();
		}

		// Released: the database opens and holds what it held.
		const after = await runCli(['health', '--json'], env);
		assert.equal(after.code, 0, after.stderr);
	});
});
