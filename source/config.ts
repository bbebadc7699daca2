import {readFileSync} from 'node:fs';
import {z} from 'zod';
import {ConfigError} from './config-path.js';

/** Optional settings file, for what one would otherwise type on every call. */
const configSchema = z
	.object({
		db: z.string().min(1).optional(),
		timezone: z.string().min(1).optional(),
		naive_timezone: z.string().min(1).optional(),
		claude_dir: z.string().min(1).optional(),
	})
	.strict();

export type Config = z.infer<typeof configSchema>;

export {ConfigError, configPath} from './config-path.js';

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

	const result = configSchema.safeParse(parsed);
	if (!result.success) {
		const issue = result.error.issues[0];
		throw new ConfigError(`${file}: ${issue?.path.join('.') || 'config'}: ${issue?.message ?? 'invalid'} (allowed keys: db, timezone, naive_timezone, claude_dir)`);
	}

	return result.data;
}
