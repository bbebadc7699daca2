#!/usr/bin/env node
import './runtime-env.js';
import process from 'node:process';
import {createInterface} from 'node:readline/promises';
import {stripVTControlCharacters} from 'node:util';
import meow from 'meow';
import type {CommandContext, RegisteredCommand} from './commands/command.js';
import {loadConfig} from './config.js';
import {Database, resolveDbPath} from './data/database.js';
import {machineZone} from './domain/timestamps.js';
import {type Environment, readEnvironment} from './environment.js';
import {CommandUsageError, describeError, EXIT_CODES} from './errors.js';
import {commandInput, flagSpec, type GlobalFlags, knownFlagNames, parseZone} from './flags.js';
import {helpText} from './help.js';

const cli = meow(helpText(), {
	importMeta: import.meta,
	flags: flagSpec(),
	// Checked below, to answer in our words with the command's usage.
	allowUnknownFlags: true,
	description: false,
	autoHelp: true,
	autoVersion: true,
});

const flags = cli.flags as unknown as GlobalFlags & Record<string, unknown>;
let useColor = false;

function write(stream: NodeJS.WriteStream, text: string): void {
	stream.write(useColor && stream.isTTY ? text : stripVTControlCharacters(text));
}

interface Settings {
	environment: Environment;
	dbPath: string;
	displayZone: string;
	naiveZone: string;
}

function settings(environment: Environment): Settings {
	const config = loadConfig(environment.configPath);
	return {
		environment,
		dbPath: resolveDbPath(flags.db ?? config.db, environment.variables),
		displayZone: parseZone(flags.timezone, '--timezone') ?? parseZone(config.timezone, 'timezone (config)') ?? machineZone(),
		naiveZone: parseZone(flags.naiveTimezone, '--naive-timezone') ?? parseZone(config.naive_timezone, 'naive_timezone (config)') ?? machineZone(),
	};
}

async function explore({environment, dbPath, displayZone, naiveZone}: Settings): Promise<number> {
	const database = await Database.open(dbPath);
	try {
		// Loaded only here: one-shot commands never pay for the explorer.
		const {runExplorer} = await import('./app.js');
		await runExplorer({database, displayZone, naiveZone, now: environment.now, color: useColor});
		return EXIT_CODES.ok;
	} finally {
		await database.close();
	}
}

/** `skillscope mcp`: stdout is the protocol's only; the database is opened per call, not here. */
async function serveMcp({environment, dbPath, displayZone, naiveZone}: Settings): Promise<number> {
	const {runMcpServer} = await import('./mcp/server.js');
	await runMcpServer({
		dbPath,
		displayZone,
		naiveZone,
		now: environment.now,
		version: cli.pkg.version ?? '0.0.0',
		debug: flags.debug,
		log: line => write(process.stderr, `skillscope mcp: ${line}\n`),
	});
	return EXIT_CODES.ok;
}

/** A question on stderr, answered on stdin: only when a person is there to answer. */
async function ask(question: string): Promise<string> {
	const prompt = createInterface({input: process.stdin, output: process.stderr});
	try {
		return await prompt.question(question);
	} finally {
		prompt.close();
	}
}

async function runOnce(command: RegisteredCommand, input: Record<string, unknown>, {environment, dbPath, displayZone, naiveZone}: Settings): Promise<number> {
	const database = await Database.open(dbPath);
	try {
		const context: CommandContext = {
			database,
			displayZone,
			naiveZone,
			now: environment.now(),
			warn: line => write(process.stderr, `${line}\n`),
			ask: environment.stdinIsTTY ? ask : undefined,
		};
		const outcome = await command.execute!(context, input);
		if (flags.json) {
			write(process.stdout, `${JSON.stringify(outcome.report, null, 2)}\n`);
		} else {
			// Tables draw with ink-table, which costs most of a start-up: --json never loads it.
			const {renderTable} = await import('./report/render-table.js');
			write(process.stdout, outcome.text({displayZone, table: renderTable}));
		}

		return outcome.exitCode;
	} finally {
		await database.close();
	}
}

async function main(): Promise<number> {
	const known = knownFlagNames();
	const unknown = Object.keys(cli.unnormalizedFlags).filter(name => !known.has(name));
	if (unknown.length > 0) {
		const names = unknown.map(name => (name.length === 1 ? `-${name}` : `--${name}`)).join(', ');
		throw new CommandUsageError(`unknown option ${names}`, 'skillscope <command> [options]; see skillscope --help');
	}

	const environment = readEnvironment();
	useColor = flags.color && !environment.noColor && environment.stdoutIsTTY;
	const [name, ...args] = cli.input;
	if (name === undefined) {
		if (!environment.stdoutIsTTY || !environment.stdinIsTTY) {
			throw new CommandUsageError('the explorer needs a terminal; for scripts use a command, e.g. `skillscope top --json` (see --help)');
		}

		return explore(settings(environment));
	}

	const {command, input} = commandInput(name, flags, args);
	if (!command.execute) return serveMcp(settings(environment));
	return runOnce(command, input, settings(environment));
}

try {
	process.exitCode = await main();
} catch (error) {
	const described = describeError(error);
	if (flags.debug && described.kind !== 'usage') write(process.stderr, `${(error as Error).stack ?? String(error)}\n`);
	write(process.stderr, `skillscope: ${described.message}\n`);
	if (described.usage) write(process.stderr, `usage: ${described.usage}\n`);
	process.exit(described.exitCode);
}
