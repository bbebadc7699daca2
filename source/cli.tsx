#!/usr/bin/env node
import './runtime-env.js';
import {spawn} from 'node:child_process';
import process from 'node:process';
import {createInterface} from 'node:readline/promises';
import {EXIT_CODES} from './errors.js';
import {type Io, main} from './main.js';

/** The process as the CLI runs: its streams, its environment. */
function processIo(): Io {
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

const code = await main(process.argv.slice(2), processIo());
// A call that did its work lets its output drain; a failed one ends now, whatever is still pending.
if (code === EXIT_CODES.ok || code === EXIT_CODES.partialSources) process.exitCode = code;
else process.exit(code);
