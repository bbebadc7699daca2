import {readSync} from 'node:fs';
import {isObject} from './lines.js';

/** Byte-level looks at transcript lines and chunks: what can be known of them without parsing. */

/**
 * Bytes without which a line can start no invocation, or list what the model was offered. Each is
 * a pass over every chunk read (the byte scans were the largest JavaScript cost of a cold collect):
 * `<command-` stands for `<command-name>` and `<command-message>`, which come together; a line it
 * marks more (`<command-args>` alone) is only parsed for nothing.
 */
export const MARKERS = ['"Skill"', '"SlashCommand"', '<command-', '"skill_listing"'].map(marker => Buffer.from(marker));
export const TIMESTAMP = Buffer.from('"timestamp"');
/** How far back from the end of a read the last timestamped line is looked for. */
export const TAIL_BYTES = 4 * 1024 * 1024;

/** The first window read back from the end: most files end on a timestamped line a few KB long. */
const FIRST_TAIL_BYTES = 64 * 1024;

/**
 * The top-level timestamp of the last line in [from, end) that has one, read backwards from the
 * end: looking at every line for it cost an extra search per line. The window grows fourfold up to
 * TAIL_BYTES only when the lines it holds have none: reading 4 MB back at once read most files twice.
 */
export function lastTimestampIn(descriptor: number, from: number, end: number): number | null {
	for (let window = FIRST_TAIL_BYTES; ; window *= 4) {
		const span = Math.min(window, TAIL_BYTES);
		const found = lastTimestampInWindow(descriptor, from, end, span);
		if (found !== null || span >= TAIL_BYTES || end - span <= from) return found;
	}
}

function lastTimestampInWindow(descriptor: number, from: number, end: number, span: number): number | null {
	const start = Math.max(from, end - span);
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
export const TYPE_KEY = Buffer.from('"type":"');
export const TOOL_USE_ID = Buffer.from('"tool_use_id"');
/**
 * Top-level types that never start, extend or answer an invocation. Their envelope comes before
 * anything nested, so the first `"type":"` of such a line is its own (assistant and user lines
 * put `message` first, whose type is never one of these). Progress lines are half the lines of
 * a real session, and they copy subagent messages: skipping them unparsed is both faster and right.
 */
export const INERT_TYPES = ['progress', 'file-history-snapshot', 'queue-operation'].map(type => Buffer.from(`${type}"`));

export function isInert(bytes: Buffer): boolean {
	const at = bytes.indexOf(TYPE_KEY);
	if (at === -1) return false;
	const start = at + TYPE_KEY.length;
	return INERT_TYPES.some(type => start + type.length <= bytes.length && bytes.compare(type, 0, type.length, start, start + type.length) === 0);
}
export const CWD = Buffer.from('"cwd"');

export const hasMarker = (bytes: Buffer) => MARKERS.some(marker => bytes.includes(marker));
/** The sorted start positions of some needles in a chunk, asked in increasing order of lines. */
export class Positions {
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
export function looksWhole(bytes: Buffer): boolean {
	let start = 0;
	let end = bytes.length - 1;
	while (start <= end && (bytes[start] === 0x20 || bytes[start] === 0x09)) start++;
	while (end >= start && (bytes[end] === 0x20 || bytes[end] === 0x09 || bytes[end] === 0x0d)) end--;
	return start > end || (bytes[start] === 0x7b && bytes[end] === 0x7d);
}
