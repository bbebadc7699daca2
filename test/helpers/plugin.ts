import {spawn} from 'node:child_process';
import {chmod, readFile} from 'node:fs/promises';
import path from 'node:path';
import {CLI, REPO} from './run-cli.js';
import {writeTree} from './temp.js';

/*
 * The Claude Code plugin (plugins/skillscope) as Claude Code runs it: its manifests read from the
 * repository, its commands started through a shell with CLAUDE_PLUGIN_ROOT set and the hook's JSON
 * on stdin, and a `skillscope` on PATH that is the built CLI, as `npm install -g` leaves one.
 */

export const MARKETPLACE = path.join(REPO, '.claude-plugin', 'marketplace.json');
export const PLUGIN_ROOT = path.join(REPO, 'plugins', 'skillscope');

// biome-ignore lint/suspicious/noExplicitAny: manifests read back, checked field by field by the assertions
export type Json = Record<string, any>;

export async function readJson(file: string): Promise<Json> {
	return JSON.parse(await readFile(file, 'utf8')) as Json;
}

/** How a plugin's files name its folder: Claude Code substitutes it in hook and MCP commands (an installed plugin is a copy in its cache). */
// biome-ignore lint/suspicious/noTemplateCurlyInString: Claude Code's placeholder, written as the manifests write it
export const ROOT_VARIABLE = '${CLAUDE_PLUGIN_ROOT}';

/** Claude Code's substitution in a plugin's hook and MCP commands. */
export function expand(text: string): string {
	return text.replaceAll(ROOT_VARIABLE, PLUGIN_ROOT);
}

/** A bin folder holding `skillscope`, the built CLI, as a global npm install puts it on PATH. */
export async function installedBin(directory: string): Promise<string> {
	const bin = path.join(directory, 'bin');
	await writeTree(bin, {skillscope: `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`});
	await chmod(path.join(bin, 'skillscope'), 0o755);
	return bin;
}

/**
 * PATH with `bin` first, then the system's folders only (`bin` null: no skillscope at all). Not
 * node's folder: a global npm install puts its commands there, and the shim names node by path.
 */
export function pathWith(bin: string | null): string {
	return [bin, '/usr/bin', '/bin'].filter(Boolean).join(':');
}

export interface HookRun {
	code: number | null;
	stdout: string;
	stderr: string;
	/** From the spawn until the command exited and its streams closed, as Claude Code waits for it. */
	ms: number;
}

/** The SessionEnd hook's command from hooks/hooks.json, run through sh as Claude Code runs it: `input` as JSON on stdin. */
export async function runSessionEndHook(input: Json, env: Record<string, string>): Promise<HookRun> {
	const hooks = await readJson(path.join(PLUGIN_ROOT, 'hooks', 'hooks.json'));
	const command = hooks.hooks.SessionEnd[0].hooks[0].command as string;
	const started = performance.now();
	const child = spawn('/bin/sh', ['-c', command], {env: {...env, CLAUDE_PLUGIN_ROOT: PLUGIN_ROOT}, cwd: input.cwd as string, stdio: ['pipe', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', chunk => void (stdout += String(chunk)));
	child.stderr.on('data', chunk => void (stderr += String(chunk)));
	child.stdin.end(JSON.stringify(input));
	const code = await new Promise<number | null>(resolve => child.on('close', resolve));
	return {code, stdout, stderr, ms: performance.now() - started};
}

/** Waits until `ready` gives a value (the background collect is done), polling; fails after `ms`. */
export async function eventually<T>(what: string, ready: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
	const until = Date.now() + ms;
	for (;;) {
		const value = await ready();
		if (value !== undefined) return value;
		if (Date.now() > until) throw new Error(`not within ${ms} ms: ${what}`);
		await new Promise(resolve => setTimeout(resolve, 200));
	}
}

export async function readIfThere(file: string): Promise<string | undefined> {
	return readFile(file, 'utf8').catch(() => undefined);
}

