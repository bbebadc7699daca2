import {type ParseJob, type Parsed, parseTranscript} from './parse-job.js';
import {type Ticket, TranscriptParsePool} from './parse-pool.js';

/**
 * Below this many bytes to read, starting threads costs more than they would save: each thread
 * loads the parser (~100 ms of CPU) and compiles its hot paths again; on the 141 MB bench tree two
 * threads parsing half each took 0.4–0.7 s more CPU than one parsing all (1.6 s).
 */
const THREADS_FROM_BYTES = 8 * 1024 * 1024;

export interface ReadsAheadOptions {
	/** Parse threads (CollectTuning.readWorkers); 0: every file on the main thread, one after another. */
	readWorkers: number;
	/** CollectOptions.readers: 'auto' uses threads when there is enough to read, 'workers' always and only them. */
	readers?: 'auto' | 'main' | 'workers';
}

/**
 * The files of one collect, in the order the collector stores them, parsed a few ahead of the one
 * being stored: never the whole tree (a parsed file waits in memory until it is stored), and
 * always taken back in order, so rows, settlements and copies are merged as one thread merges them.
 */
export class ReadsAhead {
	private readonly tickets = new Map<number, Ticket>();
	/** The indices of files that have a job, in order; `submitted` of them are with the pool. */
	private readonly order: number[] = [];
	private submitted = 0;

	private constructor(
		private readonly jobs: ReadonlyArray<ParseJob | undefined>,
		private readonly pool: TranscriptParsePool | undefined,
		private readonly ahead: number,
		/** The main thread parses a file no thread has taken yet (while they start), unless told 'workers'. */
		private readonly help: boolean,
	) {
		for (const [index, job] of jobs.entries()) if (job) this.order.push(index);
	}

	static start(jobs: ReadonlyArray<ParseJob | undefined>, options: ReadsAheadOptions): ReadsAhead {
		const planned = jobs.filter((job): job is ParseJob => job !== undefined);
		const bytes = planned.reduce((total, job) => total + job.bytes, 0);
		const size = Math.min(options.readWorkers, planned.length);
		const mode = options.readers ?? 'auto';
		const threaded = size > 0 && (mode === 'workers' || (mode === 'auto' && bytes >= THREADS_FROM_BYTES));
		// Two files each thread: one being parsed, one parsed and waiting for the writer.
		return new ReadsAhead(jobs, threaded ? new TranscriptParsePool(size) : undefined, 2 * size + 1, mode !== 'workers');
	}

	/** The parse of file `index` (which must have a job); files before it not taken are dropped. */
	async take(index: number): Promise<Parsed> {
		const job = this.jobs[index]!;
		if (!this.pool) return parseTranscript(job);
		for (const earlier of this.tickets.keys()) if (earlier < index) this.tickets.delete(earlier);
		while (this.submitted < this.order.length && (this.order[this.submitted]! <= index || this.tickets.size < this.ahead)) {
			const next = this.order[this.submitted++]!;
			if (next >= index) this.tickets.set(next, this.pool.submit(this.jobs[next]!));
		}

		const ticket = this.tickets.get(index);
		this.tickets.delete(index);
		return ticket ? this.pool.take(ticket, this.help) : parseTranscript(job);
	}

	async close(): Promise<void> {
		this.tickets.clear();
		await this.pool?.close();
	}
}
