import {execFile} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = path.join(REPO, 'dist', 'cli.js');
export const SAMPLES = path.join(REPO, 'fixtures', 'samples');

export interface CliResult {
	code: number;
	stdout: string;
	stderr: string;
}

/**
 * The built CLI as a user runs it: its own process, no terminal, our environment on top. For
 * what only a process shows (exit, signals, locks held by another process, variables read deep down).
 */
export async function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
	return new Promise(resolve => {
		execFile(
			process.execPath,
			[CLI, ...args],
			{env: {...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env}, maxBuffer: 64 * 1024 * 1024},
			(error, stdout, stderr) => {
				const code = error && typeof error.code === 'number' ? error.code : error ? 1 : 0;
				resolve({code, stdout, stderr});
			},
		);
	});
}

/**
 * The same command line in this process (source/main.ts: what cli.tsx runs), with `env` as its
 * whole environment and no terminal: what the command prints and its exit code, without the
 * cost of a process (`tty`: on terminals).
 */
export async function runInProcess(args: readonly string[], env: NodeJS.ProcessEnv = {}, options: {tty?: boolean} = {}): Promise<CliResult> {
	// Loaded on first use: a test file that only spawns does not pay for the commands.
	const {main} = await import('../../source/main.js');
	let stdout = '';
	let stderr = '';
	// `tty`: stdout and stderr are terminals, as a person runs it (colour on unless told otherwise).
	const tty = options.tty ?? false;
	const code = await main(args, {
		stdout: {write: text => void (stdout += text), isTTY: tty},
		stderr: {write: text => void (stderr += text), isTTY: tty},
		env: {TZ: process.env.TZ, ...env},
		terminal: {stdin: false, stdout: tty},
	});
	return {code, stdout, stderr};
}

export async function withTempDir<T>(work: (directory: string) => Promise<T>): Promise<T> {
	const directory = await mkdtemp(path.join(os.tmpdir(), 'skillscope-cli-'));
	try {
		return await work(directory);
	} finally {
		await rm(directory, {recursive: true, force: true});
	}
}
