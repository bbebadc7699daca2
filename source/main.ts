import {createInterface} from 'node:readline/promises';
import {stripVTControlCharacters} from 'node:util';
import meow from 'meow';
import type {CommandContext, RegisteredCommand} from './commands/command.js';
import {loadConfig} from './config.js';
import {Database, resolveDbPath} from './data/database.js';
import {machineZone} from './domain/timestamps.js';
import {claudeRoot} from './formats/transcript-files.js';
import {type Environment, readEnvironment} from './environment.js';
import {CommandUsageError, describeError, EXIT_CODES} from './errors.js';
import {commandInput, flagSpec, type GlobalFlags, knownFlagNames, parseZone} from './flags.js';
import {helpText} from './help.js';
import {untilInterrupted} from './interrupt.js';

/** Where a call writes: the process's streams, or a test's buffers. */
export interface Output {
	write: (text: string) => void;
	isTTY?: boolean;
}

export interface Io {
	stdout: Output;
	stderr: Output;
	/** The variables the call sees (process.env, or a test's own). */
	env: NodeJS.ProcessEnv;
	/** Whether the process has terminals (false for a test). */
	terminal: {stdin: boolean; stdout: boolean};
	/** Answers a question on the terminal; only asked when stdin is one. */
	ask?: (question: string) => Promise<string>;
}

/** The process as the CLI runs: its streams, its environment. */
export function processIo(): Io {
	return {
		stdout: process.stdout,
		stderr: process.stderr,
		env: process.env,
		terminal: {stdin: Boolean(process.stdin.isTTY), stdout: Boolean(process.stdout.isTTY)},
		async ask(question) {
			const prompt = createInterface({input: process.stdin, output: process.stderr});
			try {
				return await prompt.question(question);
			} finally {
				prompt.close();
			}
		},
	};
}

interface Call {
	io: Io;
	flags: GlobalFlags;
	environment: Environment;
	color: boolean;
	version: string;
}

function write(call: Pick<Call, 'color'>, stream: Output, text: string): void {
	stream.write(call.color && stream.isTTY ? text : stripVTControlCharacters(text));
}

interface Settings {
	dbPath: string;
	displayZone: string;
	naiveZone: string;
	claudeRoot: string;
}

function settings({flags, environment}: Call): Settings {
	const config = loadConfig(environment.configPath);
	return {
		dbPath: resolveDbPath(flags.db ?? config.db, environment.variables),
		displayZone: parseZone(flags.timezone, '--timezone') ?? parseZone(config.timezone, 'timezone (config)') ?? machineZone(),
		naiveZone: parseZone(flags.naiveTimezone, '--naive-timezone') ?? parseZone(config.naive_timezone, 'naive_timezone (config)') ?? machineZone(),
		claudeRoot: claudeRoot({flag: flags.claudeDir, config: config.claude_dir, env: environment.variables}),
	};
}

async function explore(call: Call): Promise<number> {
	const {dbPath, displayZone, naiveZone, claudeRoot} = settings(call);
	const database = await Database.open(dbPath);
	try {
		// Loaded only here: one-shot commands never pay for the explorer.
		const {runExplorer} = await import('./app.js');
		await runExplorer({database, displayZone, naiveZone, claudeRoot, now: call.environment.now, color: call.color, live: call.environment.watch});
		return EXIT_CODES.ok;
	} finally {
		await database.close();
	}
}

/** `skillscope mcp`: stdout is the protocol's only; the database is opened per call, not here. */
async function serveMcp(call: Call): Promise<number> {
	const {runMcpServer} = await import('./mcp/server.js');
	await runMcpServer({
		...settings(call),
		now: call.environment.now,
		version: call.version,
		debug: call.flags.debug,
		log: line => write(call, call.io.stderr, `skillscope mcp: ${line}\n`),
	});
	return EXIT_CODES.ok;
}

async function runOnce(call: Call, command: RegisteredCommand, input: Record<string, unknown>): Promise<number> {
	const {dbPath, displayZone, naiveZone, claudeRoot} = settings(call);
	const database = await Database.open(dbPath);
	let release = () => {};
	try {
		const context: CommandContext = {
			database,
			displayZone,
			naiveZone,
			claudeRoot,
			now: call.environment.now(),
			warn: line => write(call, call.io.stderr, `${line}\n`),
			ask: call.environment.stdinIsTTY ? call.io.ask : undefined,
			watch: call.environment.watch,
			emit: (record, text) => write(call, call.io.stdout, call.flags.json ? `${JSON.stringify(record)}\n` : `${text}\n`),
			interrupted() {
				const taken = untilInterrupted(call.io.stdout);
				release = taken.release;
				return taken.signal;
			},
		};
		const outcome = await command.execute!(context, input);
		if (outcome.streamed) {
			// Written record by record already (NDJSON with --json).
		} else if (call.flags.json) {
			write(call, call.io.stdout, `${JSON.stringify(outcome.report, null, 2)}\n`);
		} else {
			// Tables draw with ink-table, which costs most of a start-up: --json never loads it.
			const {renderTable} = await import('./report/render-table.js');
			write(call, call.io.stdout, outcome.text({displayZone, table: renderTable}));
		}

		return outcome.exitCode;
	} finally {
		release();
		await database.close();
	}
}

async function dispatch(call: Call, input: readonly string[], flags: Record<string, unknown>): Promise<number> {
	const [name, ...args] = input;
	if (name !== undefined) {
		const {command, input: options} = commandInput(name, flags, args);
		return command.execute ? runOnce(call, command, options) : serveMcp(call);
	}

	if (!call.environment.stdoutIsTTY || !call.environment.stdinIsTTY) {
		throw new CommandUsageError('the explorer needs a terminal; for scripts use a command, e.g. `skillscope top --json` (see --help)');
	}

	return explore(call);
}

/**
 * One run of the command line, from its arguments to its exit code: what `skillscope` does,
 * callable in-process (the tests do). Never exits the process.
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
	const spec = flagSpec();
	const cli = meow(helpText(), {importMeta: import.meta, argv: [...argv], flags: spec, allowUnknownFlags: true, description: false, autoHelp: false, autoVersion: false});
	const flags = cli.flags as unknown as GlobalFlags & Record<string, unknown>;
	const version = cli.pkg.version ?? '0.0.0';
	let color = false;
	try {
		// Alone, as meow's own --help and --version take them.
		const only = argv.length === 1 ? argv[0] : undefined;
		if (only === '--help' || only === '--version') {
			io.stdout.write(only === '--help' ? `${cli.help}\n` : `${version}\n`);
			return EXIT_CODES.ok;
		}

		const known = knownFlagNames(spec);
		const unknown = Object.keys(cli.unnormalizedFlags).filter(name => !known.has(name));
		if (unknown.length > 0) {
			const names = unknown.map(name => (name.length === 1 ? `-${name}` : `--${name}`)).join(', ');
			throw new CommandUsageError(`unknown option ${names}`, 'skillscope <command> [options]; see skillscope --help');
		}

		const environment = readEnvironment(io.env, io.terminal);
		color = flags.color && !environment.noColor && environment.stdoutIsTTY;
		const commandFlags = Object.fromEntries(Object.keys(spec).map(key => [key, flags[key]]));
		return await dispatch({io, flags, environment, color, version}, cli.input, commandFlags);
	} catch (error) {
		const described = describeError(error);
		if (flags.debug && described.kind !== 'usage') write({color}, io.stderr, `${(error as Error).stack ?? String(error)}\n`);
		write({color}, io.stderr, `skillscope: ${described.message}\n`);
		if (described.usage) write({color}, io.stderr, `usage: ${described.usage}\n`);
		return described.exitCode;
	}
}
