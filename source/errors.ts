/*
 * Every failure a user can act on, and how each ends a call. This file imports nothing of ours, so
 * that any layer may throw these (data, formats, commands) and the edges (CLI, MCP) tell them apart,
 * including --help and usage errors that never load DuckDB.
 */

/** A failure a user can act on; the CLI prints its message alone, without a stack. */
export class DatabaseError extends Error {}

/** Another process holds the file's write lock (a collect, the explorer): worth retrying later. */
export class DatabaseBusyError extends DatabaseError {}

/** Something the user asked for that cannot be: the CLI shows the message and exits 2. */
export class UsageError extends Error {}

/** The settings file cannot be read or says something invalid. */
export class ConfigError extends Error {}

/**
 * The team server (issue 24) cannot be reached, refused the login or TLS, or refused a
 * statement. Its message names the server by its URL without the password.
 */
export class TeamServerError extends Error {}

/**
 * Every way a call can end, and what each means to a shell (the exit code) and to an assistant
 * (an MCP error result). The CLI and the MCP server both ask `describeError`; neither decides alone.
 */
export const EXIT_CODES = {
	ok: 0,
	runtime: 1,
	usage: 2,
	/** The command did its work, but some sources could not be read (they are named in the report). */
	partialSources: 3,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

export type ErrorKind = 'usage' | 'config' | 'database' | 'database-in-use' | 'team-server' | 'internal';

/** A call that cannot be: the user (or assistant) fixes the call; `usage` is the right form of it. */
export class CommandUsageError extends UsageError {
	constructor(
		message: string,
		readonly usage?: string,
	) {
		super(message);
	}
}

export interface DescribedError {
	kind: ErrorKind;
	/** One line or a few, never a stack. */
	message: string;
	exitCode: ExitCode;
	/** The command's right form, for usage errors that know it. */
	usage?: string;
}

export function describeError(error: unknown): DescribedError {
	if (error instanceof UsageError) {
		return {kind: 'usage', message: error.message, exitCode: EXIT_CODES.usage, usage: error instanceof CommandUsageError ? error.usage : undefined};
	}

	if (error instanceof DatabaseBusyError) return {kind: 'database-in-use', message: error.message, exitCode: EXIT_CODES.runtime};
	if (error instanceof DatabaseError) return {kind: 'database', message: error.message, exitCode: EXIT_CODES.runtime};
	if (error instanceof ConfigError) return {kind: 'config', message: error.message, exitCode: EXIT_CODES.runtime};
	if (error instanceof TeamServerError) return {kind: 'team-server', message: error.message, exitCode: EXIT_CODES.runtime};
	return {kind: 'internal', message: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error), exitCode: EXIT_CODES.runtime};
}

/** What an assistant reads: the message as is, except that an unexpected error says it is one. */
export function mcpErrorText(described: DescribedError): string {
	return described.kind === 'internal' ? `internal error: ${described.message}` : described.message;
}
