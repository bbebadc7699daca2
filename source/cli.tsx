#!/usr/bin/env node
import './runtime-env.js';
import process from 'node:process';
import {stripVTControlCharacters} from 'node:util';
import meow from 'meow';
import {ConfigError, loadConfig} from './config.js';
import {Database, DatabaseError, resolveDbPath} from './data/database.js';
import {UsageError} from './data/registry.js';
import {machineZone} from './domain/timestamps.js';
import {checkCommandFlags, CommandUsageError, FLAG_SPEC, parseZone, type RawFlags} from './flags.js';
import {HELP} from './help.js';
import {runCommand} from './report/commands.js';

const EXIT = {ok: 0, error: 1, usage: 2} as const;

const cli = meow(HELP, {
	importMeta: import.meta,
	flags: FLAG_SPEC,
	// Checked below, to answer in our words with the command's usage.
	allowUnknownFlags: true,
	description: false,
	autoHelp: true,
	autoVersion: true,
});

const flags = cli.flags as RawFlags;
const useColor = flags.color && !('NO_COLOR' in process.env && process.env.NO_COLOR !== '') && Boolean(process.stdout.isTTY);

function write(stream: NodeJS.WriteStream, text: string): void {
	stream.write(useColor && stream.isTTY ? text : stripVTControlCharacters(text));
}

function fail(code: number, message: string, usage?: string): never {
	write(process.stderr, `skillscope: ${message}\n`);
	if (usage) write(process.stderr, `usage: ${usage}\n`);
	process.exit(code);
}

/** SKILLSCOPE_NOW pins "today" for reproducible scripts and tests. */
function now(): Date {
	const pinned = process.env.SKILLSCOPE_NOW;
	if (!pinned) return new Date();
	const date = new Date(pinned);
	if (Number.isNaN(date.getTime())) fail(EXIT.usage, `SKILLSCOPE_NOW "${pinned}" is not an ISO date`);
	return date;
}

const kebab = (name: string) => name.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);
const knownFlags = new Set(['help', 'version', 'no-color', ...Object.keys(FLAG_SPEC).flatMap(name => [name, kebab(name)])]);

async function settings() {
	const config = loadConfig();
	return {
		config,
		displayZone: parseZone(flags.timezone, '--timezone') ?? parseZone(config.timezone, 'timezone (config)') ?? machineZone(),
		naiveZone: parseZone(flags.naiveTimezone, '--naive-timezone') ?? parseZone(config.naive_timezone, 'naive_timezone (config)') ?? machineZone(),
	};
}

async function explore(): Promise<number> {
	const {config, displayZone, naiveZone} = await settings();
	const database = await Database.open(resolveDbPath(flags.db ?? config.db));
	try {
		// Loaded only here: one-shot commands never pay for the explorer.
		const {runExplorer} = await import('./app.js');
		await runExplorer({database, displayZone, naiveZone, now: () => now(), color: useColor});
		return EXIT.ok;
	} finally {
		await database.close();
	}
}

/** `skillscope mcp`: stdout is the protocol's only; the database is opened per call, not here. */
async function serveMcp(): Promise<number> {
	const {config, displayZone, naiveZone} = await settings();
	now(); // A bad SKILLSCOPE_NOW fails here, before the protocol starts.
	const {runMcpServer} = await import('./mcp/server.js');
	await runMcpServer({
		dbPath: resolveDbPath(flags.db ?? config.db),
		displayZone,
		naiveZone,
		now,
		version: cli.pkg.version ?? '0.0.0',
		debug: flags.debug,
		log: line => write(process.stderr, `skillscope mcp: ${line}\n`),
	});
	return EXIT.ok;
}

async function main(): Promise<number> {
	const unknown = Object.keys(cli.unnormalizedFlags).filter(name => !knownFlags.has(name));
	if (unknown.length > 0) fail(EXIT.usage, `unknown option ${unknown.map(name => (name.length === 1 ? `-${name}` : `--${name}`)).join(', ')}`, 'skillscope <command> [options]; see skillscope --help');
	const [command, ...args] = cli.input;
	if (command === undefined) {
		if (!process.stdout.isTTY || !process.stdin.isTTY) {
			fail(EXIT.usage, 'the explorer needs a terminal; for scripts use a command, e.g. `skillscope top --json` (see --help)');
		}

		return explore();
	}

	checkCommandFlags(command, flags, args);
	if (command === 'mcp') return serveMcp();
	const {config, displayZone, naiveZone} = await settings();
	const database = await Database.open(resolveDbPath(flags.db ?? config.db));
	try {
		const result = await runCommand(command, {
			database,
			displayZone,
			naiveZone,
			now: now(),
			json: flags.json,
			warn: line => write(process.stderr, `${line}\n`),
		}, args, flags);
		write(process.stdout, flags.json ? `${JSON.stringify(result.data, null, 2)}\n` : await result.text());
		return result.exitCode;
	} finally {
		await database.close();
	}
}

try {
	process.exitCode = await main();
} catch (error) {
	if (error instanceof CommandUsageError) fail(EXIT.usage, error.message, error.usage);
	if (error instanceof UsageError) fail(EXIT.usage, error.message);
	if (flags.debug) write(process.stderr, `${(error as Error).stack ?? String(error)}\n`);
	if (error instanceof DatabaseError || error instanceof ConfigError) fail(EXIT.error, error.message);
	fail(EXIT.error, error instanceof Error ? error.message.split('\n')[0]! : String(error));
}
