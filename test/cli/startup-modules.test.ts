import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {mkdir, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {describe, test} from 'node:test';
import {isolatedEnv} from '../helpers/environment.js';
import {CLI, withTempDir} from '../helpers/run-cli.js';

/*
 * What the built CLI loads, recorded in its own process: every ES module through a loader hook,
 * every CommonJS one (DuckDB's binding is required) from require.cache at exit. --help, --version
 * and usage errors answer from the manifest; if one of them loads DuckDB, zod, Ink or the MCP
 * SDK again, start-up is slow again, and this fails.
 */
const HOOKS = `import {appendFileSync} from 'node:fs';
export async function load(url, context, next) {
	appendFileSync(process.env.MODULE_TRACE, url + '\\n');
	return next(url, context);
}`;
const REGISTER = `import {register} from 'node:module';
import {pathToFileURL} from 'node:url';
register(pathToFileURL(process.env.MODULE_TRACE_HOOKS).href);`;
const RECORD_REQUIRED = `process.on('exit', () => require('node:fs').appendFileSync(process.env.MODULE_TRACE, Object.keys(require.cache).join('\\n') + '\\n'));`;

interface Traced {
	code: number;
	stderr: string;
	modules: string[];
}

async function traced(directory: string, args: readonly string[]): Promise<Traced> {
	const trace = path.join(directory, `trace-${args.join('-').replaceAll(/\W/g, '_')}.txt`);
	const hooks = path.join(directory, 'hooks.mjs');
	await writeFile(hooks, HOOKS);
	await writeFile(path.join(directory, 'register.mjs'), REGISTER);
	await writeFile(path.join(directory, 'record-required.cjs'), RECORD_REQUIRED);
	await writeFile(trace, '');
	const env = {...process.env, ...isolatedEnv(directory), MODULE_TRACE: trace, MODULE_TRACE_HOOKS: hooks};
	const nodeArgs = ['--require', path.join(directory, 'record-required.cjs'), '--import', path.join(directory, 'register.mjs'), CLI, ...args];
	const {code, stderr} = await new Promise<{code: number; stderr: string}>(resolve => {
		const child = execFile(process.execPath, nodeArgs, {env}, (error, _stdout, stderr) => resolve({code: error ? Number(error.code ?? 1) : 0, stderr}));
		// No input: the MCP server ends when its stdin does.
		child.stdin?.end();
	});
	return {code, stderr, modules: (await readFile(trace, 'utf8')).split('\n').filter(Boolean)};
}

const PACKAGES = {
	duckdb: /[/\\]@duckdb[/\\]/,
	zod: /[/\\]node_modules[/\\]zod[/\\]/,
	ink: /[/\\]node_modules[/\\](ink|react)[/\\]/,
	mcp: /[/\\]@modelcontextprotocol[/\\]/,
	// The network (issue 24): only `skillscope team` may load the PostgreSQL driver.
	pg: /[/\\]node_modules[/\\]pg[/\\]/,
};
const loaded = (modules: readonly string[], pattern: RegExp) => modules.some(module => pattern.test(module));

describe('what the CLI loads', () => {
	const quick: Array<[string, string[], number]> = [
		['--version', ['--version'], 0],
		['--help', ['--help'], 0],
		['an unknown option', ['top', '--bogus'], 2],
		['an unknown command', ['frobnicate'], 2],
		['a flag of another command', ['register', '.', '--purge'], 2],
		['a missing argument', ['skill'], 2],
		['the explorer without a terminal', [], 2],
	];
	for (const [what, args, exitCode] of quick) {
		test(`${what}: no DuckDB, zod, Ink or MCP SDK, and no command module`, async () => {
			await withTempDir(async directory => {
				const run = await traced(directory, args);
				assert.equal(run.code, exitCode, run.stderr);
				for (const [name, pattern] of Object.entries(PACKAGES)) assert.ok(!loaded(run.modules, pattern), `${what} loaded ${name}`);
				const commands = run.modules.filter(module => /dist\/commands\/(?!manifest|command)/.test(module));
				assert.deepEqual(commands, [], `${what} loaded a command`);
				if (args.length === 1 && args[0]!.startsWith('--')) assert.ok(!loaded(run.modules, /[/\\]node_modules[/\\]meow[/\\]/), `${what} loaded meow`);
			});
		});
	}

	test('top --json loads DuckDB and its own command, but no Ink, no MCP SDK, no other command', async () => {
		await withTempDir(async directory => {
			const run = await traced(directory, ['top', '--json']);
			assert.equal(run.code, 0, run.stderr);
			assert.ok(loaded(run.modules, PACKAGES.duckdb), 'the tracer sees the required binding');
			assert.ok(loaded(run.modules, /[/\\]node_modules[/\\]meow[/\\]/), 'the command line is read by meow');
			assert.ok(!loaded(run.modules, PACKAGES.ink), 'no Ink');
			assert.ok(!loaded(run.modules, PACKAGES.mcp), 'no MCP SDK');
			assert.ok(!loaded(run.modules, PACKAGES.pg), 'no PostgreSQL driver');
			assert.ok(loaded(run.modules, /dist\/commands\/top\.js$/));
			assert.ok(!loaded(run.modules, /dist\/commands\/(skill|collect|register)\.js$/), 'no other command');
		});
	});

	test('collect with nothing new to read loads no transcript reader, no Ink, no MCP SDK', async () => {
		await withTempDir(async directory => {
			await mkdir(path.join(directory, 'project'));
			assert.equal((await traced(directory, ['register', path.join(directory, 'project')])).code, 0);
			const run = await traced(directory, ['collect', '--json']);
			assert.equal(run.code, 0, run.stderr);
			assert.ok(loaded(run.modules, /dist\/data\/transcripts\/collector\.js$/), 'transcripts were looked for');
			assert.ok(!loaded(run.modules, /dist\/(formats\/transcripts\/(reader|parser)|data\/transcripts\/(batch|writer))\.js$/), 'no transcript was read');
			assert.ok(!loaded(run.modules, PACKAGES.ink) && !loaded(run.modules, PACKAGES.mcp) && !loaded(run.modules, PACKAGES.pg));
		});
	});

	test('team loads the PostgreSQL driver (the tracer sees it, so the checks above can fail)', async () => {
		await withTempDir(async directory => {
			const run = await traced(directory, ['team', 'status']);
			assert.equal(run.code, 2, run.stderr);
			assert.match(run.stderr, /no team server/);
			assert.ok(loaded(run.modules, PACKAGES.pg));
		});
	});

	test('mcp loads the MCP SDK (the tracer sees ES module packages)', async () => {
		await withTempDir(async directory => {
			const run = await traced(directory, ['mcp']);
			assert.equal(run.code, 0, run.stderr);
			assert.ok(loaded(run.modules, PACKAGES.mcp));
		});
	});
});
