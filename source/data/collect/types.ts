import type {FoundSource} from '../../formats/trackers/sources.js';
import type {CollectTuning} from './tuning.js';
import type {Project} from '../registry/registry.js';

export interface ProjectReport {
	project_id: string;
	project_name: string;
	project_path: string;
	sources: number;
	collected: number;
	updated: number;
	unchanged: number;
	/** Sources not read again: their size and modification time are those of the last collect. */
	skipped_sources: number;
	errors: number;
	error_details: Array<{file: string; message: string}>;
	duration_ms: number;
	notice?: string;
	/** Of `sources`, the Claude Code transcripts (when a root was given). */
	transcripts?: number;
}

export interface CollectTotals {
	projects: number;
	collected: number;
	updated: number;
	unchanged: number;
	errors: number;
	duration_ms: number;
}

export interface CollectReport {
	projects: ProjectReport[];
	totals: CollectTotals;
	cancelled: boolean;
}

/** What the explorer shows live; one-shot commands print them to stderr. */
export type CollectEvent =
	| {type: 'collect-started'; projects: number}
	| {type: 'project-started'; project: Project; sources: number}
	| {type: 'source-read'; project: Project; file: string; records: number; problems: number}
	| {type: 'source-skipped'; project: Project; file: string; records: number}
	/** A transcript found to be the project's: read next (a 'source-read' follows), or unchanged. */
	| {type: 'transcript-found'; project: Project; file: string; unchanged: boolean}
	| {type: 'rows-written'; project: Project; file: string; inserted: number; updated: number}
	| {type: 'error'; project: Project; file: string; message: string}
	| {type: 'project-finished'; report: ProjectReport}
	| {type: 'aggregating'}
	/** Something the person should know about this collect, said once (e.g. the re-read after an upgrade). */
	| {type: 'notice'; message: string}
	| {type: 'collect-finished'; report: CollectReport};

export interface CollectOptions {
	/** Zone of naive timestamps (formats.md): the machine's unless configured. */
	naiveTimezone: string;
	/** Zone of the aggregate buckets. */
	displayTimezone: string;
	/** Only these projects (ids); every active project otherwise. */
	projectIds?: readonly string[];
	onEvent?: (event: CollectEvent) => void;
	/** Checked between sources: a cancelled collect never leaves a source half-written. */
	signal?: AbortSignal;
	/**
	 * Read every source again, even those whose size and modification time are unchanged since
	 * the last collect (which are otherwise skipped, their records counted as unchanged).
	 */
	force?: boolean;
	/**
	 * How JSON trackers are read: 'auto' (default) lets DuckDB's JSON reader take the files too
	 * large for the JavaScript path (when it can read them exactly like it), 'js' always uses the
	 * JavaScript path (zod),
	 * 'duckdb' tries DuckDB on every JSON file. Rows are the same either way; this is for tests
	 * and benchmarks.
	 */
	jsonReader?: 'auto' | 'js' | 'duckdb';
	/**
	 * Where JSON sources and Claude Code transcripts are read: 'auto' (default) on worker threads,
	 * ahead of the file being stored, when the collect reads enough to pay for starting them; 'main'
	 * on this thread, one file at a time; 'workers' always on worker threads (transcripts: only on
	 * them, never this thread). Rows are the same either way.
	 */
	readers?: 'auto' | 'main' | 'workers';
	/** The Claude Code root whose transcripts are collected too (transcripts.md); none without it. */
	claudeRoot?: string;
	/** Limits and threads, from the environment (defaultTuning() when absent). */
	tuning?: CollectTuning;
}

/** Where a tracker file's last clean read ended (data/trackers/tails.ts), and the records it left. */
export interface TailState {
	anchor: {offset: number; sha1: string};
	records: number;
}

/** A project's sources, found before any is read, and those unchanged since the last collect. */
export interface ProjectPlan {
	project: Project;
	sources: FoundSource[];
	skippable: Map<string, number>;
	/** Changed tracker files that may have grown: read from their anchor first. */
	tails?: Map<string, TailState>;
}
