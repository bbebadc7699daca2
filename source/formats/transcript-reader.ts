import {isUtf8} from 'node:buffer';
import {createHash} from 'node:crypto';
import {closeSync, fstatSync, openSync, readSync} from 'node:fs';
import {HEAD_BYTES} from './transcript-files.js';
import {TranscriptParser, type TranscriptInvocation} from './transcript-parser.js';
import {isObject} from './transcript-lines.js';

/**
 * Streams one transcript from a byte offset, line by line, without ever holding the file (or more
 * than one line) in memory: files can be larger than V8's longest string. Lines that cannot hold
 * an invocation, while nothing is open, are not parsed at all (transcripts.md, "Reading them fast").
 */

const CHUNK_BYTES = 1024 * 1024;

/** Bytes without which a line can start no invocation. */
const MARKERS = ['"Skill"', '"SlashCommand"', '<command-name>', '<command-message>'].map(marker => Buffer.from(marker));
const TIMESTAMP = Buffer.from('"timestamp"');
/** How far back from the end of a read the last timestamped line is looked for. */
const TAIL_BYTES = 4 * 1024 * 1024;

/**
 * The top-level timestamp of the last line in [from, end) that has one, read backwards from the
 * end: looking at every line for it cost an extra search per line.
 */
function lastTimestampIn(descriptor: number, from: number, end: number): number | null {
	const start = Math.max(from, end - TAIL_BYTES);
	if (end <= start) return null;
	const tail = Buffer.allocUnsafe(end - start);
	const bytesRead = readSync(descriptor, tail, 0, tail.length, start);
	let lineEnd = bytesRead;
	while (lineEnd > 0) {
		const newline = tail.lastIndexOf(0x0a, lineEnd - 2);
		// The first piece of a window that starts mid-line is no line.
		if (newline === -1 && start > from) break;
		const line = tail.subarray(newline + 1, lineEnd);
		lineEnd = newline + 1;
		if (!line.includes(TIMESTAMP)) {
			if (newline === -1) break;
			continue;
		}

		try {
			const value = JSON.parse(line.toString('utf8')) as unknown;
			const ms = isObject(value) && typeof value.timestamp === 'string' ? Date.parse(value.timestamp) : Number.NaN;
			if (Number.isFinite(ms)) return ms;
		} catch {
			// A broken line: the one before may do.
		}

		if (newline === -1) break;
	}

	return null;
}
const TYPE_KEY = Buffer.from('"type":"');
const TOOL_USE_ID = Buffer.from('"tool_use_id"');
/**
 * Top-level types that never start, extend or answer an invocation. Their envelope comes before
 * anything nested, so the first `"type":"` of such a line is its own (assistant and user lines
 * put `message` first, whose type is never one of these). Progress lines are half the lines of
 * a real session, and they copy subagent messages: skipping them unparsed is both faster and right.
 */
const INERT_TYPES = ['progress', 'file-history-snapshot', 'queue-operation'].map(type => Buffer.from(`${type}"`));

function isInert(bytes: Buffer): boolean {
	const at = bytes.indexOf(TYPE_KEY);
	if (at === -1) return false;
	const start = at + TYPE_KEY.length;
	return INERT_TYPES.some(type => start + type.length <= bytes.length && bytes.compare(type, 0, type.length, start, start + type.length) === 0);
}
const CWD = Buffer.from('"cwd"');

export const hasMarker = (bytes: Buffer) => MARKERS.some(marker => bytes.includes(marker));

/**
 * A line longer than this is reported and skipped: JSON.parse needs it as one string, and V8's
 * strings stop at about 512 MB. SKILLSCOPE_MAX_LINE_BYTES lowers it (tests) or raises it.
 */
export function maxLineBytes(env: NodeJS.ProcessEnv = process.env): number {
	const configured = Number(env.SKILLSCOPE_MAX_LINE_BYTES);
	return Number.isFinite(configured) && configured > 0 ? configured : 256 * 1024 * 1024;
}

export interface TranscriptReadOptions {
	/** Where to start: 0, or a line start recorded by an earlier read. */
	fromOffset: number;
	/** Lines before `fromOffset`, for `file:line` messages. */
	fromLine: number;
	subagent: boolean;
}

export interface TranscriptRead {
	invocations: TranscriptInvocation[];
	/** `file:line: what is wrong`, in line order. */
	problems: string[];
	/** Just after the last complete line (a torn last line is left for the next read). */
	endOffset: number;
	endLine: number;
	/** Where the next read must start to settle what is still open (≤ endOffset). */
	resumeOffset: number;
	resumeLine: number;
	/** The top-level timestamp of the last timestamped line read, if any. */
	lastTimestampMs: number | null;
	/** The launch directory: the `cwd` of the first line that has one (only when read from 0). */
	cwd: string | null;
	sessionId: string | null;
	/** Whether any line read holds an invocation marker. */
	markers: boolean;
	/** Read from the start: a hash of the first bytes, to tell growth from a rewrite next time. */
	head?: {bytes: number; hash: string};
}

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(0)} MB`;

class LineSink {
	readonly parser: TranscriptParser;
	readonly problems: string[] = [];
	cwd: string | null = null;
	sessionId: string | null = null;
	markers = false;
	private badUtf8 = false;

	constructor(private readonly file: string, subagent: boolean, private readonly wantCwd: boolean) {
		this.parser = new TranscriptParser(subagent);
	}

	/** True while nothing could use a line of a chunk known to hold no marker: it is skipped unlooked-at. */
	get skipsClean(): boolean {
		return this.parser.idle && !this.parser.awaitingResults && !(this.wantCwd && this.cwd === null);
	}

	/** `marks` says what the chunk's scan found in the line; undefined: look at the line itself. */
	line(bytes: Buffer, offset: number, lineNumber: number, marks?: {marker: boolean; result: boolean}): void {
		const marked = marks ? marks.marker : hasMarker(bytes);
		if (marked) this.markers = true;
		const wantCwd = this.wantCwd && this.cwd === null && bytes.includes(CWD);
		const answers = this.parser.awaitingResults && (marks ? marks.result : bytes.includes(TOOL_USE_ID));
		if ((!marked && !wantCwd && !answers && this.parser.idle) || (!wantCwd && isInert(bytes))) {
			if (!looksWhole(bytes)) this.problems.push(`${this.file}:${lineNumber}: not a whole JSON line; skipped`);
			return;
		}

		const parsed = this.parse(bytes, lineNumber);
		if (parsed === undefined) return;
		if (wantCwd && typeof parsed.cwd === 'string') {
			this.cwd = parsed.cwd;
			if (typeof parsed.sessionId === 'string') this.sessionId = parsed.sessionId;
		}

		this.parser.feed(parsed, offset, lineNumber);
	}

	tooLong(lineNumber: number, bytes: number): void {
		this.problems.push(`${this.file}:${lineNumber}: a line of more than ${mb(bytes)} (SKILLSCOPE_MAX_LINE_BYTES); skipped`);
	}

	parse(bytes: Buffer, lineNumber: number): Record<string, unknown> | undefined {
		if (!this.badUtf8 && !isUtf8(bytes)) {
			this.badUtf8 = true;
			this.problems.push(`${this.file}:${lineNumber}: not valid UTF-8; invalid bytes were read as U+FFFD`);
		}

		const text = bytes.toString('utf8').trim();
		if (text === '') return undefined;
		try {
			const value = JSON.parse(text) as unknown;
			if (isObject(value)) return value;
			this.problems.push(`${this.file}:${lineNumber}: not a JSON object; skipped`);
		} catch (error) {
			this.problems.push(`${this.file}:${lineNumber}: invalid JSON (${(error as Error).message.split('\n')[0]}); skipped`);
		}

		return undefined;
	}

}

/** The sorted start positions of some needles in a chunk, asked in increasing order of lines. */
class Positions {
	private readonly at: number[] = [];
	private next = 0;

	constructor(data: Buffer, needles: readonly Buffer[]) {
		for (const needle of needles) {
			for (let found = data.indexOf(needle); found !== -1; found = data.indexOf(needle, found + needle.length)) this.at.push(found);
		}

		if (needles.length > 1) this.at.sort((a, b) => a - b);
	}

	/** Whether a needle starts in [from, to); lines must be asked in order. */
	within(from: number, to: number): boolean {
		while (this.next < this.at.length && this.at[this.next]! < from) this.next += 1;
		return this.next < this.at.length && this.at[this.next]! < to;
	}
}

/** A cheap check for lines not parsed: a line torn in the middle of a file rarely ends in `}`. */
function looksWhole(bytes: Buffer): boolean {
	let start = 0;
	let end = bytes.length - 1;
	while (start <= end && (bytes[start] === 0x20 || bytes[start] === 0x09)) start++;
	while (end >= start && (bytes[end] === 0x20 || bytes[end] === 0x09 || bytes[end] === 0x0d)) end--;
	return start > end || (bytes[start] === 0x7b && bytes[end] === 0x7d);
}

/**
 * Reads with synchronous calls, yielding to the event loop between chunks once it has held it
 * for a while: a collect does tens of thousands of small reads, and each asynchronous one is a
 * trip through libuv's thread pool that cost more than the read (2,700 files: 5 s of 6.6 s).
 */
const YIELD_AFTER_MS = 20;

export async function readTranscript(file: string, options: TranscriptReadOptions): Promise<TranscriptRead> {
	const descriptor = openSync(file, 'r');
	try {
		return await readLines(descriptor, file, options);
	} finally {
		closeSync(descriptor);
	}
}

async function readLines(descriptor: number, file: string, options: TranscriptReadOptions): Promise<TranscriptRead> {
	const sink = new LineSink(file, options.subagent, options.fromOffset === 0);
	const limit = maxLineBytes();
	let position = options.fromOffset;
	let lineStart = options.fromOffset;
	let lineNumber = options.fromLine;
	let pieces: Buffer[] = [];
	let pending = 0;
	let skipping = false;
	let head: Buffer | undefined;
	let heldSince = performance.now();
	// One buffer per read, reused: lines are handled before the next chunk overwrites it, and
	// what spans chunks is copied out. A fresh megabyte per chunk made most of the time GC.
	const {size} = fstatSync(descriptor);
	const chunk = Buffer.allocUnsafe(Math.max(1, Math.min(CHUNK_BYTES, size - options.fromOffset + 1)));
	for (;;) {
		if (performance.now() - heldSince > YIELD_AFTER_MS) {
			await new Promise(resolve => setImmediate(resolve));
			heldSince = performance.now();
		}

		const bytesRead = readSync(descriptor, chunk, 0, chunk.length, position);
		if (bytesRead === 0) break;
		const data = chunk.subarray(0, bytesRead);
		if (options.fromOffset === 0 && position === 0) head = Buffer.from(data.subarray(0, HEAD_BYTES));
		// Where the chunk's markers are, found by one native scan each: asking every line cost more
		// than parsing. Most chunks of most files hold none, and their lines are not looked at.
		const markers = new Positions(data, MARKERS);
		const results = new Positions(data, [TOOL_USE_ID]);
		let from = 0;
		for (;;) {
			const newline = data.indexOf(0x0a, from);
			if (newline === -1) break;
			lineNumber += 1;
			if (skipping) {
				sink.tooLong(lineNumber, limit);
			} else if (pending + newline - from > limit) {
				sink.tooLong(lineNumber, limit);
			} else if (pieces.length === 0) {
				const marks = {marker: markers.within(from, newline), result: results.within(from, newline)};
				// Not one of its bytes can start, extend or answer an invocation.
				if (marks.marker || marks.result || !sink.skipsClean) sink.line(data.subarray(from, newline), lineStart, lineNumber, marks);
			} else {
				sink.line(Buffer.concat([...pieces, data.subarray(from, newline)]), lineStart, lineNumber);
			}

			pieces = [];
			pending = 0;
			skipping = false;
			lineStart = position + newline + 1;
			from = newline + 1;
		}

		if (from < bytesRead && !skipping) {
			pending += bytesRead - from;
			// Past the limit the line's bytes are dropped as they come: memory stays bounded.
			if (pending > limit) {
				skipping = true;
				pieces = [];
			} else {
				pieces.push(Buffer.from(data.subarray(from)));
			}
		}

		position += bytesRead;
	}

	const {invocations, resumeOffset, resumeLine} = sink.parser.finish(lineStart, lineNumber);
	const headBytes = Math.min(HEAD_BYTES, lineStart);
	return {
		invocations,
		problems: sink.problems,
		endOffset: lineStart,
		endLine: lineNumber,
		resumeOffset,
		resumeLine,
		lastTimestampMs: lastTimestampIn(descriptor, options.fromOffset, lineStart),
		cwd: sink.cwd,
		sessionId: sink.sessionId,
		markers: sink.markers,
		...(head ? {head: {bytes: headBytes, hash: createHash('sha256').update(head.subarray(0, headBytes)).digest('hex')}} : {}),
	};
}
