import {Worker, type WorkerOptions} from 'node:worker_threads';

/**
 * What the reader threads of one kind of file did in this process, counted by their pools
 * (trackers/reader-pool.ts, transcripts/parse-pool.ts). A pool falls back to the main thread when
 * its threads are gone: the rows stay right, so only these counts tell a test that threads did
 * read, and the collector that one was lost (it says so in a notice).
 */
export interface ThreadWork {
	/** Threads started (replacements too). */
	started: number;
	/** Of those, the threads that read at least one file. */
	reading: number;
	/** Files read on threads. */
	onThreads: number;
	/** Files a pool read on the main thread: no thread was left (or, for transcripts, none had started yet). */
	onMain: number;
	/** Threads that stopped before their pool closed them. */
	lost: number;
	/** Why the last few of them stopped, oldest first. */
	reasons: string[];
}

const KEPT_REASONS = 8;

const blank = (): ThreadWork => ({started: 0, reading: 0, onThreads: 0, onMain: 0, lost: 0, reasons: []});

/** Counts only grow: a caller compares two copies (workSince) to see what happened in between. */
export const threadWork = {trackers: blank(), transcripts: blank()};

export type ThreadKind = keyof typeof threadWork;

export function snapshotWork(kind: ThreadKind): ThreadWork {
	const work = threadWork[kind];
	return {...work, reasons: [...work.reasons]};
}

/** What the threads of `kind` did since `before` (a snapshotWork). */
export function workSince(kind: ThreadKind, before: ThreadWork): ThreadWork {
	const now = threadWork[kind];
	const lost = now.lost - before.lost;
	return {
		started: now.started - before.started,
		reading: now.reading - before.reading,
		onThreads: now.onThreads - before.onThreads,
		onMain: now.onMain - before.onMain,
		lost,
		reasons: lost > 0 ? now.reasons.slice(-lost) : [],
	};
}

/** Threads that have read a file: each counts once in its kind's `reading`. */
const readers = new WeakSet<Worker>();

/** A file read by `worker`: counted for its kind, and the thread among those that read. */
export function threadRead(kind: ThreadKind, worker: Worker): void {
	const work = threadWork[kind];
	work.onThreads += 1;
	if (readers.has(worker)) return;
	readers.add(worker);
	work.reading += 1;
}

export function threadLost(kind: ThreadKind, reason: string): void {
	const work = threadWork[kind];
	work.lost += 1;
	work.reasons.push(reason.split('\n')[0]!);
	if (work.reasons.length > KEPT_REASONS) work.reasons.shift();
}

/**
 * A reader thread running `script`. Under tsx (tests) the script is TypeScript, which a worker
 * loads only once tsx is registered in it: `--import tsx` reaches the worker's arguments but not
 * its loader (Node 20), and the worker died at once ("Unknown file extension .ts"), leaving every
 * file to the main thread without a word. The built package (.js) starts the script itself.
 */
export function startThread(kind: ThreadKind, script: URL, options: WorkerOptions): Worker {
	threadWork[kind].started += 1;
	if (!script.pathname.endsWith('.ts')) return new Worker(script, options);
	// Resolved here, not in the worker: an evaluated script resolves packages from the working directory.
	const tsx = import.meta.resolve('tsx/esm/api');
	const bootstrap = `import(${JSON.stringify(tsx)}).then(({register}) => { register(); return import(${JSON.stringify(script.href)}); })`;
	return new Worker(bootstrap, {...options, eval: true});
}

/** What each kind of thread did so far: taken before a collect, compared after it (threadNotices). */
export function snapshotAll(): Record<ThreadKind, ThreadWork> {
	return {trackers: snapshotWork('trackers'), transcripts: snapshotWork('transcripts')};
}

const AFTER_LOSS: Record<ThreadKind, string> = {
	trackers: 'the files they held were read on the main thread',
	transcripts: 'a file one was parsing is reported as an error, the rest were parsed by the threads left or the main thread',
};

/** A sentence for each kind of thread lost since `before`: rows are whole, but the person should know. */
export function threadNotices(before: Record<ThreadKind, ThreadWork>): string[] {
	return (['trackers', 'transcripts'] as const).flatMap(kind => {
		const {lost, reasons} = workSince(kind, before[kind]);
		if (lost === 0) return [];
		const threads = lost === 1 ? 'a reader thread' : `${lost} reader threads`;
		return [`warning: ${threads} for ${kind === 'trackers' ? 'tracker files' : 'transcripts'} stopped (${[...new Set(reasons)].join('; ')}); ${AFTER_LOSS[kind]}`];
	});
}
