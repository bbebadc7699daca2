import path from 'node:path';

/* Which file a call opens, known before DuckDB is loaded (main.ts loads it beside the command). */

/** Where the original design keeps it, under the home folder. */
export function defaultDbPath(home: string): string {
	return path.join(home, '.claude', 'data', 'mahavishnu', 'skill_metrics.duckdb');
}

/** --db (or the config's), else SKILLSCOPE_DB, else the default under `home`. */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv, home: string): string {
	const chosen = flag ?? env.SKILLSCOPE_DB ?? defaultDbPath(home);
	return chosen === ':memory:' ? chosen : path.resolve(chosen);
}
