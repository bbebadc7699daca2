import {spawn} from 'node:child_process';
import {createInterface} from 'node:readline/promises';

/* The process's streams and terminal as a call sees them: tests pass buffers of their own. */

/** Where a call writes: the process's streams, or a test's buffers. */
export interface Output {
	write: (text: string) => void;
	isTTY?: boolean;
}

export interface Io {
	stdout: Output;
	stderr: Output;
	/** The variables the call sees (process.env, or a test's own). */
	env: NodeJS.ProcessEnv;
	/** Whether the process has terminals (false for a test). */
	terminal: {stdin: boolean; stdout: boolean};
	/** Answers a question on the terminal; only asked when stdin is one. */
	ask?: (question: string) => Promise<string>;
	/** What was piped in (a hook's JSON); read only by `hook`. */
	stdin?: NodeJS.ReadableStream;
	/** Starts this CLI again with these arguments, detached (the hook's background collect). */
	relaunch?: (args: readonly string[]) => void;
}

/** The process as the CLI runs: its streams, its environment. */
export function processIo(): Io {
	return {
		stdout: process.stdout,
		stderr: process.stderr,
		env: process.env,
		terminal: {stdin: Boolean(process.stdin.isTTY), stdout: Boolean(process.stdout.isTTY)},
		stdin: process.stdin,
		relaunch(args) {
			// A session of its own (setsid), no streams: it outlives the hook and whatever ends the hook's process group.
			spawn(process.execPath, [...process.execArgv, process.argv[1]!, ...args], {detached: true, stdio: 'ignore'}).unref();
		},
		async ask(question) {
			const prompt = createInterface({input: process.stdin, output: process.stderr});
			try {
				return await prompt.question(question);
			} finally {
				prompt.close();
			}
		},
	};
}
