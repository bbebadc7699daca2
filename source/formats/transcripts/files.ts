import {createHash} from 'node:crypto';
import {closeSync, openSync, readdirSync, readSync, statSync} from 'node:fs';
import path from 'node:path';

/**
 * Where Claude Code keeps its transcripts, and which files there are sessions (transcripts.md,
 * "Where the files are"). Read-only: nothing here opens a file for writing or creates one.
 */

/**
 * `--claude-dir`, else the config file's `claude_dir`, else `$CLAUDE_CONFIG_DIR`, else `~/.claude`
 * (`home`, else HOME of `env`: the edge passes both, read once).
 */
export function claudeRoot(options: {flag?: string; config?: string; env: NodeJS.ProcessEnv; home?: string}): string {
	const {env} = options;
	const chosen = options.flag ?? options.config ?? (env.CLAUDE_CONFIG_DIR ? env.CLAUDE_CONFIG_DIR : undefined);
	const home = options.home ?? env.HOME;
	if (chosen === undefined && !home) throw new Error('no home folder to find ~/.claude in: set HOME, CLAUDE_CONFIG_DIR or --claude-dir');
	return path.resolve(chosen ?? path.join(home!, '.claude'));
}

export interface TranscriptFile {
	/** Absolute path. */
	path: string;
	/** Relative to the root, with `/`: what rows and state name the file by. */
	relative: string;
	/** The folder under `projects/`: the lossy encoding of the launch directory. */
	folder: string;
	subagent: boolean;
	size: number;
	mtimeMs: number;
	/** Why it cannot be read, when it cannot (a directory named `.jsonl`, a link loop, ...). */
	problem?: string;
}

/** Claude Code's folder name for a directory: every character not an ASCII letter or digit becomes `-`. */
export function encodeLaunchDir(directory: string): string {
	return directory.replaceAll(/[^a-zA-Z\d]/g, '-');
}

const skipped = (name: string) => name === 'journal.jsonl' || name.startsWith('agent-acompact-');

function problemOf(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'ELOOP') return 'is a symbolic link loop';
	if (code === 'EACCES' || code === 'EPERM') return 'cannot be read: permission denied';
	if (code === 'ENOENT') return 'does not exist (a dangling link?)';
	return `cannot be read: ${(error as Error).message}`;
}

function fileEntry(absolute: string, relative: string, folder: string, subagent: boolean): TranscriptFile {
	const base = {path: absolute, relative, folder, subagent};
	try {
		const info = statSync(absolute);
		if (info.isDirectory()) return {...base, size: -1, mtimeMs: 0, problem: 'is a directory, expected a transcript file'};
		if (!info.isFile()) return {...base, size: -1, mtimeMs: 0, problem: 'is not a regular file'};
		return {...base, size: info.size, mtimeMs: info.mtimeMs};
	} catch (error) {
		return {...base, size: -1, mtimeMs: 0, problem: problemOf(error)};
	}
}

/**
 * Synchronous: a tree of thousands of files costs a stat each, and the thread pool's round trips
 * cost more. A folder that is not there (or not a folder) holds nothing; one that cannot be read
 * is said, so that its sessions are not silently missing (issue 22, D6).
 */
function names(directory: string, unreadable: (problem: string) => void): string[] {
	try {
		return readdirSync(directory).sort();
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code !== 'ENOENT' && code !== 'ENOTDIR') unreadable(problemOf(error));
		return [];
	}
}

/** Every session and subagent transcript under `<root>/projects`, in a stable order; unreadable folders as problems. */
export async function listTranscriptFiles(root: string, folders?: (folder: string) => boolean): Promise<TranscriptFile[]> {
	const projects = path.join(root, 'projects');
	const found: TranscriptFile[] = [];
	const folderProblem = (absolute: string, relative: string, folder: string) => (problem: string) =>
		found.push({path: absolute, relative, folder, subagent: false, size: -1, mtimeMs: 0, problem});
	for (const folder of names(projects, folderProblem(projects, 'projects', ''))) {
		if (folders && !folders(folder)) continue;
		const directory = path.join(projects, folder);
		for (const name of names(directory, folderProblem(directory, `projects/${folder}`, folder))) {
			const absolute = path.join(directory, name);
			// Relative paths joined by hand: path.relative per file cost more than its stat.
			if (name.endsWith('.jsonl')) {
				// Builds before 2.1.2 put subagents beside the sessions.
				if (!skipped(name)) found.push(fileEntry(absolute, `projects/${folder}/${name}`, folder, name.startsWith('agent-')));
				continue;
			}

			const subagents = path.join(absolute, 'subagents');
			for (const agent of names(subagents, folderProblem(subagents, `projects/${folder}/${name}/subagents`, folder))) {
				if (agent.endsWith('.jsonl') && !skipped(agent)) found.push(fileEntry(path.join(subagents, agent), `projects/${folder}/${name}/subagents/${agent}`, folder, true));
			}
		}
	}

	return found;
}

/** Bytes hashed to tell a grown file (same head) from a rewritten one. */
export const HEAD_BYTES = 4096;

export function headHash(file: string, bytes: number): string {
	const descriptor = openSync(file, 'r');
	try {
		const buffer = Buffer.alloc(bytes);
		const bytesRead = readSync(descriptor, buffer, 0, bytes, 0);
		return createHash('sha256').update(buffer.subarray(0, bytesRead)).digest('hex');
	} finally {
		closeSync(descriptor);
	}
}

/** Whether `directory` is `base` or inside it. */
export function isInside(directory: string, base: string): boolean {
	if (directory === base) return true;
	const prefix = base.endsWith('/') || base.endsWith('\\') ? base : `${base}${base.includes('\\') && !base.includes('/') ? '\\' : '/'}`;
	return directory.startsWith(prefix);
}

/** The project whose path is the longest prefix of the launch directory (transcripts.md). */
export function projectOfLaunch<T extends {project_path: string}>(cwd: string, projects: readonly T[]): T | undefined {
	let best: T | undefined;
	for (const project of projects) {
		if (isInside(cwd, project.project_path) && (!best || project.project_path.length > best.project_path.length)) best = project;
	}

	return best;
}
