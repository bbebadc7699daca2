import path from 'node:path';

/**
 * The environment of a test's own skillscope: its database, an absent config file, a home and
 * a Claude config directory of its own under `directory`, so that nothing of the machine's
 * (~/.claude, ~/.config/skillscope) is ever read. `extra` adds or overrides variables
 * (SKILLSCOPE_NOW, a real config file, ...).
 */
export function isolatedEnv(directory: string, extra: Record<string, string> = {}): Record<string, string> {
	return {
		HOME: path.join(directory, 'home'),
		CLAUDE_CONFIG_DIR: path.join(directory, 'home', '.claude'),
		XDG_CONFIG_HOME: path.join(directory, 'home', '.config'),
		SKILLSCOPE_DB: path.join(directory, 'db.duckdb'),
		SKILLSCOPE_CONFIG: path.join(directory, 'none.json'),
		...extra,
	};
}
