import {z} from 'zod';
import {commandUsage, optionLabel, type RegisteredCommand} from './commands/command.js';
import {COMMANDS, findCommand} from './commands/registry.js';
import {canonicalZone, isValidZone} from './domain/timestamps.js';
import {CommandUsageError} from './errors.js';

/*
 * The command line, built from the commands' option schemas: meow reads every option as text or
 * a switch, then the command's own schema checks and converts it.
 */

type FlagType = 'string' | 'boolean';

/** Options of every call, not of one command. */
export const GLOBAL_FLAGS = {
	db: {type: 'string'},
	timezone: {type: 'string'},
	naiveTimezone: {type: 'string'},
	claudeDir: {type: 'string'},
	json: {type: 'boolean', default: false},
	color: {type: 'boolean', default: true},
	debug: {type: 'boolean', default: false},
} as const;

export interface GlobalFlags {
	db?: string;
	timezone?: string;
	naiveTimezone?: string;
	claudeDir?: string;
	json: boolean;
	color: boolean;
	debug: boolean;
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
	return schema instanceof z.ZodOptional || schema instanceof z.ZodDefault ? unwrap(schema.unwrap() as z.core.$ZodType) : schema;
}

export function flagType(schema: z.core.$ZodType): FlagType {
	return unwrap(schema) instanceof z.ZodBoolean ? 'boolean' : 'string';
}

/** The command's options given as flags (its positionals are not flags). */
export function commandFlags(command: RegisteredCommand): Array<[string, FlagType]> {
	const positional = new Set(command.positionals?.map(argument => argument.key));
	return Object.entries(command.options.shape)
		.filter(([key]) => !positional.has(key))
		.map(([key, schema]) => [key, flagType(schema as z.core.$ZodType)]);
}

/** meow's flag table: every command's flags and the global ones (the registry test holds one type per name). */
type FlagDefinition = {type: 'string'} | {type: 'boolean'; default?: boolean};

export function flagSpec(commands: readonly RegisteredCommand[] = COMMANDS): Record<string, FlagDefinition> {
	const spec: Record<string, FlagDefinition> = {...GLOBAL_FLAGS};
	for (const command of commands) for (const [key, type] of commandFlags(command)) spec[key] ??= {type};
	return spec;
}

const kebab = (key: string) => key.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);

/** Names as typed, `--min-success` and `--minSuccess`, for the unknown-option check. */
export function knownFlagNames(spec = flagSpec()): Set<string> {
	return new Set(['help', 'version', 'no-color', ...Object.keys(spec).flatMap(name => [name, kebab(name)])]);
}

/**
 * The command and its input: flags of another command and a wrong count of arguments are usage
 * errors naming the right form; the values themselves are checked by the command's schema.
 */
export function commandInput(name: string, flags: Record<string, unknown>, args: readonly string[]): {command: RegisteredCommand; input: Record<string, unknown>} {
	const command = findCommand(name);
	if (!command) throw new CommandUsageError(`unknown command "${name}"; commands: ${COMMANDS.map(each => each.name).join(', ')}`);
	const usage = commandUsage(command);
	const own = new Map(commandFlags(command));
	const input: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(flags)) {
		if (key in GLOBAL_FLAGS || value === undefined || value === false) continue;
		if (!own.has(key)) throw new CommandUsageError(`--${kebab(key)} does not apply to "${name}"`, usage);
		if (typeof value === 'string' && value.trim() === '') throw new CommandUsageError(`${optionLabel(command, key)} needs a value`, usage);
		input[key] = value;
	}

	Object.assign(input, positionalInput(command, args, usage));
	return {command, input};
}

function positionalInput(command: RegisteredCommand, args: readonly string[], usage: string): Record<string, unknown> {
	const positionals = command.positionals ?? [];
	const min = positionals.filter(argument => !argument.optional).length;
	const max = positionals.some(argument => argument.variadic) ? Number.POSITIVE_INFINITY : positionals.length;
	if (args.length < min) throw new CommandUsageError(`"${command.name}" needs ${min === 1 ? 'an argument' : `${min} arguments`}`, usage);
	if (args.length > max) throw new CommandUsageError(`"${command.name}" takes ${max === 0 ? 'no arguments' : `at most ${max}`}, got ${args.join(' ')}`, usage);
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
