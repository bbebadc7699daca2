import {commandUsage, type FlagType, type ManifestEntry, optionLabel} from './commands/command.js';
import {COMMAND_MANIFEST} from './commands/manifest.js';
import {canonicalZone, isValidZone} from './domain/timestamps.js';
import {CommandUsageError} from './errors.js';

/*
 * The command line, from the commands' manifest (manifest.ts, generated from their option
 * schemas): argv.ts reads every option as text or a switch, then the command's own schema checks
 * and converts it once the command is loaded.
 */

/** Options of every call, not of one command. */
export const GLOBAL_FLAGS = {
	db: 'string',
	timezone: 'string',
	naiveTimezone: 'string',
	claudeDir: 'string',
	json: 'boolean',
	color: 'boolean',
	debug: 'boolean',
} as const satisfies Record<string, FlagType>;

export interface GlobalFlags {
	db?: string;
	timezone?: string;
	naiveTimezone?: string;
	claudeDir?: string;
	json: boolean;
	color: boolean;
	debug: boolean;
}

export const GLOBAL_DEFAULTS: Pick<GlobalFlags, 'json' | 'color' | 'debug'> = {json: false, color: true, debug: false};

/** Taken alone, before anything else is read; elsewhere accepted and ignored, as meow did. */
const ANSWERED_FIRST = {help: 'boolean', version: 'boolean'} as const;

/** How each flag is read: the global ones, every command's (the registry test holds one type per name), --help and --version. */
export function flagTypes(entries: readonly ManifestEntry[] = COMMAND_MANIFEST): Record<string, FlagType> {
	const types: Record<string, FlagType> = {...GLOBAL_FLAGS, ...ANSWERED_FIRST};
	for (const entry of entries) for (const [key, type] of Object.entries(entry.flags)) types[key] ??= type;
	return types;
}

const kebab = (key: string) => key.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);

/**
 * The command and its input: flags of another command and a wrong count of arguments are usage
 * errors naming the right form; the values themselves are checked by the command's schema.
 */
export function commandInput(name: string, flags: Record<string, unknown>, args: readonly string[]): {entry: ManifestEntry; input: Record<string, unknown>} {
	const entry = COMMAND_MANIFEST.find(each => each.name === name);
	if (!entry) throw new CommandUsageError(`unknown command "${name}"; commands: ${COMMAND_MANIFEST.map(each => each.name).join(', ')}`);
	const usage = commandUsage(entry);
	const input: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(flags)) {
		if (key in GLOBAL_FLAGS || key in ANSWERED_FIRST || value === undefined || value === false) continue;
		if (!(key in entry.flags)) throw new CommandUsageError(`--${kebab(key)} does not apply to "${name}"`, usage);
		if (typeof value === 'string' && value.trim() === '') throw new CommandUsageError(`${optionLabel(entry, key)} needs a value`, usage);
		input[key] = value;
	}

	Object.assign(input, positionalInput(entry, args, usage));
	return {entry, input};
}

function positionalInput(entry: ManifestEntry, args: readonly string[], usage: string): Record<string, unknown> {
	const positionals = entry.positionals ?? [];
	const min = positionals.filter(argument => !argument.optional).length;
	const max = positionals.some(argument => argument.variadic) ? Number.POSITIVE_INFINITY : positionals.length;
	if (args.length < min) throw new CommandUsageError(`"${entry.name}" needs ${min === 1 ? 'an argument' : `${min} arguments`}`, usage);
	if (args.length > max) throw new CommandUsageError(`"${entry.name}" takes ${max === 0 ? 'no arguments' : `at most ${max}`}, got ${args.join(' ')}`, usage);
	const input: Record<string, unknown> = {};
	positionals.forEach((argument, index) => {
		if (argument.variadic) input[argument.key] = args.slice(index);
		else if (index < args.length) input[argument.key] = args[index];
	});
	return input;
}

export function parseZone(value: string | undefined, flag: string): string | undefined {
	if (value === undefined) return undefined;
	if (!isValidZone(value)) throw new CommandUsageError(`${flag} "${value}" is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)`);
	return canonicalZone(value);
}
