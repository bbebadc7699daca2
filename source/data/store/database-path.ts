import os from 'node:os';
import path from 'node:path';

/* Which file a call opens, known before DuckDB is loaded (main.ts loads it beside the command). */

export const DEFAULT_DB_PATH = path.join(os.homedir(), '.claude', 'data', 'mahavishnu', 'skill_metrics.duckdb');

export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
	const chosen = flag ?? env.SKILLSCOPE_DB ?? DEFAULT_DB_PATH;
	return chosen === ':memory:' ? chosen : path.resolve(chosen);
}
