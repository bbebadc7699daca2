import {parseCarry} from '../../formats/transcripts/carry.js';
import {HEAD_BYTES, headHash} from '../../formats/transcripts/files.js';
import {readTranscript, type TranscriptRead} from '../../formats/transcripts/reader.js';

/**
 * One transcript file's read, as plain data in and out: what the main thread or a parse thread
 * (parse-pool.ts) does with a file, the same either way, so that where it ran cannot change a row.
 */
export interface ParseJob {
	path: string;
	subagent: boolean;
	maxLineBytes?: number;
	/** How much of the file the read covers at most: whether threads pay for themselves (reads-ahead.ts). */
	bytes: number;
	/** Where the last read left open work, when the file has not shrunk: read from there if its head is unchanged. */
	resume?: {offset: number; line: number; carry: string | null; headBytes: number; headHash: string};
}

export interface Parsed {
	/** Read from `resume` (the head was unchanged), not from the start. */
	resumed: boolean;
	read?: TranscriptRead;
	/** The head hash the file's state keeps; missing when hashing failed after the read. */
	head?: {bytes: number; hash: string};
	/** Why the read (or, with `read` set, the hash after it) failed, in the words the other sources use. */
	problem?: string;
}

/** What an error opening or reading a file means, in the words the other sources use. */
export function readProblem(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'EISDIR') return 'is a directory, expected a transcript file';
	if (code === 'ELOOP') return 'is a symbolic link loop';
	if (code === 'EACCES' || code === 'EPERM') return 'cannot be read: permission denied';
	if (code === 'ENOENT') return 'vanished while being read';
	return `cannot be read: ${(error as Error).message}`;
}

/** A grown file with the head it had: read from where the last read left open work. */
function headUnchanged(path: string, resume: NonNullable<ParseJob['resume']>): boolean {
	try {
		return headHash(path, resume.headBytes) === resume.headHash;
	} catch {
		return false;
	}
}

export async function parseTranscript(job: ParseJob): Promise<Parsed> {
	const resume = job.resume !== undefined && headUnchanged(job.path, job.resume) ? job.resume : undefined;
	let read: TranscriptRead;
	try {
		read = await readTranscript(job.path, {
			fromOffset: resume?.offset ?? 0,
			fromLine: resume?.line ?? 0,
			subagent: job.subagent,
			maxLineBytes: job.maxLineBytes,
			carry: resume ? parseCarry(resume.carry) : undefined,
		});
	} catch (error) {
		return {resumed: resume !== undefined, problem: readProblem(error)};
	}

	try {
		const head = read.head ?? {bytes: Math.min(HEAD_BYTES, read.endOffset), hash: headHash(job.path, Math.min(HEAD_BYTES, read.endOffset))};
		return {resumed: resume !== undefined, read, head};
	} catch (error) {
		return {resumed: resume !== undefined, read, problem: readProblem(error)};
	}
}
