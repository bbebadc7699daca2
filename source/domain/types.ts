/** One invocation as every source format normalises it, before it becomes a `skill_usage` row. */
export type Status = 'succeeded' | 'failed' | 'pending';

/** How the work a use drove ended (outcomes.md); null while pending or not known. */
export type Outcome = 'clean' | 'interrupted' | 'rejected' | 'errored' | 'load_failed';

export const OUTCOMES: readonly Outcome[] = ['clean', 'interrupted', 'rejected', 'errored', 'load_failed'];

export interface UsageRecord {
	skillName: string;
	/** Absolute instant, microseconds since the Unix epoch (exact in a double until year 2255). */
	invokedAtUs: number;
	completedAtUs: number | null;
	durationMs: number | null;
	status: Status;
	followupActions: number;
	sessionId: string | null;
	workflowPath: string | null;
	errorType: string | null;
	followUpNames: string[];
	metadata: Record<string, unknown>;
}

/** A problem found while reading a source: a whole file (no index) or one record in it. */
export interface SourceProblem {
	file: string;
	message: string;
	recordIndex?: number;
}

export interface SourceReadResult {
	records: UsageRecord[];
	problems: SourceProblem[];
}

/**
 * A tracker invocation (variants A, B, C and the SQLite store) after its fields were read,
 * before validation: the shape session-buddy and crackerjack write.
 */
export type RawTrackerInvocation = Record<string, unknown>;
