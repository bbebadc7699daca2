import type {TranscriptFile} from '../../formats/transcripts/files.js';
import type {Database} from '../store/database.js';
import type {Project} from '../registry/registry.js';
import {markDataChanged} from '../store/settings.js';
import {saveTranscriptStates, type TranscriptFileState} from './state.js';
import type {TranscriptCollectOptions, TranscriptProjectResult} from './types.js';
import {type FileListing, storeListings} from './listings.js';
import type {ProjectWrites} from './types.js';
import {type FileSettlement, mergeTranscriptRows, type TranscriptRow} from './writer.js';
import type {Parsed} from './parse-job.js';


/**
 * A batch is written in one transaction: its rows and its files' states, all or nothing. Its
 * statements (the merge against stored rows, clashes, kind updates, listings, bodies) each cost
 * about the same whatever the batch holds, and several scan the rows stored so far; what DuckDB
 * holds for an open transaction grows with it. Cold collect of the 1.35 GB tree (22,306 files, one
 * process, load ~1): 400 files a batch 18.9 s and 489 MB peak RSS, 1,000 files 15.9 s and 497 MB,
 * 2,000 15.2-15.7 s and 548-554 MB, 5,000 13.8-15.1 s and 616-635 MB.
 */
const BATCH_ROWS = 20_000;
const BATCH_FILES = 1000;
/** At most this many line problems are listed per file; the rest are counted. */
const PROBLEMS_PER_FILE = 20;

interface Pending {
	project: Project;
	file: TranscriptFile;
	state: TranscriptFileState;
	rows: number;
	problems: string[];
}


export class Batch {
	private rows: TranscriptRow[] = [];
	private settlements: FileSettlement[] = [];
	private listings: FileListing[] = [];
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

	/** A file's parse (parse-job.ts), in the order of the collect: its rows, settlements and state join the batch. */
	async read(project: Project, file: TranscriptFile, state: TranscriptFileState | undefined, cwd: string, parsed: Parsed): Promise<void> {
		const started = performance.now();
		try {
			await this.readFile(project, file, state, cwd, parsed);
		} finally {
			const result = this.results.get(project.project_id);
			if (result) result.readMs += performance.now() - started;
		}
	}

	private async readFile(project: Project, file: TranscriptFile, state: TranscriptFileState | undefined, cwd: string, parsed: Parsed): Promise<void> {
		const {read, head, resumed: resume} = parsed;
		if (!read || !head) {
			this.fail(project, file, `${file.path}: ${parsed.problem}`);
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
			carry: read.carry.watched.length + read.carry.pending.length > 0 ? JSON.stringify(read.carry) : null,
		};
		for (const invocation of read.invocations) {
			this.rows.push({projectId: project.project_id, sourceFile: file.relative, ownerLastMs: lastTimestampMs ?? invocation.invokedAtMs, invocation});
		}

		for (const settlement of read.settlements) this.settlements.push({sourceFile: file.relative, settlement});
		for (const listed of read.listed) this.listings.push({projectId: project.project_id, sourceFile: file.relative, listed});

		this.pending.push({project, file, state: next, rows: read.invocations.length, problems: read.problems});
		this.options.onEvent?.({type: 'source-read', project, file: file.path, records: read.invocations.length, problems: read.problems.length});
		if (this.rows.length >= BATCH_ROWS || this.pending.length >= BATCH_FILES) await this.flush();
	}

	async flush(): Promise<void> {
		if (this.pending.length === 0) return;
		const {rows, pending, settlements, listings} = this;
		this.rows = [];
		this.pending = [];
		this.settlements = [];
		this.listings = [];
		const error = await this.write(rows, pending, settlements, listings);
		if (error === undefined) return;
		if (pending.length === 1) {
			// A value the database refuses fails this file only: its rows and state were rolled back.
			this.fail(pending[0]!.project, pending[0]!.file, `${pending[0]!.file.path}: its invocations could not be stored: ${error.message.split('\n')[0]}`);
			return;
		}

		// One file's rows must never keep the others out (issue 22, D3): each again on its own.
		for (const entry of pending) {
			const mine = (sourceFile: string) => sourceFile === entry.file.relative;
			await this.flushOne(entry, rows.filter(row => mine(row.sourceFile)), settlements.filter(settlement => mine(settlement.sourceFile)), listings.filter(listing => mine(listing.sourceFile)));
		}
	}

	private async flushOne(entry: Pending, rows: TranscriptRow[], settlements: FileSettlement[], listings: FileListing[]): Promise<void> {
		this.rows = rows;
		this.pending = [entry];
		this.settlements = settlements;
		this.listings = listings;
		await this.flush();
	}

	/** One transaction: the rows, their files' states, the data marked changed; the error if it failed. */
	private async write(rows: readonly TranscriptRow[], pending: readonly Pending[], settlements: readonly FileSettlement[], listings: readonly FileListing[]): Promise<Error | undefined> {
		let writes: Map<string, ProjectWrites>;
		try {
			writes = await this.database.transaction(async () => {
				const written = await mergeTranscriptRows(this.database, rows, settlements);
				await storeListings(this.database, listings);
				await saveTranscriptStates(this.database, pending.map(entry => entry.state));
				if ([...written.values()].some(write => write.inserted > 0 || write.updated > 0)) await markDataChanged(this.database);
				return written;
			});
		} catch (error) {
			return error as Error;
		}

		for (const [projectId, write] of writes) {
			const result = this.results.get(projectId);
			if (!result) continue;
			result.collected += write.inserted;
			result.updated += write.updated;
			result.unchanged += write.unchanged;
			for (const clash of write.clashes ?? []) this.options.onEvent?.({type: 'notice', message: clash});
			if (write.fromUs !== undefined && write.toUs !== undefined) {
				result.fromUs = Math.min(result.fromUs ?? Number.POSITIVE_INFINITY, write.fromUs);
				result.toUs = Math.max(result.toUs ?? Number.NEGATIVE_INFINITY, write.toUs);
			}
		}

		for (const entry of pending) {
			const result = this.results.get(entry.project.project_id)!;
			result.read += 1;
			for (const problem of entry.problems.slice(0, PROBLEMS_PER_FILE)) this.fail(entry.project, entry.file, problem);
			if (entry.problems.length > PROBLEMS_PER_FILE) {
				this.fail(entry.project, entry.file, `${entry.file.path}: … and ${entry.problems.length - PROBLEMS_PER_FILE} more broken lines`);
			}
		}

		return undefined;
	}
}
