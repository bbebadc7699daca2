import {aggregatesAreFresh, ensureAggregates} from '../../data/rollups/aggregator.js';
import type {Database} from '../../data/store/database.js';
import {ensureWorkflows, workflowsAreFresh} from '../../data/rollups/workflows.js';
import {queueWrite} from '../write-queue.js';

/**
 * The rollups a view reads, brought up to date first. Refreshing them writes: it waits its turn
 * behind a running collect or registry change (which would otherwise fail on a write conflict),
 * and costs nothing when they are fresh.
 */
export async function freshRollups(database: Database, zone: string, options: {workflows?: boolean} = {}): Promise<void> {
	const fresh = async () => (await aggregatesAreFresh(database, zone)) && (!options.workflows || (await workflowsAreFresh(database)));
	if (await fresh()) return;
	await queueWrite(database, async () => {
		await ensureAggregates(database, zone);
		if (options.workflows) await ensureWorkflows(database);
	});
}
