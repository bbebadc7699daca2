import type {Worker} from 'node:worker_threads';
import {startThread, threadLost, threadRead, threadWork} from '../collect/threads.js';
import {type ParseJob, type Parsed, parseTranscript} from './parse-job.js';

/** A file handed to the pool: waiting for a thread, on one, or taken back by the main thread. */
export interface Ticket {
	readonly job: ParseJob;
	readonly parsed: Promise<Parsed>;
}

interface Entry extends Ticket {
	id: number;
	resolve: (parsed: Parsed) => void;
	worker?: Worker;
}

/**
 * Parses transcript files on worker threads while the main thread stores the ones before them
 * (trackers/reader-pool.ts is the same for tracker files). A worker takes files only once it has
 * started: until then the main thread parses the file it needs itself, so a collect never waits
 * for a thread to load its modules. A worker that dies fails the file it held, named (the process
 * goes on), and is replaced, a few times at most; without any, the main thread parses.
 */
export class TranscriptParsePool {
	private readonly ready: Worker[] = [];
	private readonly waiting: Entry[] = [];
	private readonly sent = new Map<number, Entry>();
	private readonly workers: Worker[] = [];
	private nextId = 0;
	private replacements: number;
	private closed = false;

	constructor(
		readonly size: number,
		/** The worker's script: parse-worker.ts, or a test's stand-in that crashes. */
		private readonly script = new URL(`./parse-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url),
	) {
		this.replacements = size;
		for (let index = 0; index < size; index++) this.start();
	}

	submit(job: ParseJob): Ticket {
		let resolve!: (parsed: Parsed) => void;
		const parsed = new Promise<Parsed>(done => {
			resolve = done;
		});
		const entry: Entry = {id: this.nextId++, job, parsed, resolve};
		this.waiting.push(entry);
		this.dispatch();
		return entry;
	}

	/**
	 * The ticket's parse; on this thread when no worker has taken it yet and `help` allows (a
	 * collect does not wait for threads to start; a test that must see them parse does).
	 */
	async take(ticket: Ticket, help = true): Promise<Parsed> {
		const index = this.waiting.indexOf(ticket as Entry);
		if (index >= 0 && help) {
			this.waiting.splice(index, 1);
			threadWork.transcripts.onMain += 1;
			(ticket as Entry).resolve(await parseTranscript(ticket.job));
		}

		return ticket.parsed;
	}

	private start(): void {
		// A larger young generation: a parsed file is many short-lived objects (trackers/reader-pool.ts).
		// Held (ref) while it starts: files may be waiting for it that nothing else keeps alive.
		const worker = startThread('transcripts', this.script, {resourceLimits: {maxYoungGenerationSizeMb: 48}});
		worker.on('message', (message: {ready: true} | {id: number; parsed: Parsed}) => {
			if ('ready' in message) {
				worker.unref();
				this.ready.push(worker);
				this.dispatch();
			} else {
				this.settle(worker, message.id, message.parsed);
			}
		});
		worker.on('error', error => this.lose(worker, error.message));
		worker.on('exit', code => this.lose(worker, `it exited with code ${code}`));
		this.workers.push(worker);
	}

	private dispatch(): void {
		while (this.ready.length > 0 && this.waiting.length > 0) {
			const worker = this.ready.pop()!;
			const next = this.waiting.shift()!;
			next.worker = worker;
			this.sent.set(next.id, next);
			worker.ref();
			worker.postMessage({id: next.id, job: next.job});
		}

		// No thread left and none to come: this thread parses what waits for one, now and later.
		if (this.workers.length === 0 && this.replacements === 0 && !this.closed) {
			for (const entry of this.waiting.splice(0)) {
				threadWork.transcripts.onMain += 1;
				void parseTranscript(entry.job).then(entry.resolve);
			}
		}
	}

	private settle(worker: Worker, id: number, parsed: Parsed): void {
		const entry = this.sent.get(id);
		this.sent.delete(id);
		threadRead('transcripts', worker);

		worker.unref();
		this.ready.push(worker);
		entry?.resolve(parsed);
		this.dispatch();
	}

	private lose(worker: Worker, reason: string): void {
		const index = this.workers.indexOf(worker);
		if (index < 0) return;
		this.workers.splice(index, 1);
		threadLost('transcripts', reason);
		const readyIndex = this.ready.indexOf(worker);
		if (readyIndex >= 0) this.ready.splice(readyIndex, 1);
		for (const [id, entry] of this.sent) {
			if (entry.worker !== worker) continue;
			this.sent.delete(id);
			entry.resolve({resumed: false, problem: `cannot be read: the thread parsing it stopped (${reason})`});
		}

		if (this.closed) return;
		if (this.replacements > 0) {
			this.replacements -= 1;
			this.start();
		} else {
			this.dispatch();
		}
	}

	async close(): Promise<void> {
		this.closed = true;
		const workers = this.workers.splice(0);
		this.ready.length = 0;
		await Promise.all(workers.map(async worker => worker.terminate()));
	}
}
