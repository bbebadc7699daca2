import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import {configPath} from './config-path.js';
import {type CollectTuning, defaultTuning} from './data/collect/tuning.js';
import type {WatchRequest} from './data/watch/watch-refusal.js';
import {CommandUsageError, ConfigError} from './errors.js';

/**
 * What skillscope takes from its surroundings, read once by the entry point (CLI or MCP server)
 * and passed down: nothing below the edge reads process.env or asks whether it has a terminal.
 */
export interface Environment {
	/** "Now" of each call: SKILLSCOPE_NOW pins it for reproducible scripts and tests. */
	now: () => Date;
	/** NO_COLOR set and not empty (https://no-color.org). */
	noColor: boolean;
	/** The settings file: SKILLSCOPE_CONFIG, else $XDG_CONFIG_HOME/skillscope/config.json. */
	configPath: string;
	/** SKILLSCOPE_DB and the rest, for the database path (after --db and the config file). */
	variables: NodeJS.ProcessEnv;
	stdinIsTTY: boolean;
	stdoutIsTTY: boolean;
	/** SKILLSCOPE_WATCH=poll: live collection polls instead of watching (a mount that sends no events). */
	watch: WatchRequest;
	/** The home folder: HOME, else the account's (for `~` in paths shown, the default database and root). */
	home: string;
	/** TZ when it names a zone: the machine's zone otherwise (domain/timestamps.ts machineZone). */
	zone?: string;
	/** The collect's limits and threads: SKILLSCOPE_MAX_SOURCE_BYTES, _MAX_LINE_BYTES, _COLLECT_MEMORY, _READ_WORKERS, _READERS, _DUCKDB_FROM_BYTES, _DEBUG_FAST_PATH. */
	tuning: CollectTuning;
	/** SKILLSCOPE_TEST_PAUSE: the point where a lake push or pull stops for good (tests kill it there). */
	testPause?: string;
	/** This host's identity for lake pushes, per user and outside every database: $XDG_CONFIG_HOME/skillscope/host.json (data/lake/host.ts). */
	hostFile: string;
	/** SKILLSCOPE_TEAM_URL: the team's PostgreSQL server (before the config file's team.url). */
	teamUrl?: string;
	/** What a login to it may take from the environment, as libpq does: PGUSER, PGPASSWORD, PGPASSFILE (USER, LOGNAME for the default user). */
	teamVariables: Record<string, string | undefined>;
	/** The system's temp folder (TMPDIR), where a team push or pull keeps its transfer files. */
	tmpdir: string;
}

const TEAM_VARIABLES = ['PGUSER', 'PGPASSWORD', 'PGPASSFILE', 'USER', 'LOGNAME'] as const;

export function watchRequest(value: string | undefined): WatchRequest {
	if (value === undefined || value === '' || value === 'auto') return 'auto';
	if (value === 'poll') return 'poll';
	throw new CommandUsageError(`SKILLSCOPE_WATCH "${value}" is not auto or poll`);
}

export function pinnedNow(pinned: string | undefined): () => Date {
	if (!pinned) return () => new Date();
	const date = new Date(pinned);
	if (Number.isNaN(date.getTime())) throw new CommandUsageError(`SKILLSCOPE_NOW "${pinned}" is not an ISO date`);
	return () => new Date(date);
}

export function readEnvironment(
	env: NodeJS.ProcessEnv = process.env,
	terminal = {stdin: Boolean(process.stdin.isTTY), stdout: Boolean(process.stdout.isTTY)},
): Environment {
	return {
		now: pinnedNow(env.SKILLSCOPE_NOW),
		noColor: env.NO_COLOR !== undefined && env.NO_COLOR !== '',
		configPath: configPath(env),
		variables: env,
		stdinIsTTY: terminal.stdin,
		stdoutIsTTY: terminal.stdout,
		watch: watchRequest(env.SKILLSCOPE_WATCH),
		home: env.HOME || os.homedir(),
		zone: env.TZ || undefined,
		tuning: collectTuning(env),
		testPause: env.SKILLSCOPE_TEST_PAUSE || undefined,
		hostFile: path.join(env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config'), 'skillscope', 'host.json'),
		teamUrl: env.SKILLSCOPE_TEAM_URL || undefined,
		teamVariables: Object.fromEntries(TEAM_VARIABLES.map(name => [name, env[name]])),
		tmpdir: env.TMPDIR || os.tmpdir(),
	};
}

/** A positive number of bytes, or the default: an unset or unusable value leaves the limit as it is. */
function bytes(value: string | undefined, fallback: number): number {
	const number = Number(value);
	return value !== undefined && value !== '' && Number.isFinite(number) && number > 0 ? number : fallback;
}

export function collectTuning(env: NodeJS.ProcessEnv): CollectTuning {
	const tuning = defaultTuning();
	const workers = env.SKILLSCOPE_READ_WORKERS;
	if (workers !== undefined && !/^\d{1,2}$/.test(workers.trim())) {
		throw new ConfigError(`SKILLSCOPE_READ_WORKERS "${workers}" is not a whole number of reader threads (0 to 99)`);
	}

	const readers = env.SKILLSCOPE_READERS || undefined;
	if (readers !== undefined && readers !== 'auto' && readers !== 'main' && readers !== 'workers') {
		throw new ConfigError(`SKILLSCOPE_READERS "${readers}" is not auto, main or workers`);
	}

	const from = Number(env.SKILLSCOPE_DUCKDB_FROM_BYTES);
	return {
		limits: {maxSourceBytes: bytes(env.SKILLSCOPE_MAX_SOURCE_BYTES, tuning.limits.maxSourceBytes), maxLineBytes: bytes(env.SKILLSCOPE_MAX_LINE_BYTES, tuning.limits.maxLineBytes)},
		memoryLimit: env.SKILLSCOPE_COLLECT_MEMORY ?? tuning.memoryLimit,
		readWorkers: workers === undefined ? tuning.readWorkers : Number(workers),
		duckdbFromBytes: env.SKILLSCOPE_DUCKDB_FROM_BYTES !== undefined && Number.isFinite(from) && from >= 0 ? from : tuning.duckdbFromBytes,
		debugFastPath: Boolean(env.SKILLSCOPE_DEBUG_FAST_PATH),
		...(readers ? {readers} : {}),
	};
}
