import {encodeLaunchDir, HEAD_BYTES, headHash, listTranscriptFiles, projectOfLaunch, type TranscriptFile} from '../formats/transcript-files.js';
import {readTranscript, type TranscriptRead} from '../formats/transcript-reader.js';
import type {Database} from './database.js';
import type {Project} from './registry.js';
import {markDataChanged} from './settings.js';
import {loadTranscriptStates, moveTranscriptRows, ownedRowCounts, saveTranscriptStates, type TranscriptFileState} from './transcript-state.js';
import {mergeTranscriptRows, type TranscriptRow} from './transcript-writer.js';

/** What the transcripts of one project gave a collect; the collector adds it to the project's report. */
export interface TranscriptProjectResult {
	files: number;
	read: number;
	skipped: number;
	collected: number;
	updated: number;
	unchanged: number;
	errors: Array<{file: string; message: string}>;
	fromUs?: number;
	toUs?: number;
	/** Rows moved here from another project, or away: every rollup of the project is recomputed. */
	moved: boolean;
	/** Time spent reading this project's files. */
	readMs: number;
}

export type TranscriptEvent =
	| {type: 'source-read'; project: Project; file: string; records: number; problems: number}
	| {type: 'error'; project: Project; file: string; message: string};

export interface TranscriptCollectOptions {
	root: string;
	/** Every active project: a file belongs to the longest of their paths that holds its launch directory. */
	active: readonly Project[];
	/** Those whose files are read now. */
	wanted: readonly Project[];
	force?: boolean;
	signal?: AbortSignal;
	onEvent?: (event: TranscriptEvent) => void;
	/** The stored file states, when the caller loaded them once for several calls. */
	states?: Map<string, TranscriptFileState>;
}

/** A batch is written in one transaction: its rows and its files' states, all or nothing. */
const BATCH_ROWS = 20_000;
const BATCH_FILES = 400;
/** At most this many line problems are listed per file; the rest are counted. */
const PROBLEMS_PER_FILE = 20;

interface Pending {
	project: Project;
	file: TranscriptFile;
	state: TranscriptFileState;
	rows: number;
	problems: string[];
}

export async function collectTranscripts(database: Database, options: TranscriptCollectOptions): Promise<Map<string, TranscriptProjectResult>> {
	const results = new Map<string, TranscriptProjectResult>(options.wanted.map(project => [project.project_id, emptyResult()]));
	if (options.wanted.length === 0) return results;
	// A folder is the encoding of its launch directory: one inside a project starts with the project's.
	const wantedEncodings = options.wanted.map(project => encodeLaunchDir(project.project_path));
	const mayHold = (folder: string) => wantedEncodings.some(encoding => folder === encoding || folder.startsWith(`${encoding}-`));
	const files = await listTranscriptFiles(options.root, mayHold);
	const states = options.states ?? (await loadTranscriptStates(database));
	const wantedIds = new Set(options.wanted.map(project => project.project_id));
	const batch = new Batch(database, results, options);
	let owned: Map<string, number> | undefined;
	for (const file of files) {
		if (options.signal?.aborted) break;
		const state = states.get(file.path);
		if (file.problem) {
			const owner = options.wanted.find(project => project.project_id === state?.project_id) ?? ownerByFolder(file.folder, options.wanted);
			if (owner) batch.fail(owner, file, `${file.path}: ${file.problem}`);
			continue;
		}

		let cwd = state?.cwd ?? null;
		// A file not seen before is read whole at once: its first lines say whose it is.
		let fresh: TranscriptRead | undefined;
		if (cwd === null) {
			try {
				fresh = await readTranscript(file.path, {fromOffset: 0, fromLine: 0, subagent: file.subagent});
				cwd = fresh.cwd;
			} catch (error) {
				const owner = ownerByFolder(file.folder, options.wanted);
				if (owner) batch.fail(owner, file, `${file.path}: ${readProblem(error)}`);
				continue;
			}
		}

		const project = cwd === null ? undefined : projectOfLaunch(cwd, options.active);
		if (!project || cwd === null || !wantedIds.has(project.project_id)) continue;
		const result = results.get(project.project_id)!;
		result.files += 1;
		if (state && state.project_id !== project.project_id) {
			await moveTranscriptRows(database, file.relative, project.project_id);
			result.moved = true;
			const before = results.get(state.project_id);
			if (before) before.moved = true;
		}

		if (state && !options.force && state.size === file.size && state.mtime_ms === file.mtimeMs && state.project_id === project.project_id) {
			result.skipped += 1;
			owned ??= await ownedRowCounts(database);
			result.unchanged += owned.get(file.relative) ?? 0;
			continue;
		}

		await batch.read(project, file, state, cwd, fresh);
	}

	await batch.flush();
	return results;
}

function emptyResult(): TranscriptProjectResult {
	return {files: 0, read: 0, skipped: 0, collected: 0, updated: 0, unchanged: 0, errors: [], moved: false, readMs: 0};
}

/** Who an unreadable file belongs to, when its folder is all there is to go by. */
function ownerByFolder(folder: string, projects: readonly Project[]): Project | undefined {
	let best: Project | undefined;
	for (const project of projects) {
		const encoding = encodeLaunchDir(project.project_path);
		if ((folder === encoding || folder.startsWith(`${encoding}-`)) && (!best || encoding.length > encodeLaunchDir(best.project_path).length)) best = project;
	}

	return best;
}

/** A grown file with the head it had: read from where the last read left open work. */
function canResume(file: TranscriptFile, state: TranscriptFileState | undefined, force: boolean | undefined): boolean {
	if (!state || force || file.size < state.end_offset) return false;
	try {
		return headHash(file.path, state.head_bytes) === state.head_hash;
	} catch {
		return false;
	}
}

/** What an error opening or reading a file means, in the words the other sources use. */
function readProblem(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'EISDIR') return 'is a directory, expected a transcript file';
	if (code === 'ELOOP') return 'is a symbolic link loop';
	if (code === 'EACCES' || code === 'EPERM') return 'cannot be read: permission denied';
	if (code === 'ENOENT') return 'vanished while being read';
	return `cannot be read: ${(error as Error).message}`;
}

class Batch {
	private rows: TranscriptRow[] = [];
	private pending: Pending[] = [];

	constructor(
		private readonly database: Database,
		private readonly results: Map<string, TranscriptProjectResult>,
		private readonly options: TranscriptCollectOptions,
	) {}

	fail(project: Project, file: TranscriptFile, message: string): void {
		const result = this.results.get(project.project_id);
		if (!result) return;
		result.errors.push({file: file.path, message});
		this.options.onEvent?.({type: 'error', project, file: file.path, message});
	}

	async read(project: Project, file: TranscriptFile, state: TranscriptFileState | undefined, cwd: string, fresh?: TranscriptRead): Promise<void> {
		const started = performance.now();
		try {
			await this.readFile(project, file, state, cwd, fresh);
		} finally {
			const result = this.results.get(project.project_id);
			if (result) result.readMs += performance.now() - started;
		}
	}

	private async readFile(project: Project, file: TranscriptFile, state: TranscriptFileState | undefined, cwd: string, fresh?: TranscriptRead): Promise<void> {
		const resume = fresh === undefined && canResume(file, state, this.options.force);
		let read: TranscriptRead;
		let head: {bytes: number; hash: string};
		try {
			read = fresh ?? (await readTranscript(file.path, {
				fromOffset: resume ? state!.resume_offset : 0,
				fromLine: resume ? state!.resume_line : 0,
				subagent: file.subagent,
			}));
			const headBytes = Math.min(HEAD_BYTES, read.endOffset);
			head = read.head ?? {bytes: headBytes, hash: headHash(file.path, headBytes)};
		} catch (error) {
			this.fail(project, file, `${file.path}: ${readProblem(error)}`);
			return;
		}

		// Rows settled before the resume point were counted by the reads that found them.
		const settledBefore = resume ? state!.settled_invocations : 0;
		const lastTimestampMs = read.lastTimestampMs ?? state?.last_timestamp_ms ?? null;
		const next: TranscriptFileState = {
			path: file.path,
			project_id: project.project_id,
			size: file.size,
			mtime_ms: file.mtimeMs,
			head_bytes: head.bytes,
			head_hash: head.hash,
			end_offset: read.endOffset,
			end_line: read.endLine,
			resume_offset: read.resumeOffset,
			resume_line: read.resumeLine,
			cwd,
			session_id: read.sessionId ?? state?.session_id ?? null,
			last_timestamp_ms: lastTimestampMs,
			invocations: settledBefore + read.invocations.length,
			settled_invocations: settledBefore + read.invocations.filter(invocation => invocation.offset < read.resumeOffset).length,
			errors: read.problems.length,
		};
		for (const invocation of read.invocations) {
			this.rows.push({projectId: project.project_id, sourceFile: file.relative, ownerLastMs: lastTimestampMs ?? invocation.invokedAtMs, invocation});
		}

		this.pending.push({project, file, state: next, rows: read.invocations.length, problems: read.problems});
		this.options.onEvent?.({type: 'source-read', project, file: file.path, records: read.invocations.length, problems: read.problems.length});
		if (this.rows.length >= BATCH_ROWS || this.pending.length >= BATCH_FILES) await this.flush();
	}

	async flush(): Promise<void> {
		if (this.pending.length === 0) return;
		const rows = this.rows;
		const pending = this.pending;
		this.rows = [];
		this.pending = [];
		try {
			const writes = await this.database.transaction(async () => {
				const written = await mergeTranscriptRows(this.database, rows);
				await saveTranscriptStates(this.database, pending.map(entry => entry.state));
				if ([...written.values()].some(write => write.inserted > 0 || write.updated > 0)) await markDataChanged(this.database);
				return written;
			});
			for (const [projectId, write] of writes) {
				const result = this.results.get(projectId);
				if (!result) continue;
				result.collected += write.inserted;
				result.updated += write.updated;
				result.unchanged += write.unchanged;
				if (write.fromUs !== undefined && write.toUs !== undefined) {
					result.fromUs = Math.min(result.fromUs ?? Number.POSITIVE_INFINITY, write.fromUs);
					result.toUs = Math.max(result.toUs ?? Number.NEGATIVE_INFINITY, write.toUs);
				}
			}
		} catch (error) {
			// A value the database refuses fails this batch only: its rows and states were rolled back.
			for (const entry of pending) this.fail(entry.project, entry.file, `${entry.file.path}: its invocations could not be stored: ${(error as Error).message.split('\n')[0]}`);
			return;
		}

		for (const entry of pending) {
			const result = this.results.get(entry.project.project_id)!;
			result.read += 1;
			for (const problem of entry.problems.slice(0, PROBLEMS_PER_FILE)) this.fail(entry.project, entry.file, problem);
			if (entry.problems.length > PROBLEMS_PER_FILE) {
				this.fail(entry.project, entry.file, `${entry.file.path}: … and ${entry.problems.length - PROBLEMS_PER_FILE} more broken lines`);
			}
		}
	}
}
