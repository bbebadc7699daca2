import {isUtf8} from 'node:buffer';
import {open, type FileHandle} from 'node:fs/promises';
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
}

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(0)} MB`;

class LineSink {
	readonly parser: TranscriptParser;
	readonly problems: string[] = [];
	lastTimestamped: Buffer | undefined;
	cwd: string | null = null;
	sessionId: string | null = null;
	markers = false;
	private badUtf8 = false;

	constructor(private readonly file: string, subagent: boolean, private readonly wantCwd: boolean) {
		this.parser = new TranscriptParser(subagent);
	}

	line(bytes: Buffer, offset: number, lineNumber: number): void {
		if (bytes.includes(TIMESTAMP)) this.lastTimestamped = bytes;
		const marked = hasMarker(bytes);
		if (marked) this.markers = true;
		const wantCwd = this.wantCwd && this.cwd === null && bytes.includes(CWD);
		if (!marked && !wantCwd && this.parser.idle) {
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

	lastTimestampMs(): number | null {
		if (!this.lastTimestamped) return null;
		try {
			const value = JSON.parse(this.lastTimestamped.toString('utf8')) as unknown;
			const ms = isObject(value) && typeof value.timestamp === 'string' ? Date.parse(value.timestamp) : Number.NaN;
			return Number.isFinite(ms) ? ms : null;
		} catch {
			return null;
		}
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

export async function readTranscript(file: string, options: TranscriptReadOptions): Promise<TranscriptRead> {
	const handle = await open(file, 'r');
	try {
		return await readLines(handle, file, options);
	} finally {
		await handle.close();
	}
}

async function readLines(handle: FileHandle, file: string, options: TranscriptReadOptions): Promise<TranscriptRead> {
	const sink = new LineSink(file, options.subagent, options.fromOffset === 0);
	const limit = maxLineBytes();
	let position = options.fromOffset;
	let lineStart = options.fromOffset;
	let lineNumber = options.fromLine;
	let pieces: Buffer[] = [];
	let pending = 0;
	let skipping = false;
	for (;;) {
		const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
		const {bytesRead} = await handle.read(chunk, 0, CHUNK_BYTES, position);
		if (bytesRead === 0) break;
		const data = chunk.subarray(0, bytesRead);
		let from = 0;
		for (;;) {
			const newline = data.indexOf(0x0a, from);
			if (newline === -1) break;
			lineNumber += 1;
			if (skipping) {
				sink.tooLong(lineNumber, limit);
			} else if (pending + newline - from > limit) {
				sink.tooLong(lineNumber, limit);
			} else {
				const tail = data.subarray(from, newline);
				const bytes = pieces.length === 0 ? tail : Buffer.concat([...pieces, tail]);
				sink.line(bytes, lineStart, lineNumber);
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
	return {
		invocations,
		problems: sink.problems,
		endOffset: lineStart,
		endLine: lineNumber,
		resumeOffset,
		resumeLine,
		lastTimestampMs: sink.lastTimestampMs(),
		cwd: sink.cwd,
		sessionId: sink.sessionId,
		markers: sink.markers,
	};
}
