import {readdir} from 'node:fs/promises';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import type {ManifestEntry, RegisteredCommand} from '../source/commands/command.js';
import {commandFlags} from '../source/commands/flag-types.js';
import {COMMANDS} from '../source/commands/registry.js';
import {helpText} from '../source/help.js';

/*
 * source/commands/manifest.ts as it should read: --help and each command's name, usage,
 * positionals and flags, from the registry (the one list). `npm run manifest` writes it; a test
 * compares, so a command added to the registry fails the tests until the manifest is written again.
 */

export const MANIFEST_FILE = path.join(import.meta.dirname, '..', 'source', 'commands', 'manifest.ts');
const COMMANDS_DIRECTORY = path.dirname(MANIFEST_FILE);

/** Where each command is exported: `<name>.ts` if it is there, else the first module that exports it. */
async function exportsOf(): Promise<Map<RegisteredCommand, {module: string; exportName: string}>> {
	const found = new Map<RegisteredCommand, {module: string; exportName: string}>();
	const files = (await readdir(COMMANDS_DIRECTORY)).filter(file => file.endsWith('.ts') && file !== 'manifest.ts').sort();
	for (const file of files) {
		const module = (await import(pathToFileURL(path.join(COMMANDS_DIRECTORY, file)).href)) as Record<string, unknown>;
		for (const [exportName, value] of Object.entries(module)) {
			const command = COMMANDS.find(each => each === value);
			if (!command || (found.has(command) && file !== `${command.name}.ts`)) continue;
			found.set(command, {module: file.replace(/\.ts$/, '.js'), exportName});
		}
	}

	return found;
}

/** The help as meow printed it: blank lines at either end trimmed, one newline before. */
export function helpOutput(): string {
	return `\n${helpText().replace(/^\n+|\s+$/g, '')}\n`;
}

const template = (text: string) => `\`${text.replaceAll('\\', '\\\\').replaceAll('`', '\\`').replaceAll('${', '\\${')}\``;

export async function manifestSource(): Promise<string> {
	const where = await exportsOf();
	const entries = COMMANDS.map(command => {
		const found = where.get(command);
		if (!found) throw new Error(`${command.name}: no module under source/commands exports it`);
		const entry: ManifestEntry = {name: command.name, usage: command.usage, flags: Object.fromEntries(commandFlags(command)), report: command.execute !== undefined, ...found};
		if (command.positionals) entry.positionals = command.positionals;
		return `\t${JSON.stringify(entry)},`;
	});
	return `// Generated from registry.ts by \`npm run manifest\` (scripts/command-manifest.ts): do not edit.
// test/cli/manifest.test.ts fails when it no longer matches the registry.
import type {ManifestEntry} from './command.js';

/** \`skillscope --help\`, as printed. */
export const HELP = ${template(helpOutput())};

/** Every command of the registry, in its order: what the command line checks before loading one. */
export const COMMAND_MANIFEST: readonly ManifestEntry[] = [
${entries.join('\n')}
];
`;
}
