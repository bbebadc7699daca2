import {readFileSync} from 'node:fs';
import {parseArgv} from './argv.js';
import type {CommandContext, ManifestEntry, RegisteredCommand} from './commands/command.js';
import {COMMAND_MANIFEST, HELP} from './commands/manifest.js';
import type {Database, OpenOptions} from './data/store/database.js';
import type {TeamSettings} from './data/team/settings.js';
import {projectPlace} from './domain/project-place.js';
import {terminalOutput, visible} from './domain/terminal-text.js';
import {machineZone} from './domain/timestamps.js';
import {type Environment, readEnvironment} from './environment.js';
import {CommandUsageError, describeError, EXIT_CODES} from './errors.js';
import {commandInput, flagTypes, GLOBAL_DEFAULTS, type GlobalFlags, parseZone} from './flags.js';
import {untilInterrupted} from './interrupt.js';
import type {Io, Output} from './io.js';

/*
 * Nothing heavy is imported up front: --help, --version and usage errors are answered from the
 * manifest without zod, DuckDB or any command; a command loads its own module, then the database.
 */

interface Call {
	io: Io;
	flags: GlobalFlags;
	environment: Environment;
	color: boolean;
	version: string;
}

/**
 * Everything the CLI prints goes through here: our colours only on a terminal with colour on, and
 * no other control character at all (names were made visible where they entered the text).
 */
function write(call: Pick<Call, 'color'>, stream: Output, text: string): void {
	stream.write(terminalOutput(text, call.color && stream.isTTY === true));
}

/** A question on the terminal, whatever it quotes made visible. */
function askVisibly(ask: Io['ask']): Io['ask'] {
	return ask && (async question => ask(visible(question)));
}

/** One message line (a warning, a progress line, an error): whatever it quotes stays on its line. */
function writeLine(call: Pick<Call, 'color'>, stream: Output, line: string): void {
	write(call, stream, `${visible(line)}\n`);
}

interface Settings {
	dbPath: string;
	displayZone: string;
	naiveZone: string;
	claudeRoot: string;
	teamUrl?: string;
}

async function settings({flags, environment}: Call): Promise<Settings> {
	const [{loadConfig}, {resolveDbPath}, {claudeRoot}] = await Promise.all([import('./config.js'), import('./data/store/database-path.js'), import('./formats/transcripts/files.js')]);
	const config = loadConfig(environment.configPath);
	return {
		dbPath: resolveDbPath(flags.db ?? config.db, environment.variables, environment.home),
		displayZone: parseZone(flags.timezone, '--timezone') ?? parseZone(config.timezone, 'timezone (config)') ?? machineZone(environment.zone),
		naiveZone: parseZone(flags.naiveTimezone, '--naive-timezone') ?? parseZone(config.naive_timezone, 'naive_timezone (config)') ?? machineZone(environment.zone),
		claudeRoot: claudeRoot({flag: flags.claudeDir, config: config.claude_dir, env: environment.variables, home: environment.home}),
		teamUrl: environment.teamUrl ?? config.team?.url,
	};
}

/** What a team command needs of this call (data/team/settings.ts), from the environment read at the edge. */
function teamSettings(call: Call, url: string | undefined): TeamSettings {
	const {teamVariables, home, tmpdir} = call.environment;
	return {url, variables: teamVariables, home, tmpdir, clientVersion: call.version};
}

async function openDatabase(file: string, options?: OpenOptions): Promise<Database> {
	const {Database} = await import('./data/store/database.js');
	return Database.open(file, options);
}

async function explore(call: Call): Promise<number> {
	const {dbPath, displayZone, naiveZone, claudeRoot} = await settings(call);
	const database = await openDatabase(dbPath);
	try {
		// Loaded only here: one-shot commands never pay for the explorer.
		const {runExplorer} = await import('./app.js');
		const {now, watch, home, tuning} = call.environment;
		await runExplorer({database, displayZone, naiveZone, claudeRoot, now, color: call.color, live: watch, home, tuning});
		return EXIT_CODES.ok;
	} finally {
		await database.close();
	}
}

/** `skillscope mcp`: stdout is the protocol's only; the database is opened per call, not here. */
async function serveMcp(call: Call): Promise<number> {
	const {runMcpServer} = await import('./mcp/server.js');
	await runMcpServer({
		...(await settings(call)),
		now: call.environment.now,
		tuning: call.environment.tuning,
		version: call.version,
		debug: call.flags.debug,
		log: line => writeLine(call, call.io.stderr, `skillscope mcp: ${line}`),
	});
	return EXIT_CODES.ok;
}

/** `skillscope hook session-end` (commands/hook-session-end.ts): its collect is this CLI's `collect --quiet`, its stderr the log's. */
async function runHook(call: Call, input: Record<string, unknown>): Promise<number> {
	const {sessionEnd} = await import('./commands/hook-session-end.js');
	const quiet = (stderr: Output): Call => ({...call, flags: {...call.flags, json: false}, io: {...call.io, stdout: {write() {}}, stderr}});
	return sessionEnd(input, {
		...call,
		settings: async () => settings(call),
		collect: async (directory, stderr) => runOnce(quiet(stderr), COMMAND_MANIFEST.find(each => each.name === 'collect')!, {projects: [directory], quiet: true}),
	});
}

async function runOnce(call: Call, entry: ManifestEntry, input: Record<string, unknown>): Promise<number> {
	const {dbPath, displayZone, naiveZone, claudeRoot, teamUrl} = await settings(call);
	// The command's module (zod, its queries) loads while DuckDB opens the file on threads of its own.
	// A read whose rollups cannot be saved (a full disk) still answers, and says so.
	const unsaved = (why: string) => writeLine(call, call.io.stderr, `skillscope: ${why}`);
	const [loaded, opened] = await Promise.allSettled([loadCommand(entry), openDatabase(dbPath, {unsaved})]);
	if (opened.status === 'rejected') throw opened.reason;
	const database = opened.value;
	let release = () => {};
	try {
		if (loaded.status === 'rejected') throw loaded.reason;
		const command = loaded.value;
		const context: CommandContext = {
			database,
			displayZone,
			naiveZone,
			claudeRoot,
			now: call.environment.now(),
			warn: line => writeLine(call, call.io.stderr, line),
			ask: call.environment.stdinIsTTY ? askVisibly(call.io.ask) : undefined,
			watch: call.environment.watch,
			tuning: call.environment.tuning,
			testPause: call.environment.testPause,
			hostFile: call.environment.hostFile,
			team: teamSettings(call, teamUrl),
			emit: (record, text) => (call.flags.json ? write(call, call.io.stdout, `${JSON.stringify(record)}\n`) : writeLine(call, call.io.stdout, text)),
			interrupted() {
				const taken = untilInterrupted(call.io.stdout);
				release = taken.release;
				return taken.signal;
			},
		};
		const outcome = await command.execute!(context, input);
		if (outcome.streamed || outcome.silent) {
			// Written record by record already (NDJSON with --json), or asked for nothing (--quiet).
		} else if (call.flags.json) {
			write(call, call.io.stdout, `${JSON.stringify(outcome.report, null, 2)}\n`);
		} else {
			// Tables draw with ink-table, which costs most of a start-up: --json never loads it.
			const [{renderTable}, {listProjects}] = await Promise.all([import('./report/render-table.js'), import('./data/registry/registry.js')]);
			const registered = (await listProjects(database, {counts: false})).map(project => ({name: project.project_name, path: projectPlace(project).path}));
			write(call, call.io.stdout, outcome.text({displayZone, table: renderTable, home: call.environment.home, registered}));
		}

		return outcome.exitCode;
	} finally {
		release();
		await database.close();
	}
}

/** The command's own module, named by the manifest: only the command that runs is loaded. */
async function loadCommand(entry: ManifestEntry): Promise<RegisteredCommand> {
	const module = (await import(`./commands/${entry.module}`)) as Record<string, RegisteredCommand | undefined>;
	const command = module[entry.exportName];
	if (command?.name !== entry.name) throw new Error(`commands/${entry.module} has no command "${entry.name}": run npm run manifest`);
	return command;
}

async function dispatch(call: Call, input: readonly string[], flags: Record<string, unknown>): Promise<number> {
	const [name, ...args] = input;
	if (name !== undefined) {
		const {entry, input: options} = commandInput(name, flags, args);
		if (entry.report) return runOnce(call, entry, options);
		return entry.name === 'hook' ? runHook(call, options) : serveMcp(call);
	}

	if (!call.environment.stdoutIsTTY || !call.environment.stdinIsTTY) {
		throw new CommandUsageError('the explorer needs a terminal; for scripts use a command, e.g. `skillscope top --json` (see --help)');
	}

	return explore(call);
}

/** package.json's version, read when asked: the file beside source/ and dist/ alike. */
function packageVersion(): string {
	const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version?: string};
	return manifest.version ?? '0.0.0';
}

/**
 * One run of the command line, from its arguments to its exit code: what `skillscope` does,
 * callable in-process (the tests do). Never exits the process.
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
	let color = false;
	let debug = false;
	try {
		// Alone, as meow's own --help and --version took them.
		const only = argv.length === 1 ? argv[0] : undefined;
		if (only === '--help' || only === '--version') {
			io.stdout.write(only === '--help' ? `${HELP}\n` : `${packageVersion()}\n`);
			return EXIT_CODES.ok;
		}

		const parsed = await parseArgv(argv, flagTypes(), GLOBAL_DEFAULTS);
		debug = parsed.flags.debug === true;
		if (parsed.unknown.length > 0) {
			throw new CommandUsageError(`unknown option ${parsed.unknown.join(', ')}`, 'skillscope <command> [options]; see skillscope --help');
		}

		const flags = {...GLOBAL_DEFAULTS, ...parsed.flags} as GlobalFlags & Record<string, unknown>;
		const environment = readEnvironment(io.env, io.terminal);
		color = flags.color && !environment.noColor && environment.stdoutIsTTY;
		return await dispatch({io, flags, environment, color, version: packageVersion()}, parsed.input, flags);
	} catch (error) {
		const described = describeError(error);
		if (debug && described.kind !== 'usage') {
			for (const line of ((error as Error).stack ?? String(error)).split('\n')) writeLine({color}, io.stderr, line);
		}

		writeLine({color}, io.stderr, `skillscope: ${described.message}`);
		if (described.usage) writeLine({color}, io.stderr, `usage: ${described.usage}`);
		return described.exitCode;
	}
}
