import os from 'node:os';
import path from 'node:path';

/* Where the settings file is: known on every call, without its schema (zod). */

export function configPath(env: NodeJS.ProcessEnv): string {
	return env.SKILLSCOPE_CONFIG ?? path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'skillscope', 'config.json');
}

