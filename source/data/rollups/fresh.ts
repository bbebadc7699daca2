import type {Database} from '../store/database.js';
import {aggregatesAreFresh, refreshAggregates} from './aggregator.js';
import {refreshWorkflows, workflowsAreFresh} from './workflows.js';

/**
 * The one answer to "are the rollups this question reads fresh, and if not, bring them up to date"
 * for every reader: the commands (and so the MCP tools, which run them), the explorer's hooks, the
 * queries that read sessions. Writers (collect, pull, prune) refresh what they changed themselves.
 */
export interface RollupNeeds {
	/** The rollups by time window, bucketed in this zone (another zone moves every bucket). */
	zone?: string;
	/** The sessions (`workflow_executions`) and the pairs counted from them. */
	workflows?: boolean;
}

/** Runs a write when it is its turn: the explorer queues it behind a running collect; a command just runs it. */
export type WriteTurn = (work: () => Promise<void>) => Promise<void>;

const now: WriteTurn = work => work();

export async function rollupsAreFresh(database: Database, needs: RollupNeeds): Promise<boolean> {
	if (needs.zone !== undefined && !(await aggregatesAreFresh(database, needs.zone))) return false;
	return !needs.workflows || (await workflowsAreFresh(database));
}

/**
 * Costs a settings read when fresh. When not, the refresh runs in `turn`, and asks again there:
 * another writer may have brought them up to date while this one waited.
 */
export async function freshRollups(database: Database, needs: RollupNeeds, turn: WriteTurn = now): Promise<void> {
	if (await rollupsAreFresh(database, needs)) return;
	const refresh = async () => {
		if (needs.zone !== undefined && !(await aggregatesAreFresh(database, needs.zone))) await refreshAggregates(database, {timezone: needs.zone});
		if (needs.workflows && !(await workflowsAreFresh(database))) await refreshWorkflows(database);
	};
	try {
		await turn(refresh);
	} catch (error) {
		/*
		 * A reader must answer even when the refresh cannot be saved (a full disk, a file that may
		 * not grow): it refreshes again in a transaction it never commits, reads that, and leaves
		 * the file as it was. Not the stale rollups: they may be of another zone, or none at all,
		 * and they leave out what changed, so the answer would be wrong where this one is exact.
		 * Not the raw rows: every query reads the rollups, and a second way for each is a second
		 * set of definitions to keep equal. A refresh that fails for another reason fails again
		 * there, and that error stands.
		 */
		if (!database.canHoldWrites) throw error;
		const cause = (error instanceof Error ? error.message : String(error)).split('\n')[0];
		await database.holdingWrites(`the rollups could not be saved (${cause}): this answer computed them without saving; the next command tries again`, async () => turn(refresh));
	}
}
