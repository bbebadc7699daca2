import {lstat, readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import type {SourceReadResult} from '../domain/types.js';
import {mapDesignSkills} from './design-json.js';
import {detectJsonShape} from './detect.js';
import {readSessionBuddySqlite} from './session-buddy-sqlite.js';
import {mapTrackerInvocations} from './tracker-json.js';

export type SourceKind = 'json' | 'sqlite';

export interface SourceSpec {
	/** Relative to the project directory, as formats.md lists it. */
	relativePath: string;
	kind: SourceKind;
}

/** Where a project keeps its metrics, in the order formats.md gives. */
export const SOURCE_SPECS: readonly SourceSpec[] = [
	{relativePath: '.session-buddy/skill_metrics.json', kind: 'json'},
	{relativePath: '.crackerjack/skill_metrics.json', kind: 'json'},
	{relativePath: '.session-buddy/skills.db', kind: 'sqlite'},
];

export interface FoundSource extends SourceSpec {
	absolutePath: string;
	size: number;
	mtimeMs: number;
}

export class SourceError extends Error {}

/**
 * The sources present in a project. A path that exists but is not a regular file is returned too
 * (with size -1) so that reading it reports what is wrong instead of silently skipping it.
 */
export async function findSources(projectPath: string): Promise<FoundSource[]> {
	const found: FoundSource[] = [];
	for (const spec of SOURCE_SPECS) {
		const absolutePath = path.join(projectPath, spec.relativePath);
		try {
			const info = await stat(absolutePath);
			found.push({...spec, absolutePath, size: info.isFile() ? info.size : -1, mtimeMs: info.mtimeMs});
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			// A dangling link is there, but broken: reading it says so instead of "no metrics found".
			if (code === 'ENOENT' && !(await lstat(absolutePath).then(() => true, () => false))) continue;
			found.push({...spec, absolutePath, size: -1, mtimeMs: 0});
		}
	}

	return found;
}

function lineAndColumn(text: string, position: number): string {
	const before = text.slice(0, position);
	const line = before.split('\n').length;
	const column = position - before.lastIndexOf('\n');
	return `line ${line}, column ${column}`;
}

export function parseJsonText(text: string, file: string): unknown {
	// Windows editors and some writers prepend a byte-order mark; JSON.parse rejects it.
	const body = text.charCodeAt(0) === 0xfe_ff ? text.slice(1) : text;
	if (body.trim() === '') throw new SourceError(`${file}: the file is empty`);
	try {
		return JSON.parse(body) as unknown;
	} catch (error) {
		const message = (error as Error).message;
		const position = /position (\d+)/.exec(message);
		const where = position ? ` at ${lineAndColumn(body, Number(position[1]))}` : '';
		// A cut can fall anywhere (inside a key, after a comma, ...): V8 then blames the last
		// position, and only some of its messages mention the end of the input.
		const atEnd = position !== null && Number(position[1]) >= body.trimEnd().length;
		const truncated = atEnd || /end of JSON input|Unterminated/.test(message) ? ' (the file looks truncated)' : '';
		throw new SourceError(`${file}: invalid JSON${where}${truncated}: ${message.split('\n')[0]}`);
	}
}

async function readOpenable(file: string): Promise<Buffer> {
	try {
		const info = await stat(file);
		if (info.isDirectory()) throw new SourceError(`${file}: is a directory, expected a file`);
		if (!info.isFile()) throw new SourceError(`${file}: is not a regular file`);
		return await readFile(file);
	} catch (error) {
		if (error instanceof SourceError) throw error;
		const code = (error as NodeJS.ErrnoException).code;
		const reason =
			code === 'ENOENT' ? 'does not exist (a dangling link?)'
			: code === 'ELOOP' ? 'is a symbolic link loop'
			: code === 'EACCES' || code === 'EPERM' ? 'cannot be read: permission denied'
			: `cannot be read: ${(error as Error).message}`;
		throw new SourceError(`${file}: ${reason}`);
	}
}

/** Reads one source into validated records; throws SourceError when nothing in it can be used. */
export async function readSource(source: FoundSource, naiveZone: string): Promise<SourceReadResult> {
	const file = source.absolutePath;
	if (source.kind === 'sqlite') {
		await readOpenable(file);
		let rows: Record<string, unknown>[];
		try {
			rows = await readSessionBuddySqlite(file);
		} catch (error) {
			throw new SourceError((error as Error).message.includes(file) ? (error as Error).message : `${file}: ${(error as Error).message}`);
		}

		return mapTrackerInvocations(rows, 'sqlite', naiveZone, file, source.relativePath, index => `row ${index + 1}`);
	}

	const bytes = await readOpenable(file);
	const text = new TextDecoder('utf-8', {fatal: false}).decode(bytes);
	const shape = detectJsonShape(parseJsonText(text, file));
	switch (shape.kind) {
		case 'tracker': {
			return mapTrackerInvocations(shape.invocations, shape.variant, naiveZone, file, source.relativePath);
		}

		case 'design': {
			return mapDesignSkills(shape.skills, naiveZone, file, source.relativePath);
		}

		case 'unknown': {
			throw new SourceError(`${file}: not a skill metrics file: ${shape.reason}`);
		}
	}
}
