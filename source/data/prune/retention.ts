import {refreshAggregates} from '../rollups/aggregator.js';
import type {Database} from '../store/database.js';
import {markDataChanged} from '../store/settings.js';
import {refreshWorkflows} from '../rollups/workflows.js';

export interface PruneOptions {
	/** Rows invoked before this calendar day (YYYY-MM-DD) of `timezone` are deleted. */
	before: string;
	timezone: string;
}

const OLD_ROWS = `FROM skill_usage WHERE timezone($tz, invoked_at)::DATE < $day::DATE`;

/** How many raw rows a prune would delete. */
export async function countPrunable(database: Database, options: PruneOptions): Promise<number> {
	const row = await database.one<{rows: number}>(`SELECT count(*)::INTEGER AS rows ${OLD_ROWS}`, {tz: options.timezone, day: options.before});
	return row?.rows ?? 0;
}

/**
 * Deletes raw rows older than the day, then recomputes every rollup from what is left, so no
 * aggregate still counts a deleted row. Registered projects and their settings stay.
 */
export async function pruneOlderThan(database: Database, options: PruneOptions): Promise<{deletedRows: number}> {
	const deletedRows = await database.transaction(async () => {
		const count = await countPrunable(database, options);
		await database.run(`DELETE ${OLD_ROWS}`, {tz: options.timezone, day: options.before});
		// Remembered, so that a later collect of a file still holding these records does not
		// bring them back: a prune only ever moves the cutoff forward.
		await database.run(
			`INSERT INTO settings VALUES ('retention_cutoff', iso(timezone($tz, $day::DATE::TIMESTAMP)))
			ON CONFLICT (key) DO UPDATE SET value = greatest(settings.value, excluded.value)`,
			{tz: options.timezone, day: options.before},
		);
		// In the same transaction: if what follows is interrupted, readers know the rollups and
		// sessions are stale and rebuild them.
		if (count > 0) await markDataChanged(database);
		return count;
	});
	if (deletedRows > 0) {
		await refreshAggregates(database, {timezone: options.timezone});
		await refreshWorkflows(database);
	}

	return {deletedRows};
}
