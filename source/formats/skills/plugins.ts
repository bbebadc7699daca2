import {readFile} from 'node:fs/promises';

/*
 * `<root>/plugins/installed_plugins.json`, as Claude Code writes it: version 2 is
 * `{"version": 2, "plugins": {"name@marketplace": [{"scope", "installPath", "version", ...}]}}`
 * (one entry per scope it is installed in); version 1 held one object per key instead of a list.
 * Both are read; an entry without a string `installPath` is reported and skipped, a file that is
 * not JSON or not that shape is reported and yields no plugins.
 */

/** A file or folder that could not be read at all (the others still were). */
export interface SourceProblem {
	file: string;
	message: string;
}

export interface InstalledPlugin {
	/** The key as written, e.g. `superpowers@claude-plugins-official`. */
	key: string;
	/** The part of the key before `@`: the prefix of its skills' names. */
	name: string;
	installPath: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export async function readInstalledPlugins(file: string): Promise<{plugins: InstalledPlugin[]; problems: SourceProblem[]}> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {plugins: [], problems: []};
		return {plugins: [], problems: [{file, message: `${file}: cannot be read: ${(error as Error).message}`}]};
	}

	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		return {plugins: [], problems: [{file, message: `${file}: not JSON (${(error as Error).message}); no plugin skills listed`}]};
	}

	if (!isObject(parsed) || !isObject(parsed.plugins)) {
		return {plugins: [], problems: [{file, message: `${file}: has no "plugins" object; no plugin skills listed`}]};
	}

	const plugins: InstalledPlugin[] = [];
	const problems: SourceProblem[] = [];
	const seen = new Set<string>();
	for (const [key, value] of Object.entries(parsed.plugins)) {
		const entries = Array.isArray(value) ? value : [value];
		for (const [index, entry] of entries.entries()) {
			const installPath = isObject(entry) ? entry.installPath : undefined;
			if (typeof installPath !== 'string' || installPath === '') {
				problems.push({file, message: `${file}: plugins["${key}"]${Array.isArray(value) ? `[${index}]` : ''} has no "installPath"; skipped`});
				continue;
			}

			// The same install listed for two scopes is one set of skills.
			if (seen.has(installPath)) continue;
			seen.add(installPath);
			const at = key.indexOf('@');
			plugins.push({key, name: at > 0 ? key.slice(0, at) : key, installPath});
		}
	}

	return {plugins, problems};
}
