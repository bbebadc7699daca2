import type {Database} from '../store/database.js';

/** Whether any invocation was collected: the explorer opens on the leaderboard then, else on the registry. */
export async function hasUsage(database: Database): Promise<boolean> {
	const row = await database.one<{any: boolean}>(`SELECT EXISTS (SELECT 1 FROM skill_usage) AS any`);
	return row?.any === true;
}
