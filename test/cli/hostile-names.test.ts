// chalk reads this when it loads (with the commands, on the first run below): our own colours are
// then drawn, so that the test tells them from the sequences that came from files.
process.env.FORCE_COLOR = '1';

import assert from 'node:assert/strict';
import path from 'node:path';
import {test} from 'node:test';
import {COMMANDS} from '../../source/commands/registry.js';
import {isolatedEnv} from '../helpers/environment.js';
import {assertNoRawControls, HOSTILE, makeHostileWorld, SGR} from '../helpers/hostile.js';
import {type CliResult, runInProcess} from '../helpers/run-cli.js';
import {makeTempDir} from '../helpers/temp.js';

/*
 * Every command's text, on a terminal with colour and through a pipe, over a database full of
 * names that carry escape sequences (issue 22, D4): whatever the files hold, only the colours we
 * draw reach the terminal, and every hostile character is shown as a visible escape.
 */

const shown = new Set<string>();

async function check(args: string[], env: Record<string, string>, how: {tty: boolean; codes?: number[]}): Promise<CliResult> {
	const result = await runInProcess(args, env, {tty: how.tty});
	const what = `${args.join(' ')} (${how.tty ? 'terminal' : 'pipe'})`;
	assert.ok((how.codes ?? [0]).includes(result.code), `${what}: exit ${result.code}: ${result.stderr}`);
	const colour = how.tty && !args.includes('--no-color') && !args.includes('--json');
	assertNoRawControls(result.stdout, `${what} stdout`, colour);
	assertNoRawControls(result.stderr, `${what} stderr`, colour);
	shown.add(args[0]!);
	return result;
}

/** A read command, both ways. */
async function both(args: string[], env: Record<string, string>, codes?: number[]): Promise<string> {
	await check(args, env, {tty: false, codes});
	return (await check(args, env, {tty: true, codes})).stdout;
}

test('every command draws hostile names as visible escapes, on a terminal with colour and through a pipe', async () => {
	const directory = await makeTempDir('skillscope-hostile-');
	const world = await makeHostileWorld(directory);
	const env = isolatedEnv(directory, {CLAUDE_CONFIG_DIR: world.claudeRoot, SKILLSCOPE_NOW: '2026-11-24T12:00:00Z'});
	const lake = path.join(directory, 'lake');

	await check(['register', world.project, '--type', 'web\u001B[31m'], env, {tty: true});
	await check(['machines', '--name', 'host\u001B]0;machpwn\u0007'], env, {tty: true});
	const discovered = await both(['discover'], env);
	assert.ok(discovered.includes('/nowhere/x\\e]0;discpwn\\a'), discovered);
	// The broken line in the file named with an OSC is an error: exit 3, the file named on stderr.
	const collected = await check(['collect'], env, {tty: true, codes: [3]});
	assert.match(collected.stderr, /f\\e\]0;filepwn\\a\.jsonl/);
	await check(['aggregate', '--force'], env, {tty: true});

	const top = await both(['top', '--limit', '20'], env);
	assert.match(top, SGR, 'our own colours are drawn on a terminal');
	for (const visible of ['evil\\e]0;pwned\\a', 'cr\\roverwrite', 'bell\\a\\a', 'nul\\0byte', 'rtl\\u202eesrever', 'new\\nline', 'red\\e[31mtext', 'csi\\u009b2J']) {
		assert.ok(top.includes(visible), `top shows ${visible}:\n${top}`);
	}

	const json = await check(['top', '--limit', '20', '--json'], env, {tty: true});
	const names = (JSON.parse(json.stdout) as {skills: Array<{skill_name: string}>}).skills.map(row => row.skill_name);
	assert.deepEqual(names.toSorted(), Object.values(HOSTILE).toSorted(), '--json keeps every name exactly');
	await check(['top', '--no-color'], env, {tty: true});

	await both(['skill', HOSTILE.title], env);
	await both(['skill', HOSTILE.long, '--window', 'daily'], env);
	await both(['skill', HOSTILE.link], env);
	await both(['skill', 'absent\u001B]0;nopwn\u0007'], env);
	await both(['cousage', '--min-sessions', '1'], env);
	await both(['next', HOSTILE.title], env);
	await both(['recommend'], env);
	const skills = await both(['skills'], env);
	assert.ok(skills.includes('e2\\e]0;rawpwn\\a'), skills);
	await both(['workflows', '--min-sessions', '1'], env);
	await both(['adoption'], env);
	await both(['compare', HOSTILE.title], env);
	await both(['versions', HOSTILE.title], env);
	const diff = await both(['versions', HOSTILE.title, '--diff', 'v1', 'v2'], env);
	assert.match(diff, /^\+step \\e\]0;bodypwn1\\a one$/m, `the diff keeps its lines, each made visible:\n${diff}`);
	// No team server is named: the message says so, and nothing else is drawn.
	await check(['team', 'status'], {...env, SKILLSCOPE_TEAM_URL: 'postgres://u\u001B]0;urlpwn\u0007@127.0.0.1:1/x'}, {tty: true, codes: [1, 2]});
	await both(['summary'], env);
	// The plugin's hook prints nothing, hostile directory or not; health then names the directory it collected.
	await check(['hook', 'session-end', '--cwd', world.project, '--session', 's\u001B]0;hookpwn\u0007'], env, {tty: true});
	await check(['hook', 'session-end', '--cwd', path.join(directory, 'cwd\u001B]0;hookpwn\u0007')], env, {tty: true});
	await both(['health'], env);
	await both(['projects'], env);
	const exported = await check(['export', '--format', 'csv', '--output', path.join(directory, 'out\u0007\roverwrite.csv')], env, {tty: true});
	assert.match(exported.stdout, /out\\a\\roverwrite\.csv/);
	await check(['export', '--format', 'csv', '--output', path.join(directory, 'out\u001B]0;exppwn\u0007.csv')], env, {tty: true, codes: [2]});
	await check(['lake', 'push', lake], env, {tty: true});
	const other = {...env, SKILLSCOPE_DB: path.join(directory, 'other.duckdb')};
	await check(['lake', 'pull', lake], other, {tty: true});
	await check(['sync', lake], other, {tty: true});
	await both(['machines'], other);
	await both(['top', '--machine', 'host\u001B]0;machpwn\u0007'], other);
	await check(['prune', '--older-than', '2000-01-01', '--yes'], env, {tty: true});

	// Messages: a usage error naming what was asked, a database error naming the file.
	const unknown = await check(['top', '--project', 'p\u001B]0;argpwn\u0007'], env, {tty: true, codes: [2]});
	assert.match(unknown.stderr, /p\\e\]0;argpwn\\a/);
	await check(['top', '--db', path.join(directory, 'db\u001B]0;dbpwn\u0007', 'x.duckdb')], env, {tty: true, codes: [0, 1]});
	await check(['unregister', world.project, '--purge'], env, {tty: true});

	const every = COMMANDS.filter(command => command.name !== 'mcp').map(command => command.name);
	assert.deepEqual(every.filter(name => !shown.has(name)), [], 'every command was walked');
});
