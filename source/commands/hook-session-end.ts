import {appendHookLog, type HookRun, hookFiles, recordHookRun} from '../data/hook/files.js';
import {resolveDbPath} from '../data/store/database-path.js';
import {CommandUsageError, DatabaseBusyError, describeError, EXIT_CODES, UsageError} from '../errors.js';
import {parseOptions} from './command.js';
import {hook} from './hook.js';
import {readHookSession} from './hook-input.js';

/*
 * `skillscope hook session-end`, the plugin's SessionEnd hook (hooks/hooks.json). Claude Code
 * gives SessionEnd hooks 1.5 s in all, and a plugin's own `timeout` does not raise that
 * (https://code.claude.com/docs/en/hooks#sessionend); a collect takes longer, and a hook cut off
 * mid-collect would leave nothing said. So the hook reads its JSON, starts `hook session-end --cwd
 * DIR` detached (in a session of its own: Claude Code's teardown does not reach it) and returns.
 * That one collects quietly and says in the log beside the database what it could not collect.
 * Neither prints anything nor fails: what goes wrong is a line of the log, and health shows it.
 */

/** What the entry point gives (main.ts): its call, its settings, and its own `collect --quiet`. */
export interface SessionEndDeps {
	flags: {db?: string; timezone?: string; naiveTimezone?: string};
	environment: {now: () => Date; stdinIsTTY: boolean; variables: NodeJS.ProcessEnv; home: string};
	io: {
		/** The hook's JSON as Claude Code pipes it. */
		stdin?: NodeJS.ReadableStream;
		/** Starts this CLI again, detached, with these arguments, and returns at once; absent where it cannot (a test in-process). */
		relaunch?: (args: readonly string[]) => void;
	};
	/** The database and Claude root the call would use; throws on a broken config file. */
	settings: () => Promise<{dbPath: string; claudeRoot: string}>;
	/** `collect --quiet <directory>` of this CLI, its stderr given: its exit code, or what it throws (in use, no such project). */
	collect: (directory: string, stderr: {write: (text: string) => void}) => Promise<number>;
	sleep?: (ms: number) => Promise<void>;
}

/** Waits before trying a database in use again: two session ends at once (/clear, two windows) need not lose one. */
const BUSY_WAITS_MS = [2000, 4000];

export async function sessionEnd(input: Record<string, unknown>, deps: SessionEndDeps): Promise<number> {
	const options = parseOptions(hook, input);
	const stdin = deps.environment.stdinIsTTY ? undefined : deps.io.stdin;
	if (options.cwd === undefined && !stdin) {
		throw new CommandUsageError('hook session-end reads the hook\'s JSON on stdin, as Claude Code pipes it; on a terminal give --cwd DIR');
	}

	// A broken config file must not fail the session either: its collect says so in the log, beside the database it would not name.
	const known = await deps.settings().catch(() => undefined);
	const {flags, environment} = deps;
	const files = hookFiles(known?.dbPath ?? resolveDbPath(flags.db, environment.variables, environment.home));
	const log = async (message: string) => {
		if (files) await appendHookLog(files.log, environment.now(), message).catch(() => undefined);
	};

	try {
		if (options.cwd === undefined) {
			// The background collect gets what this call was given, so that it opens the same database and root.
			const given = {'--db': known?.dbPath, '--claude-dir': known?.claudeRoot, '--timezone': flags.timezone, '--naive-timezone': flags.naiveTimezone};
			const relaunch = deps.io.relaunch && ((args: readonly string[]) => deps.io.relaunch!([...Object.entries(given).flatMap(([flag, value]) => (value ? [flag, value] : [])), ...args]));
			await startInBackground(stdin!, relaunch, log);
		} else {
			await collectNow({cwd: options.cwd, session_id: options.session ?? null}, deps, log, files?.state);
		}
	} catch (error) {
		await log(`the hook failed: ${describeError(error).message}`);
	}

	return EXIT_CODES.ok;
}

async function startInBackground(stdin: NodeJS.ReadableStream, relaunch: SessionEndDeps['io']['relaunch'], log: (message: string) => Promise<void>): Promise<void> {
	const session = await readHookSession(stdin);
	if ('problem' in session) return log(session.problem);
	if (!relaunch) return log(`session ${session.sessionId ?? '?'} in ${session.cwd}: no way to start the background collect here; nothing collected`);
	relaunch(['hook', 'session-end', '--cwd', session.cwd, ...(session.sessionId ? ['--session', session.sessionId] : [])]);
}

type Started = Pick<HookRun, 'cwd' | 'session_id'>;

async function collectNow(started: Started, deps: SessionEndDeps, log: (message: string) => Promise<void>, stateFile: string | undefined): Promise<void> {
	const where = `session ${started.session_id ?? '?'} in ${started.cwd}`;
	// Its time is when it ended, after any line it logged: health reads a log line newer than the last collect as a failure since.
	const record = async (outcome: HookRun['outcome'], message: string | null) => {
		if (stateFile) await recordHookRun(stateFile, {...started, at: deps.environment.now().toISOString(), outcome, message});
	};

	const sleep = deps.sleep ?? (async (ms: number) => new Promise(resolve => setTimeout(resolve, ms)));
	for (let attempt = 0; ; attempt++) {
		const failed: string[] = [];
		try {
			const code = await deps.collect(started.cwd, {write: text => void failed.push(...text.split('\n').filter(line => line.trim() !== ''))});
			if (code === EXIT_CODES.ok) return record('collected', null);
			const more = failed.length > 1 ? ` (and ${failed.length - 1} more: run skillscope collect "${started.cwd}")` : '';
			const message = `collected, but not every source could be read: ${failed[0] ?? `exit ${code}`}${more}`;
			await log(`${where}: ${message}`);
			return record('partial', message);
		} catch (error) {
			if (error instanceof DatabaseBusyError && attempt < BUSY_WAITS_MS.length) {
				await sleep(BUSY_WAITS_MS[attempt]!);
				continue;
			}

			// Collecting is opt-in: a session outside every registered project is not a failure, and is not logged.
			if (error instanceof UsageError) return record('not_registered', error.message);
			const message = `not collected: ${describeError(error).message}`;
			await log(`${where}: ${message}`);
			return record('failed', message);
		}
	}
}
