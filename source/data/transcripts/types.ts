import type {Project} from '../registry/registry.js';

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
	| {type: 'transcript-found'; project: Project; file: string; unchanged: boolean}
	| {type: 'error'; project: Project; file: string; message: string}
	| {type: 'notice'; message: string};

export interface TranscriptCollectOptions {
	root: string;
	/** Every active project: a file belongs to the longest of their paths that holds its launch directory. */
	active: readonly Project[];
	/** Those whose files are read now. */
	wanted: readonly Project[];
	force?: boolean;
	signal?: AbortSignal;
	onEvent?: (event: TranscriptEvent) => void;
	/** Longer lines are reported and skipped (ReadLimits, from the environment). */
	maxLineBytes?: number;
	/** Threads that parse files ahead of the one being stored (reads-ahead.ts); 0 or none: this thread. */
	readWorkers?: number;
	/** 'auto': threads when there is enough to read; 'main': never; 'workers': always (tests). */
	readers?: 'auto' | 'main' | 'workers';
}

/** What a merge did to one project's rows. */
export interface ProjectWrites {
	/** Calls that share an id with another skill's: kept, and said (transcripts.md, "Identity"). */
	clashes?: string[];
	inserted: number;
	updated: number;
	unchanged: number;
	fromUs?: number;
	toUs?: number;
}
