import type {Carry} from './carry.js';
import {isUtf8} from 'node:buffer';
import {TranscriptParser} from './parser.js';
import {isObject} from './lines.js';
import {CWD, hasMarker, isInert, looksWhole, TOOL_USE_ID} from './scan.js';

/** A user line: only these can be human prompts (escaped inside strings, the bytes never match). */
const USER_LINE = Buffer.from('"type":"user"');

/** Takes a read's lines one by one: parses those that matter and feeds them to the parser. */
const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(0)} MB`;

export class LineSink {
	readonly parser: TranscriptParser;
	readonly problems: string[] = [];
	cwd: string | null = null;
	/** The timestamp of the line that gave the launch directory: when the session started. */
	firstTimestampMs: number | null = null;
	sessionId: string | null = null;
	markers = false;
	private badUtf8 = false;

	constructor(private readonly file: string, subagent: boolean, private readonly wantCwd: boolean, carry?: Carry) {
		this.parser = new TranscriptParser(subagent, (lineNumber, message) => this.problems.push(`${this.file}:${lineNumber}: ${message}`), carry);
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
		const unmarked = !marked && !wantCwd && !answers;
		// Waiting only to see whether a skill is run again: the lines that matter are the invocations
		// (marked) and the human prompts that close the horizon.
		const notPrompt = unmarked && this.parser.onlyPrompts && (!bytes.includes(USER_LINE) || bytes.includes(TOOL_USE_ID));
		if ((unmarked && this.parser.idle) || notPrompt || (!wantCwd && isInert(bytes))) {
			if (!looksWhole(bytes)) this.problems.push(`${this.file}:${lineNumber}: not a whole JSON line; skipped`);
			return;
		}

		const parsed = this.parse(bytes, lineNumber);
		if (parsed === undefined) return;
		if (wantCwd && typeof parsed.cwd === 'string') {
			this.cwd = parsed.cwd;
			if (typeof parsed.sessionId === 'string') this.sessionId = parsed.sessionId;
			const at = typeof parsed.timestamp === 'string' ? Date.parse(parsed.timestamp) : Number.NaN;
			if (Number.isFinite(at)) this.firstTimestampMs = at;
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
