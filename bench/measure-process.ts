import {spawn} from 'node:child_process';
import {access, mkdtemp, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * A whole process as a user runs it: wall time from spawn to exit, and its peak RSS from GNU time
 * (`wait4`'s `ru_maxrss`: the largest of the process and the children it waited for, so a
 * launcher that spawns a native binary reports the bigger of the two, never their sum).
 */
export interface ProcessRun {
	ms: number;
	/** User + system CPU, ms: above `ms` when the process used both cores. */
	cpuMs: number;
	maxRssMb: number;
	exitCode: number;
	stdout: string;
	stderr: string;
}

const TIME = '/usr/bin/time';

export async function ensureGnuTime(): Promise<void> {
	await access(TIME).catch(() => {
		throw new Error(`${TIME} not found: the transcript bench measures peak RSS with GNU time (apt-get install time)`);
	});
}

export async function measureProcess(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<ProcessRun> {
	const directory = await mkdtemp(path.join(os.tmpdir(), 'skillscope-bench-time-'));
	const report = path.join(directory, 'time.txt');
	try {
		const started = performance.now();
		const {exitCode, stdout, stderr} = await new Promise<{exitCode: number; stdout: string; stderr: string}>((resolve, reject) => {
			const child = spawn(TIME, ['-o', report, '-f', '%M %U %S %x', command, ...args], {env, stdio: ['ignore', 'pipe', 'pipe']});
			const out: Buffer[] = [];
			const err: Buffer[] = [];
			child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
			child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
			child.on('error', reject);
			child.on('close', code => resolve({exitCode: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8')}));
		});
		const ms = performance.now() - started;
		// GNU time writes "Command exited with non-zero status N" first when it did: the figures are the last line.
		const last = (await readFile(report, 'utf8')).trim().split('\n').at(-1) ?? '';
		const [rssKb, user, system] = last.split(' ').map(Number);
		if (rssKb === undefined || !Number.isFinite(rssKb)) throw new Error(`${TIME} wrote no figures for ${command} (exit ${exitCode}): ${stderr.slice(-500)}`);
		return {ms, cpuMs: ((user ?? 0) + (system ?? 0)) * 1000, maxRssMb: Math.round(rssKb / 1024), exitCode, stdout, stderr};
	} finally {
		await rm(directory, {recursive: true, force: true});
	}
}
