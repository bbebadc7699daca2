import {tuningOf} from '../collect/tuning.js';
import type {FoundSource} from '../../formats/trackers/sources.js';
import type {CollectOptions, ProjectPlan} from '../collect/types.js';
import type {Database} from '../store/database.js';
import {storeBatchFiles, type BatchFile} from './batch-store.js';
import type {TailAnchor} from '../../formats/trackers/tail.js';
import {anchorOfSource, saveTails} from './tails.js';
import {dropTrackerTables, readTrackerFiles, takenByDuckdbFirst, trackerStage} from './fast-path.js';
import type {Stage, WriteCounts} from '../store/usage-writer.js';

/**
 * About this many bytes of tracker files are read by one statement: two of the large scale's
 * 45 MB files, one for each core of this machine. Measured on 3 M rows (30 such files): batches
 * of 192 MB peaked at 1,228 MB of RSS, of 96 MB at 1,056 MB, for the same CPU time (the reader's
 * parse trees and buffers are outside DuckDB's memory cap, and grow with the files in flight).
 */
const BATCH_BYTES = 96 * 1024 * 1024;

/** A file DuckDB took: its records, and what storing them did if its batch stored it. */
export interface TakenSource {
	records: number;
	written?: WriteCounts;
	/** Where the file ends, for its next read (trackers/tails.ts): saved already when `written` is there. */
	anchor: Promise<TailAnchor | undefined>;
}

/**
 * The tracker files DuckDB reads, grouped into batches in the order the collect stores them: a
 * batch is read when its first file's turn comes, its files stored in one transaction (a large
 * transaction writes its row groups straight to the file, where one per file went through the
 * WAL and a checkpoint: 3.2 s of 9.3 s at 1 M rows), and dropped when the next one is read. Each
 * file's turn then reports what was stored. Should that transaction fail (a value the database
 * refuses), each file is stored on its own at its turn, and only the bad one fails.
 */
export class TrackerBatches {
	private readonly place = new Map<FoundSource, {batch: number; index: number; projectId: string}>();
	/** Stored with their batch, not yet reported by their turn. */
	private written = new Map<FoundSource, WriteCounts>();
	private unreported = false;
	private readonly batches: FoundSource[][] = [];
	private current = -1;
	private counts: Array<number | undefined> = [];
	private anchors: Array<Promise<TailAnchor | undefined>> = [];

	private constructor(
		private readonly database: Database,
		private readonly naiveZone: string,
		private readonly debug: boolean,
	) {}

	static plan(database: Database, plans: readonly ProjectPlan[], options: CollectOptions): TrackerBatches {
		const tuning = tuningOf(options);
		const batches = new TrackerBatches(database, options.naiveTimezone, tuning.debugFastPath);
		const reader = options.jsonReader ?? 'auto';
		let bytes = Number.POSITIVE_INFINITY;
		let paths = new Set<string>();
		for (const plan of plans) {
			for (const source of plan.sources) {
				if (source.kind !== 'json' || plan.skippable.has(source.relativePath) || plan.tails?.has(source.relativePath)) continue;
				if (!takenByDuckdbFirst(source.size, reader, tuning)) continue;
				if (bytes + source.size > BATCH_BYTES || paths.has(source.absolutePath)) {
					batches.batches.push([]);
					bytes = 0;
					paths = new Set();
				}

				const batch = batches.batches.at(-1)!;
				batches.place.set(source, {batch: batches.batches.length - 1, index: batch.length, projectId: plan.project.project_id});
				batch.push(source);
				bytes += Math.max(0, source.size);
				paths.add(source.absolutePath);
			}
		}

		return batches;
	}

	takes(source: FoundSource): boolean {
		return this.place.has(source);
	}

	/** What DuckDB took of `source`, or undefined: the exact way reads it. */
	async read(source: FoundSource): Promise<TakenSource | undefined> {
		const place = this.place.get(source);
		if (!place) return undefined;
		if (place.batch !== this.current) {
			this.unreported ||= this.written.size > 0;
			await dropTrackerTables(this.database);
			this.current = place.batch;
			const files = this.batches[place.batch]!;
			this.counts = await readTrackerFiles(this.database, files, this.naiveZone, this.debug);
			this.anchors = files.map(async (source, index) => (this.counts[index] === undefined ? undefined : anchorOfSource(source)));
			await this.storeBatch(files);
		}

		const records = this.counts[place.index];
		if (records === undefined) return undefined;
		const written = this.written.get(source);
		this.written.delete(source);
		const anchor = this.anchors[place.index]!;
		return written ? {records, written, anchor} : {records, anchor};
	}

	private async storeBatch(files: readonly FoundSource[]): Promise<void> {
		const taken: BatchFile[] = [];
		for (const [index, source] of files.entries()) {
			const records = this.counts[index];
			if (records !== undefined) taken.push({source, index, projectId: this.place.get(source)!.projectId, records});
		}

		try {
			this.written = await this.database.transaction(async () => storeBatchFiles(this.database, taken));
		} catch {
			// Rolled back: each file is stored on its own at its turn (and leaves its anchor then).
			this.written = new Map();
			return;
		}

		// Where each file ends, found while the batch was stored: after the rows, as for one file.
		await saveTails(this.database, await Promise.all(taken.map(async file => ({...file, anchor: await this.anchors[file.index]}))));
	}

	/** `source`'s rows as mergeStaged reads them, after `read` took it. */
	stage(source: FoundSource): Stage {
		return trackerStage(source, this.place.get(source)!.index);
	}

	/**
	 * A cancelled collect stops before the turns of files its batch already stored: their projects'
	 * rollups and sessions were not refreshed by it, so both are marked to be rebuilt whole.
	 */
	async close(): Promise<void> {
		if (this.current >= 0) await dropTrackerTables(this.database);
		this.current = -1;
		if (this.unreported || this.written.size > 0) await this.database.run(`DELETE FROM settings WHERE key IN ('aggregate_timezone', 'workflow_rules')`);
		this.written = new Map();
		this.unreported = false;
	}
}
