import type {Worker} from 'node:worker_threads';
import type {FoundSource} from '../../formats/trackers/sources.js';
import {startThread, threadLost, threadRead, threadWork} from '../collect/threads.js';
import {readSourceColumns, type ReadOutcome, type SourceReading} from './read-columns.js';
import type {ReadJob} from './read-worker.js';

/**
 * Reads JSON sources on worker threads while the main thread stores the previous ones: reading
 * (JSON.parse, validation, serialising metadata) is most of a large collect's CPU time, and the
 * main thread must stay free for the appender and for the explorer's frames.
 * A worker that dies (out of memory, ...) or cannot start is replaced by reads on the main thread;
 * collect/threads.ts counts both, and the collector says when a thread was lost.
 */
export class SourceReaderPool {
	private readonly idle: Worker[] = [];
	private readonly waiting: Array<{job: ReadJob; resolve: (outcome: ReadOutcome) => void}> = [];
	private readonly pending = new Map<number, {job: ReadJob; resolve: (outcome: ReadOutcome) => void; worker: Worker}>();
	private readonly workers: Worker[] = [];
	private nextId = 0;

	constructor(
		readonly size: number,
		/** The worker's script: read-worker.ts, or a test's stand-in that crashes. */
		script = new URL(`./read-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url),
	) {
		for (let index = 0; index < size; index++) {
			// A larger young generation: a parsed file is hundreds of thousands of short-lived objects,
			// and scavenging them with the default size cost about a third of a read.
			const worker = startThread('trackers', script, {resourceLimits: {maxYoungGenerationSizeMb: 48}});
			worker.unref();
			worker.on('message', ({id, outcome}: {id: number; outcome: ReadOutcome}) => this.settle(worker, id, outcome));
			worker.on('error', error => this.lose(worker, error.message));
			worker.on('exit', code => this.lose(worker, `it exited with code ${code}`));
			this.workers.push(worker);
			this.idle.push(worker);
		}
	}

	read(source: FoundSource, reading: SourceReading): Promise<ReadOutcome> {
		return new Promise(resolve => {
			this.waiting.push({job: {id: this.nextId++, source, reading}, resolve});
			this.dispatch();
		});
	}

	private dispatch(): void {
		while (this.idle.length > 0 && this.waiting.length > 0) {
			const worker = this.idle.pop()!;
			const next = this.waiting.shift()!;
			this.pending.set(next.job.id, {...next, worker});
			worker.ref();
			worker.postMessage(next.job);
		}

		// No worker left at all: the main thread reads what is queued.
		if (this.workers.length === 0) {
			for (const {job, resolve} of this.waiting.splice(0)) this.readHere(job, resolve);
		}
	}

	private readHere(job: ReadJob, resolve: (outcome: ReadOutcome) => void): void {
		threadWork.trackers.onMain += 1;
		void readSourceColumns(job.source, job.reading).then(resolve);
	}

	private settle(worker: Worker, id: number, outcome: ReadOutcome): void {
		const entry = this.pending.get(id);
		this.pending.delete(id);
		threadRead('trackers', worker);

		worker.unref();
		this.idle.push(worker);
		entry?.resolve(outcome);
		this.dispatch();
	}

	private lose(worker: Worker, reason: string): void {
		const index = this.workers.indexOf(worker);
		if (index < 0) return;
		this.workers.splice(index, 1);
		threadLost('trackers', reason);
		const idleIndex = this.idle.indexOf(worker);
		if (idleIndex >= 0) this.idle.splice(idleIndex, 1);
		for (const [id, entry] of this.pending) {
			if (entry.worker !== worker) continue;
			this.pending.delete(id);
			this.readHere(entry.job, entry.resolve);
		}

		this.dispatch();
	}

	async close(): Promise<void> {
		const workers = this.workers.splice(0);
		this.idle.length = 0;
		await Promise.all(workers.map(async worker => worker.terminate()));
	}
}
