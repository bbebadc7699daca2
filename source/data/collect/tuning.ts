import os from 'node:os';
import {DEFAULT_READ_LIMITS, type ReadLimits} from '../../formats/limits.js';

/**
 * The knobs of a collect, read from the environment once at the edge (environment.ts) and passed
 * down with the collect's options; these defaults hold for a caller that sets none (tests, bench).
 */
export interface CollectTuning {
	limits: ReadLimits;
	/** DuckDB's memory during a collect (SKILLSCOPE_COLLECT_MEMORY): collector.ts says why 450 MB. */
	memoryLimit: string;
	/** Reader threads for tracker and transcript files (SKILLSCOPE_READ_WORKERS); 0: all on the main thread. */
	readWorkers: number;
	/** Tracker files from this size go to DuckDB's JSON reader first (SKILLSCOPE_DUCKDB_FROM_BYTES; trackers/fast-path.ts). */
	duckdbFromBytes: number;
	/** SKILLSCOPE_DEBUG_FAST_PATH: say on stderr why DuckDB's reader did not take a file. */
	debugFastPath: boolean;
	/** SKILLSCOPE_READERS: where files are read when the caller does not say (CollectOptions.readers), for tests and benchmarks of the built CLI. */
	readers?: 'auto' | 'main' | 'workers';
}

/**
 * One core is left to the main thread and DuckDB. On 2 cores a second reader gained about 7 % and
 * cost ~200 MB of peak memory (a parsed file in flight), so there is one.
 */
export function defaultReadWorkers(): number {
	return Math.max(1, Math.min(4, os.availableParallelism() - 1));
}

export function defaultTuning(): CollectTuning {
	return {limits: DEFAULT_READ_LIMITS, memoryLimit: '450MB', readWorkers: defaultReadWorkers(), duckdbFromBytes: 2 * 1024 * 1024, debugFastPath: false};
}

/** The tuning a collect's options carry, or the defaults. */
export function tuningOf(options: {tuning?: CollectTuning}): CollectTuning {
	return options.tuning ?? defaultTuning();
}
