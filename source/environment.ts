import process from 'node:process';
import {configPath} from './config-path.js';
import type {WatchRequest} from './data/watch/watch-refusal.js';
import {CommandUsageError} from './errors.js';

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
}

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
	};
}
