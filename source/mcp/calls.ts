import {setTimeout as sleep} from 'node:timers/promises';
import {Database, DatabaseBusyError, type OpenOptions} from '../data/store/database.js';
import type {CommandContext} from '../commands/command.js';
import type {CollectTuning} from '../data/collect/tuning.js';

export interface CallOptions {
	/** The database file, resolved as the CLI resolves it (--db, SKILLSCOPE_DB, config). */
	dbPath: string;
	displayZone: string;
	naiveZone: string;
	/** The Claude Code root, resolved as the CLI resolves it. */
	claudeRoot: string;
	/** "Now" of each call (SKILLSCOPE_NOW pins it). */
	now: () => Date;
	/** A collect's limits and threads, from the environment. */
	tuning?: CollectTuning;
	/** stderr: stdout carries the protocol only. */
	log: (line: string) => void;
	/** How long a call waits for another process to let go of the database (ms). */
	busyWaitMs?: number;
}

export interface CallRunner {
	/** Runs `work` with the database open, one call after another; the file is closed after each. */
	run<T>(work: (context: CommandContext) => Promise<T>, warn?: (line: string) => void): Promise<T>;
	/** Resolves when no call is under way or waiting. */
	idle(): Promise<void>;
}

const DEFAULT_BUSY_WAIT_MS = 1000;
const RETRY_EVERY_MS = 100;

/**
 * Opens the database, waiting a little if another process holds it: a CLI command holds the
 * file for a fraction of a second. A collect or the explorer holds it longer; then the busy
 * error stands and the call says so.
 */
async function openWhenFree(file: string, waitMs: number, options: OpenOptions): Promise<Database> {
	const deadline = Date.now() + waitMs;
	for (;;) {
		try {
			return await Database.open(file, options);
		} catch (error) {
			if (!(error instanceof DatabaseBusyError) || Date.now() + RETRY_EVERY_MS > deadline) throw error;
			await sleep(RETRY_EVERY_MS);
		}
	}
}

/**
 * Calls run one at a time: each opens the file, does its work and closes it (awaiting every
 * query), so the server never holds the database between calls and never closes it under
 * another call sharing the same cached instance.
 */
export function createCallRunner(options: CallOptions): CallRunner {
	let queue: Promise<unknown> = Promise.resolve();
	return {
		async run<T>(work: (context: CommandContext) => Promise<T>, warn = options.log): Promise<T> {
			const turn = queue.then(async () => {
				// A read whose rollups cannot be saved (a full disk) still answers; the log says so.
				const database = await openWhenFree(options.dbPath, options.busyWaitMs ?? DEFAULT_BUSY_WAIT_MS, {unsaved: warn});
				try {
					return await work({database, displayZone: options.displayZone, naiveZone: options.naiveZone, claudeRoot: options.claudeRoot, now: options.now(), tuning: options.tuning, warn});
				} finally {
					await database.close();
				}
			});
			queue = turn.catch(() => undefined);
			return turn;
		},
		async idle() {
			let seen: Promise<unknown>;
			do {
				seen = queue;
				await seen;
			} while (seen !== queue);
		},
	};
}
