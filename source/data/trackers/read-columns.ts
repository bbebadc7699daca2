import type {SourceProblem} from '../../domain/types.js';
import type {ReadLimits} from '../../formats/limits.js';
import {readSource, SourceError, type FoundSource} from '../../formats/trackers/sources.js';
import {anchorOfFile, type TailAnchor} from '../../formats/trackers/tail.js';
import {toUsageColumns, type UsageColumns} from '../store/usage-columns.js';

/** At most this many problems travel with a read; the count stays exact. */
export const PROBLEMS_KEPT = 20;

/** One source read and validated, as the collector stores it, or why nothing in it can be used. */
export type ReadOutcome =
	| {ok: true; columns: UsageColumns; problems: SourceProblem[]; problemCount: number; anchor?: TailAnchor}
	| {ok: false; message: string};

/** How a source is read: the zone of its naive times, and the limits of the collect. */
export interface SourceReading {
	naiveZone: string;
	limits: ReadLimits;
}

export async function readSourceColumns(source: FoundSource, reading: SourceReading): Promise<ReadOutcome> {
	try {
		const {records, problems} = await readSource(source, reading.naiveZone, reading.limits);
		// Where a clean read of a tracker file ended: a grown file is read from there next time.
		const anchor = problems.length === 0 && source.kind === 'json' ? await anchorOfFile(source.absolutePath, source).catch(() => undefined) : undefined;
		return {ok: true, columns: toUsageColumns(records), problems: problems.slice(0, PROBLEMS_KEPT), problemCount: problems.length, ...(anchor ? {anchor} : {})};
	} catch (error) {
		const message = error instanceof SourceError ? error.message : `${source.absolutePath}: ${(error as Error).message}`;
		return {ok: false, message};
	}
}
