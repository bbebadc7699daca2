import {readFileSync} from 'node:fs';
import {ConfigError} from './errors.js';

/** Optional settings file, for what one would otherwise type on every call. */
export interface Config {
	db?: string;
	timezone?: string;
	naive_timezone?: string;
	claude_dir?: string;
	/** The team's PostgreSQL server (README, Teams); SKILLSCOPE_TEAM_URL comes first. */
	team?: {url?: string};
}

const KEYS = ['db', 'timezone', 'naive_timezone', 'claude_dir', 'team'] as const;

/** `team`: an object of `url`, a non-empty string. */
function teamProblem(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'team: expected an object, e.g. {"url": "postgres://user@host/db"}';
	for (const [key, url] of Object.entries(value)) {
		if (key !== 'url') return `team: unrecognized key "${key}" (allowed: url)`;
		if (typeof url !== 'string' || url.length === 0) return 'team.url: expected a non-empty string';
	}

	return undefined;
}

/*
 * Checked by hand, not with zod: every command reads this file before it opens the database, and
 * zod's 35 ms of loading would come first. Accepts exactly what z.strictObject of optional
 * non-empty strings accepts (and `team`, an object of one such string).
 */
function configProblem(parsed: unknown): string | undefined {
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'config: expected an object';
	for (const [key, value] of Object.entries(parsed)) {
		if (!(KEYS as readonly string[]).includes(key)) return `config: unrecognized key "${key}"`;
		if (value === undefined) continue;
		if (key === 'team') {
			const problem = teamProblem(value);
			if (problem) return problem;
			continue;
		}

		if (typeof value !== 'string') return `${key}: expected a string, got ${value === null ? 'null' : typeof value}`;
		if (value.length === 0) return `${key}: must not be empty`;
	}

	return undefined;
}

export {configPath} from './config-path.js';
export {ConfigError} from './errors.js';

/** The settings in `file` (see configPath); none when it does not exist. */
export function loadConfig(file: string): Config {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
		throw new ConfigError(`${file}: cannot be read: ${(error as Error).message}`);
	}

	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		throw new ConfigError(`${file}: invalid JSON: ${(error as Error).message}`);
	}

	const problem = configProblem(parsed);
	if (problem) throw new ConfigError(`${file}: ${problem} (allowed keys: ${KEYS.join(', ')})`);
	return parsed as Config;
}
