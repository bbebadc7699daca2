import assert from 'node:assert/strict';
import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import {COMMANDS} from '../../source/commands/registry.js';
import {holdDatabase} from '../helpers/hold-database.js';
import {isolatedEnv} from '../helpers/environment.js';
import {runInProcess, withTempDir} from '../helpers/run-cli.js';

/** Valid arguments for each command, so that each gets as far as opening the database. */
const CALLS: Record<string, string[]> = {
	register: ['register', '{dir}'],
	unregister: ['unregister', 'someone'],
	projects: ['projects'],
	discover: ['discover'],
	collect: ['collect'],
	aggregate: ['aggregate', '--force'],
	top: ['top'],
	skill: ['skill', 'code-review'],
	versions: ['versions', 'code-review'],
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
	skills: ['skills'],
	machines: ['machines'],
	lake: ['lake', 'push', '{dir}'],
	sync: ['sync', '{dir}'],
	// The local database is opened before the server is asked: a push is refused here without a connection.
	team: ['team', 'push'],
};
/** Commands that open the database per request, not at start, or never fail (the plugin's hook): tested where they live. */
const NOT_HERE = new Set(['mcp', 'hook']);

test('while another process holds the database, every command fails with "in use by another skillscope process (pid N)", exit 1', async () => {
	// Each command runs in this process (the command line's code, runInProcess); the holder is a process of its own.
	const commands = COMMANDS.map(command => command.name).filter(command => !NOT_HERE.has(command));
	assert.deepEqual(commands.filter(command => !(command in CALLS)), [], 'every command has a call here');
	await withTempDir(async directory => {
		const env = isolatedEnv(directory);
		await mkdir(path.join(directory, 'project'));
		assert.equal((await runInProcess(['projects'], env)).code, 0);
		const holder = await holdDatabase(env.SKILLSCOPE_DB!);
		try {
			const results = [];
			for (const command of commands) {
				const args = CALLS[command]!.map(arg => arg.replace('{dir}', path.join(directory, 'project')));
				results.push({command, result: await runInProcess([...args, '--json'], env)});
			}

			for (const {command, result} of results) {
				assert.equal(result.code, 1, `${command}: ${result.stderr}`);
				assert.match(result.stderr, new RegExp(`in use by another skillscope process \\(pid ${holder.pid}\\)`), command);
				assert.doesNotMatch(result.stderr, /\n\s+at /, command);
				assert.equal(result.stdout, '', command);
			}
		} finally {
			await holder.release();
		}

		// Released: the database opens and holds what it held.
		const after = await runInProcess(['health', '--json'], env);
		assert.equal(after.code, 0, after.stderr);
	});
});
