import {appendFile, mkdir, open, readFile, rename, stat, writeFile} from 'node:fs/promises';
import path from 'node:path';

/*
 * What the Claude Code plugin's SessionEnd hook leaves beside the database: a log of every time
 * it could not collect (one line each, `<ISO time> <what>`) and its state (its last run and last
 * collect, JSON). Beside the database, not in it: a hook whose collect could not open the
 * database (in use, broken) must still say so, and the plugin's shell script, run where skillscope
 * cannot be found, writes the same log (plugins/skillscope/hooks/session-end.sh). `health` reads both.
 */

export interface HookFiles {
	log: string;
	state: string;
}

/** Where a session end was, and when. */
export interface HookRun {
	at: string;
	session_id: string | null;
	/** The session's working directory, whose project was collected. */
	cwd: string;
	/** `partial`: collected, but some sources could not be read; `not_registered`: no active project holds `cwd`, nothing stored (not a failure: collecting is opt-in). */
	outcome: 'collected' | 'partial' | 'not_registered' | 'failed';
	message: string | null;
}

export interface HookState {
	last_run: HookRun | null;
	/** The last run that stored what changed (`collected` or `partial`). */
	last_collect: HookRun | null;
}

export interface LogLine {
	at: string;
	message: string;
}

/** The shell script computes the same names from SKILLSCOPE_DB or the default database. */
export function hookFiles(databasePath: string): HookFiles | undefined {
	if (databasePath === ':memory:') return undefined;
	return {log: `${databasePath}.hook.log`, state: `${databasePath}.hook.json`};
}

/** A log that only grows is trimmed to its newest lines past this size: a busy database every day for years stays small. */
const LOG_MAX_BYTES = 1024 * 1024;
const LOG_KEEP_BYTES = 64 * 1024;

export async function appendHookLog(file: string, at: Date, message: string): Promise<void> {
	await mkdir(path.dirname(file), {recursive: true});
	const size = await stat(file).then(info => info.size, () => 0);
	if (size > LOG_MAX_BYTES) {
		const kept = await tail(file, LOG_KEEP_BYTES);
		await writeFile(file, kept.slice(kept.indexOf('\n') + 1));
	}

	await appendFile(file, `${at.toISOString()} ${message.replaceAll(/\s*\n\s*/g, ' ').trim()}\n`);
}

async function tail(file: string, bytes: number): Promise<string> {
	const handle = await open(file, 'r');
	try {
		const {size} = await handle.stat();
		const length = Math.min(size, bytes);
		const buffer = Buffer.alloc(length);
		await handle.read(buffer, 0, length, size - length);
		return buffer.toString('utf8');
	} finally {
		await handle.close();
	}
}

/** The newest line of the log, when there is one with a time. */
export async function lastHookLogLine(file: string): Promise<LogLine | undefined> {
	const text = await tail(file, 8192).catch(() => '');
	const line = text.split('\n').filter(each => each.trim() !== '').at(-1);
	const match = line === undefined ? null : /^(\S+) (.*)$/.exec(line);
	if (!match || Number.isNaN(Date.parse(match[1]!))) return undefined;
	return {at: new Date(match[1]!).toISOString(), message: match[2]!};
}

const EMPTY: HookState = {last_run: null, last_collect: null};

const isRun = (value: unknown): value is HookRun =>
	typeof value === 'object' && value !== null && typeof (value as HookRun).at === 'string' && typeof (value as HookRun).cwd === 'string' && typeof (value as HookRun).outcome === 'string';

/** The state as written, or an empty one: absent (the hook never ran), or `problem` when it is not the hook's JSON. */
export async function readHookState(file: string): Promise<{state: HookState; problem?: string}> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {state: EMPTY};
		return {state: EMPTY, problem: `${file}: cannot be read: ${(error as Error).message}`};
	}

	try {
		const parsed = JSON.parse(text) as Record<string, unknown>;
		const pick = (key: string) => (isRun(parsed[key]) ? (parsed[key] as HookRun) : null);
		return {state: {last_run: pick('last_run'), last_collect: pick('last_collect')}};
	} catch (error) {
		return {state: EMPTY, problem: `${file}: not the hook's JSON (${(error as Error).message}); ignored`};
	}
}

/** Written whole and renamed into place: a reader never sees half of it, two hooks at once leave one of theirs. */
export async function recordHookRun(file: string, run: HookRun): Promise<void> {
	const {state} = await readHookState(file);
	const next: HookState = {last_run: run, last_collect: run.outcome === 'collected' || run.outcome === 'partial' ? run : state.last_collect};
	await mkdir(path.dirname(file), {recursive: true});
	const temporary = `${file}.${process.pid}.tmp`;
	await writeFile(temporary, `${JSON.stringify(next, null, 2)}\n`);
	await rename(temporary, file);
}
