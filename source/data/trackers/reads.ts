import type {FoundSource} from '../../formats/trackers/sources.js';
import type {CollectOptions, ProjectPlan, TailState} from '../collect/types.js';
import {readSourceColumns, type ReadOutcome, type SourceReading} from './read-columns.js';
import {tuningOf} from '../collect/tuning.js';
import type {Database} from '../store/database.js';
import {SourceReaderPool} from './reader-pool.js';
import {TrackerBatches} from './batches.js';

/**
 * A collect reads this much JSON before reader threads pay for starting (~50 ms each); from
 * there on, parsing on the main thread would also hold the explorer's frames for too long.
 */
const WORKERS_FROM_BYTES = 16 * 1024 * 1024;

/**
 * Reads the sources of a collect in the order they are stored. With reader threads, the next
 * sources are read while one is stored, never more than one per thread ahead: memory stays bounded
 * by the few files in flight, not by the collect.
 */
export class SourceReads {
	private readonly order = new Map<FoundSource, number>();
	/** Changed files with an anchor: read from it (trackers/tails.ts) before anything else. */
	private readonly tails = new Map<FoundSource, TailState>();
	private readonly reads = new Map<number, Promise<ReadOutcome>>();
	private started = 0;
	/** Reads no queue planned (DuckDB refused the file, or its head changed): large ones on a thread of their own. */
	private spare?: SourceReaderPool;

	private constructor(
		private readonly queue: readonly FoundSource[],
		private readonly reading: SourceReading,
		private readonly workers: number,
		/** The files DuckDB reads first, many at once; what it refuses comes back to `read`. */
		readonly batches: TrackerBatches,
		private readonly mode: NonNullable<CollectOptions['readers']>,
		private readonly pool?: SourceReaderPool,
	) {
		for (const [index, source] of queue.entries()) this.order.set(source, index);
	}

	static plan(database: Database, plans: readonly ProjectPlan[], options: CollectOptions): SourceReads {
		const batches = TrackerBatches.plan(database, plans, options);
		const queue = plans.flatMap(plan =>
			plan.sources.filter(source => source.kind === 'json' && !plan.skippable.has(source.relativePath) && !plan.tails?.has(source.relativePath) && !batches.takes(source)));
		const bytes = queue.reduce((total, source) => total + Math.max(0, source.size), 0);
		const mode = options.readers ?? 'auto';
		const tuning = tuningOf(options);
		const size = Math.min(tuning.readWorkers, queue.length);
		const threaded = size > 0 && (mode === 'workers' || (mode === 'auto' && bytes >= WORKERS_FROM_BYTES));
		const reads = new SourceReads(queue, {naiveZone: options.naiveTimezone, limits: tuning.limits}, tuning.readWorkers, batches, mode, threaded ? new SourceReaderPool(size) : undefined);
		for (const plan of plans) {
			for (const source of plan.sources) {
				const tail = plan.tails?.get(source.relativePath);
				if (tail) reads.tails.set(source, tail);
			}
		}

		return reads;
	}

	tailOf(source: FoundSource): TailState | undefined {
		return this.tails.get(source);
	}

	read(source: FoundSource): Promise<ReadOutcome> {
		const index = this.order.get(source);
		if (index === undefined) return this.readUnplanned(source);
		if (!this.pool) return readSourceColumns(source, this.reading);
		while (this.started < this.queue.length && this.started <= index + this.pool.size) {
			this.reads.set(this.started, this.pool.read(this.queue[this.started]!, this.reading));
			this.started += 1;
		}

		const read = this.reads.get(index) ?? this.pool.read(source, this.reading);
		this.reads.delete(index);
		return read;
	}

	/** Parsing a large file on this thread would hold the explorer's frames for seconds. */
	private readUnplanned(source: FoundSource): Promise<ReadOutcome> {
		const large = this.mode === 'workers' || (this.mode === 'auto' && source.size >= WORKERS_FROM_BYTES);
		if (!large || this.workers === 0) return readSourceColumns(source, this.reading);
		this.spare ??= this.pool ?? new SourceReaderPool(1);
		return this.spare.read(source, this.reading);
	}

	async close(): Promise<void> {
		this.reads.clear();
		await this.batches.close();
		await this.pool?.close();
		if (this.spare !== this.pool) await this.spare?.close();
	}
}
