import type {Database} from '../store/database.js';

/**
 * DuckDB's buffer pool capped during a push or pull as during a collect (collect/collector.ts says
 * why 450 MB; CollectTuning.memoryLimit): operators spill past it. Without, a pull of 10 M rows
 * peaked at 5.4 GB.
 */
export async function capped<T>(database: Database, limit: string | undefined, work: () => Promise<T>): Promise<T> {
	if (limit === undefined) return work();
	try {
		await database.run(`SET memory_limit = $limit`, {limit});
	} catch (error) {
		throw new Error(`SKILLSCOPE_COLLECT_MEMORY "${limit}" is not a memory size (e.g. 4GB): ${(error as Error).message.split('\n')[0]}`);
	}

	try {
		return await work();
	} finally {
		// The setting is the instance's: what runs after gets DuckDB's default again.
		await database.run(`RESET memory_limit`);
	}
}
