import {createHash} from 'node:crypto';
import {open, readFile} from 'node:fs/promises';
import type {SourceReadResult} from '../../domain/types.js';
import {detectJsonShape} from './detect.js';
import {firstInvalidUtf8Offset} from './lenient-json.js';
import {parseJsonLenient} from './sources.js';
import {mapTrackerInvocations} from './tracker-json.js';

/**
 * Grown tracker files (formats.md: writers rewrite the whole file, records appended, head kept).
 * A file read whole leaves an anchor: the byte offset just after its last record and a hash of
 * every byte before it. When the file has changed, the same bytes before the anchor mean the
 * same records there (stored already), and only what follows needs parsing: the records appended
 * after a comma, then the file's closing keys, read as `{"invocations":[` + that text.
 *
 * The anchor is found cheaply from the end of the file (the `"skills"` key after the list) and
 * proven only when used: a scan of the bytes before it must find it right after an element of
 * the `invocations` list, that list being the file's first key. Anything else reads the file whole.
 */
export interface TailAnchor {
	/** Bytes before the anchor: the head, up to and with the last record's closing brace. */
	offset: number;
	/** SHA-1 (hex) of those bytes. */
	sha1: string;
}

const SPACE = new Set([0x20, 0x0a, 0x0d, 0x09]);
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const HEAD = Buffer.from('"invocations"');
const SKILLS = Buffer.from('"skills"');
const BOM = [0xef, 0xbb, 0xbf];

function skipSpace(bytes: Uint8Array, at: number): number {
	let index = at;
	while (index < bytes.length && SPACE.has(bytes[index]!)) index++;
	return index;
}

function skipSpaceBack(bytes: Uint8Array, at: number): number {
	let index = at;
	while (index >= 0 && SPACE.has(bytes[index]!)) index--;
	return index;
}

export function sha1Of(bytes: Uint8Array, length: number): string {
	return createHash('sha1').update(bytes.subarray(0, length)).digest('hex');
}

/** Where the list opens when the file starts `{ "invocations": [` (a BOM allowed): just after `[`. */
function listStart(bytes: Uint8Array): number | undefined {
	let index = BOM.every((byte, at) => bytes[at] === byte) ? BOM.length : 0;
	index = skipSpace(bytes, index);
	if (bytes[index] !== 0x7b) return undefined;
	index = skipSpace(bytes, index + 1);
	if (!HEAD.equals(bytes.subarray(index, index + HEAD.length))) return undefined;
	index = skipSpace(bytes, index + HEAD.length);
	if (bytes[index] !== 0x3a) return undefined;
	index = skipSpace(bytes, index + 1);
	return bytes[index] === 0x5b ? index + 1 : undefined;
}

/** In the last bytes of a file: just after the `}` that precedes `],` and the last `"skills"` key. */
function candidateIn(end: Buffer): number | undefined {
	const skills = end.lastIndexOf(SKILLS);
	if (skills < 0) return undefined;
	let index = skipSpaceBack(end, skills - 1);
	if (end[index] !== 0x2c) return undefined;
	index = skipSpaceBack(end, index - 1);
	if (end[index] !== 0x5d) return undefined;
	index = skipSpaceBack(end, index - 1);
	return end[index] === 0x7d ? index + 1 : undefined;
}

/** The anchor of a file held whole in memory. */
export function findAnchor(bytes: Buffer): TailAnchor | undefined {
	if (listStart(bytes) === undefined) return undefined;
	const offset = candidateIn(bytes);
	return offset === undefined ? undefined : {offset, sha1: sha1Of(bytes, offset)};
}

/** Where the closing keys are looked for, from the end: the writers' `skills` take ~400 bytes a skill. */
const END_BYTES = 1024 * 1024;
const CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * The anchor of a file on disk, read in slices (memory stays a few MB whatever its size), or
 * undefined when it has none or is no longer `expected` (its size and time as found).
 */
export async function anchorOfFile(file: string, expected: {size: number; mtimeMs: number}): Promise<TailAnchor | undefined> {
	const handle = await open(file, 'r');
	try {
		const {size} = await handle.stat();
		if (size !== expected.size) return undefined;
		const head = Buffer.alloc(Math.min(size, 4096));
		await handle.read(head, 0, head.length, 0);
		if (listStart(head) === undefined) return undefined;
		const endLength = Math.min(size, END_BYTES);
		const end = Buffer.alloc(endLength);
		await handle.read(end, 0, endLength, size - endLength);
		const candidate = candidateIn(end);
		if (candidate === undefined) return undefined;
		const offset = size - endLength + candidate;
		const hash = createHash('sha1');
		const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, offset));
		for (let position = 0; position < offset;) {
			const {bytesRead} = await handle.read(chunk, 0, Math.min(chunk.length, offset - position), position);
			if (bytesRead === 0) return undefined;
			hash.update(chunk.subarray(0, bytesRead));
			position += bytesRead;
		}

		// Rewritten meanwhile: the anchor might not be that of the rows stored.
		const after = await handle.stat();
		if (after.size !== expected.size || after.mtimeMs !== expected.mtimeMs) return undefined;
		return {offset, sha1: hash.digest('hex')};
	} finally {
		await handle.close();
	}
}

/**
 * Whether `offset` is just after an element (an object) of the first key's list, which is still
 * open there: a scan of strings and brackets from the list's start.
 */
export function isRecordBoundary(bytes: Uint8Array, offset: number): boolean {
	const start = listStart(bytes);
	if (start === undefined || offset <= start || offset > bytes.length || bytes[offset - 1] !== 0x7d) return false;
	let depth = 0;
	for (let index = start; index < offset; index++) {
		const byte = bytes[index]!;
		if (byte === QUOTE) {
			for (index++; index < offset && bytes[index] !== QUOTE; index++) if (bytes[index] === BACKSLASH) index++;
			if (index >= offset) return false;
		} else if (byte === 0x7b || byte === 0x5b) {
			depth++;
		} else if (byte === 0x7d || byte === 0x5d) {
			depth--;
			// The list itself closed: the offset lies beyond it.
			if (depth < 0) return false;
		}
	}

	return depth === 0;
}

/**
 * The text after the anchor as a document of its own, `{"invocations":[` + the appended records
 * and the closing keys, or undefined when what follows is not more records or the end of the list.
 */
export function tailDocument(bytes: Buffer, offset: number): string | undefined {
	let index = skipSpace(bytes, offset);
	if (bytes[index] === 0x2c) {
		index = skipSpace(bytes, index + 1);
		// `[…, ]` is not JSON; the whole file's read says so.
		if (bytes[index] === 0x5d) return undefined;
	} else if (bytes[index] !== 0x5d) {
		return undefined;
	}

	return `{"invocations":[${bytes.toString('utf8', index)}`;
}

/** A grown file read from its anchor: the records after it, and the file's new anchor. */
export interface TailRead extends SourceReadResult {
	anchor: TailAnchor | undefined;
}

/**
 * The records appended to `file` after `anchor`, which a read of `previous` records (no problems)
 * left; undefined when the head is not what it was, or anything is unusual: the caller then reads
 * the file whole, which reports what is wrong exactly as always.
 */
export async function readTail(
	file: string,
	sourceFile: string,
	expected: {size: number; anchor: TailAnchor; previous: number},
	naiveZone: string,
): Promise<TailRead | undefined> {
	const bytes = await readFile(file);
	const {offset, sha1} = expected.anchor;
	if (bytes.length !== expected.size || bytes.length < offset || sha1Of(bytes, offset) !== sha1 || !isRecordBoundary(bytes, offset)) return undefined;
	if (firstInvalidUtf8Offset(bytes.subarray(offset)) >= 0) return undefined;
	const text = tailDocument(bytes, offset);
	if (text === undefined) return undefined;
	let parsed: ReturnType<typeof parseJsonLenient>;
	try {
		parsed = parseJsonLenient(text, file);
	} catch {
		return undefined;
	}

	// A or B, as the head's records were (C and the design format have no `skills` after the list).
	const shape = detectJsonShape(parsed.document);
	if (shape.kind !== 'tracker' || shape.variant === 'C') return undefined;
	const result = mapTrackerInvocations(shape.invocations, shape.variant, naiveZone, file, sourceFile, index => `invocations[${expected.previous + index}]`);
	const problems = parsed.nonStandardNumbers > 0
		? [{file, message: `${file}: ${parsed.nonStandardNumbers} bare NaN/Infinity value${parsed.nonStandardNumbers === 1 ? '' : 's'} (not JSON) read as null`}, ...result.problems]
		: result.problems;
	return {records: result.records, problems, anchor: problems.length === 0 ? findAnchor(bytes) : undefined};
}
