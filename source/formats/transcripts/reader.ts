import type {Carry, Settlement} from './carry.js';
import type {Listed} from './listing.js';
import {createHash} from 'node:crypto';
import {closeSync, fstatSync, openSync, readSync} from 'node:fs';
import {HEAD_BYTES} from './files.js';
import {LineSink} from './line-sink.js';
import type {TranscriptInvocation} from './parser.js';
import {DEFAULT_READ_LIMITS} from '../limits.js';
import {lastTimestampIn, MARKERS, Positions, TOOL_USE_ID} from './scan.js';

export {hasMarker} from './scan.js';

/**
 * Streams one transcript from a byte offset, line by line, without ever holding the file (or more
 * than one line) in memory: files can be larger than V8's longest string. Lines that cannot hold
 * an invocation, while nothing is open, are not parsed at all (transcripts.md, "Reading them fast").
 */

const CHUNK_BYTES = 1024 * 1024;

export interface TranscriptReadOptions {
	/** Where to start: 0, or a line start recorded by an earlier read. */
	fromOffset: number;
	/** Lines before `fromOffset`, for `file:line` messages. */
	fromLine: number;
	subagent: boolean;
	/** Longer lines are reported and skipped (ReadLimits). */
	maxLineBytes?: number;
	/** What the read that left off at `fromOffset` handed on (carry.ts); nothing for a read from 0. */
	carry?: Carry;
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
	/** When the session started: the timestamp of the line that gave `cwd` (only when read from 0). */
	firstTimestampMs: number | null;
	/** Whether any line read holds an invocation marker. */
	markers: boolean;
	/** Read from the start: a hash of the first bytes, to tell growth from a rewrite next time. */
	head?: {bytes: number; hash: string};
	/** For the next read, which starts at `resumeOffset`. */
	carry: Carry;
	/** What this read learned about rows of earlier reads. */
	settlements: Settlement[];
	/** The skills offered to the model in the lines read. */
	listed: Listed[];
}

/**
 * Reads with synchronous calls, yielding to the event loop between chunks once it has held it
 * for a while: a collect does tens of thousands of small reads, and each asynchronous one is a
 * trip through libuv's thread pool that cost more than the read (2,700 files: 5 s of 6.6 s).
 */
const YIELD_AFTER_MS = 20;

/** Whether `offset` is the start of a line: the byte before it is a newline. */
function startsLine(descriptor: number, offset: number): boolean {
	const before = Buffer.alloc(1);
	return readSync(descriptor, before, 0, 1, offset - 1) === 1 && before[0] === 0x0a;
}

export async function readTranscript(file: string, options: TranscriptReadOptions): Promise<TranscriptRead> {
	const descriptor = openSync(file, 'r');
	try {
		return await readLines(descriptor, file, options);
	} finally {
		closeSync(descriptor);
	}
}

async function readLines(descriptor: number, file: string, options: TranscriptReadOptions): Promise<TranscriptRead> {
	const sink = new LineSink(file, options.subagent, options.fromOffset === 0, options.carry);
	const limit = options.maxLineBytes ?? DEFAULT_READ_LIMITS.maxLineBytes;
	let position = options.fromOffset;
	let lineStart = options.fromOffset;
	let lineNumber = options.fromLine;
	let pieces: Buffer[] = [];
	let pending = 0;
	// A read that starts inside a line (the end of an over-long one an earlier read skipped) skips
	// the rest of it, which that read has reported already.
	let skipping = options.fromOffset > 0 && !startsLine(descriptor, options.fromOffset);
	let quiet = skipping;
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
				if (!quiet) sink.tooLong(lineNumber, limit);
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
			quiet = false;
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

	// An unterminated tail already longer than the limit will be skipped whatever follows: said now,
	// and not read again by every collect (issue 22, D15).
	if (skipping && !quiet) sink.tooLong(lineNumber + 1, limit);
	return outcome(sink, descriptor, {from: options.fromOffset, end: skipping ? position : lineStart, lines: lineNumber, head});
}

/** What a read found, once its last complete line is known. */
function outcome(sink: LineSink, descriptor: number, read: {from: number; end: number; lines: number; head: Buffer | undefined}): TranscriptRead {
	const {invocations, resumeOffset, resumeLine, carry, settlements, listed} = sink.parser.finish(read.end, read.lines);
	const headBytes = Math.min(HEAD_BYTES, read.end);
	return {
		invocations,
		carry,
		settlements,
		listed,
		problems: sink.problems,
		endOffset: read.end,
		endLine: read.lines,
		resumeOffset,
		resumeLine,
		lastTimestampMs: lastTimestampIn(descriptor, read.from, read.end),
		cwd: sink.cwd,
		firstTimestampMs: sink.firstTimestampMs,
		sessionId: sink.sessionId,
		markers: sink.markers,
		...(read.head ? {head: {bytes: headBytes, hash: createHash('sha256').update(read.head.subarray(0, headBytes)).digest('hex')}} : {}),
	};
}
