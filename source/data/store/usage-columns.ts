import type {Status, UsageRecord} from '../../domain/types.js';

/**
 * A source's records as columns, ready for the appender: what a reader worker hands the main
 * thread (typed arrays and plain strings clone far faster than 100,000 nested objects), with the
 * metadata already serialised off the main thread. NaN stands for NULL in the number columns.
 */
export interface UsageColumns {
	count: number;
	skillName: string[];
	invokedUs: Float64Array;
	sessionId: Array<string | null>;
	completedUs: Float64Array;
	durationMs: Float64Array;
	/** Index into STATUSES. */
	status: Uint8Array;
	followupActions: Int32Array;
	workflowPath: Array<string | null>;
	errorType: Array<string | null>;
	metadata: string[];
}

export const STATUSES: readonly Status[] = ['succeeded', 'failed', 'pending'];

/** Half a surrogate pair: JSON.stringify escapes it as `\udXXX`, which DuckDB's JSON refuses. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** JSON.stringify writes a lone surrogate, and only that, as an escape `\\udXXX` (pairs stay raw). */
const SURROGATE_ESCAPE = /\\ud[89a-f]/i;

export function metadataJson(metadata: Record<string, unknown>): string {
	// The replacer costs a call per value: only a text that may hold a lone surrogate takes it.
	const plain = JSON.stringify(metadata);
	if (!SURROGATE_ESCAPE.test(plain)) return plain;
	return JSON.stringify(metadata, (_key, value: unknown) => (typeof value === 'string' ? value.replace(LONE_SURROGATE, '\ufffd') : value));
}

export function toUsageColumns(records: readonly UsageRecord[]): UsageColumns {
	const count = records.length;
	const columns: UsageColumns = {
		count,
		skillName: new Array<string>(count),
		invokedUs: new Float64Array(count),
		sessionId: new Array<string | null>(count),
		completedUs: new Float64Array(count),
		durationMs: new Float64Array(count),
		status: new Uint8Array(count),
		followupActions: new Int32Array(count),
		workflowPath: new Array<string | null>(count),
		errorType: new Array<string | null>(count),
		metadata: new Array<string>(count),
	};
	for (let index = 0; index < count; index++) {
		const record = records[index]!;
		columns.skillName[index] = record.skillName;
		columns.invokedUs[index] = record.invokedAtUs;
		columns.sessionId[index] = record.sessionId;
		columns.completedUs[index] = record.completedAtUs ?? Number.NaN;
		columns.durationMs[index] = record.durationMs ?? Number.NaN;
		columns.status[index] = STATUSES.indexOf(record.status);
		columns.followupActions[index] = record.followupActions;
		columns.workflowPath[index] = record.workflowPath;
		columns.errorType[index] = record.errorType;
		columns.metadata[index] = metadataJson(record.metadata);
	}

	return columns;
}

/** The typed arrays' buffers, which postMessage can move instead of copying. */
export function transferablesOf(columns: UsageColumns): ArrayBuffer[] {
	return [columns.invokedUs, columns.completedUs, columns.durationMs, columns.status, columns.followupActions].map(array => array.buffer as ArrayBuffer);
}
