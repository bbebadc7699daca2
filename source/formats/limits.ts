/**
 * How much a reader takes in one piece. Set at the edge (environment.ts: SKILLSCOPE_MAX_SOURCE_BYTES,
 * SKILLSCOPE_MAX_LINE_BYTES) and passed to every read; these defaults hold when nothing is set.
 */
export interface ReadLimits {
	/**
	 * Tracker sources are read whole into memory (JSON.parse, sql.js): a larger file is refused with
	 * an error instead of exhausting memory. 512 MiB is also about the longest string V8 makes.
	 */
	maxSourceBytes: number;
	/** A transcript line longer than this is reported and skipped: JSON.parse needs it as one string. */
	maxLineBytes: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {maxSourceBytes: 512 * 1024 * 1024, maxLineBytes: 256 * 1024 * 1024};
