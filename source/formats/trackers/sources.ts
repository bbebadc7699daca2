import {lstat, readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import type {SourceProblem, SourceReadResult} from '../../domain/types.js';
import {DEFAULT_READ_LIMITS, type ReadLimits} from '../limits.js';
import {mapDesignSkills} from './design-json.js';
import {detectJsonShape} from './detect.js';
import {firstInvalidUtf8Offset, replaceNonStandardNumbers} from './lenient-json.js';
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
	return parseJsonLenient(text, file).document;
}

/**
 * Parses a metrics file. Python writes float('nan') and float('inf') as bare NaN / Infinity /
 * -Infinity, which JSON.parse refuses: those tokens are read as null, and counted so that the
 * caller can report them.
 */
export function parseJsonLenient(text: string, file: string): {document: unknown; nonStandardNumbers: number} {
	// Windows editors and some writers prepend a byte-order mark; JSON.parse rejects it.
	const body = text.charCodeAt(0) === 0xfe_ff ? text.slice(1) : text;
	if (body.trim() === '') throw new SourceError(`${file}: the file is empty`);
	try {
		return {document: JSON.parse(body) as unknown, nonStandardNumbers: 0};
	} catch (error) {
		const lenient = replaceNonStandardNumbers(body);
		if (lenient.replaced > 0) {
			try {
				return {document: JSON.parse(lenient.text) as unknown, nonStandardNumbers: lenient.replaced};
			} catch {
				// Broken beyond those tokens: report the original error.
			}
		}

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

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

async function readOpenable(file: string, limit: number, read = true): Promise<Buffer> {
	try {
		const info = await stat(file);
		if (info.isDirectory()) throw new SourceError(`${file}: is a directory, expected a file`);
		if (!info.isFile()) throw new SourceError(`${file}: is not a regular file`);
		if (info.size > limit) {
			throw new SourceError(`${file}: too large to read (${megabytes(info.size)}; the limit is ${megabytes(limit)}); nothing in it was collected`);
		}

		return read ? await readFile(file) : Buffer.alloc(0);
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
export async function readSource(source: FoundSource, naiveZone: string, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<SourceReadResult> {
	const file = source.absolutePath;
	if (source.kind === 'sqlite') {
		await readOpenable(file, limits.maxSourceBytes, false);
		let rows: Record<string, unknown>[];
		try {
			rows = await readSessionBuddySqlite(file);
		} catch (error) {
			throw new SourceError((error as Error).message.includes(file) ? (error as Error).message : `${file}: ${(error as Error).message}`);
		}

		return mapTrackerInvocations(rows, 'sqlite', naiveZone, file, source.relativePath, index => `row ${index + 1}`);
	}

	const bytes = await readOpenable(file, limits.maxSourceBytes);
	// Bytes that are not UTF-8 are read as U+FFFD and the file is still collected (its records
	// are told apart by JSON structure, which is ASCII), but the file is reported.
	const text = new TextDecoder('utf-8', {fatal: false}).decode(bytes);
	const fileProblems: SourceProblem[] = [];
	const badByte = firstInvalidUtf8Offset(bytes);
	if (badByte >= 0) {
		fileProblems.push({file, message: `${file}: not valid UTF-8 (first bad byte at offset ${badByte}); invalid bytes were read as U+FFFD`});
	}

	const {document, nonStandardNumbers} = parseJsonLenient(text, file);
	if (nonStandardNumbers > 0) {
		fileProblems.push({file, message: `${file}: ${nonStandardNumbers} bare NaN/Infinity value${nonStandardNumbers === 1 ? '' : 's'} (not JSON) read as null`});
	}

	const shape = detectJsonShape(document);
	let result: SourceReadResult;
	switch (shape.kind) {
		case 'tracker': {
			result = mapTrackerInvocations(shape.invocations, shape.variant, naiveZone, file, source.relativePath);
			break;
		}

		case 'design': {
			result = mapDesignSkills(shape.skills, naiveZone, file, source.relativePath);
			break;
		}

		case 'unknown': {
			throw new SourceError(`${file}: not a skill metrics file: ${shape.reason}`);
		}
	}

	return fileProblems.length === 0 ? result : {records: result.records, problems: [...fileProblems, ...result.problems]};
}
