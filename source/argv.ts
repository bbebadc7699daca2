import type {FlagType} from './commands/command.js';
import {CommandUsageError} from './errors.js';

/*
 * The command line split into flags and arguments, the way meow (yargs-parser) read it before:
 * `--name value`, `--name=value`, `--min-success` or `--minSuccess`, `--no-<switch>`, `--`, and
 * a switch may take `true`/`false` after it. Built on nothing but the flag table, so that a usage
 * error is found without loading zod or any command (meow alone cost 25 ms of every start).
 */

export interface ParsedArgv {
	/** The arguments that are not flags, in order. */
	input: string[];
	/** Each known flag given, by its camelCase key: text for a string flag, true/false for a switch. */
	flags: Record<string, string | boolean>;
	/** Flags not in the table, as typed (`--bogus`, `-x`). */
	unknown: string[];
}

const camel = (name: string) => name.replaceAll(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
const NEGATIVE_NUMBER = /^-(?:\d+|\d*\.\d+)(?:e[+-]?\d+)?$/i;
const isFlag = (arg: string) => arg.length > 1 && arg.startsWith('-') && !NEGATIVE_NUMBER.test(arg);

export function parseArgv(argv: readonly string[], types: Readonly<Record<string, FlagType>>): ParsedArgv {
	const parsed: ParsedArgv = {input: [], flags: {}, unknown: []};
	const set = (key: string, value: string | boolean) => {
		if (key in parsed.flags) throw new CommandUsageError(`--${key.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`)} is given more than once`);
		parsed.flags[key] = value;
	};

	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index]!;
		if (arg === '--') {
			parsed.input.push(...argv.slice(index + 1));
			break;
		}

		if (!isFlag(arg)) {
			parsed.input.push(arg);
		} else if (!arg.startsWith('--')) {
			// Short flags, grouped or not: skillscope has none.
			parsed.unknown.push(...[...arg.slice(1)].map(letter => `-${letter}`));
		} else {
			const equals = arg.indexOf('=');
			const name = equals < 0 ? arg.slice(2) : arg.slice(2, equals);
			const inline = equals < 0 ? undefined : arg.slice(equals + 1);
			const key = camel(name);
			const negated = name.startsWith('no-') ? camel(name.slice(3)) : undefined;
			const next = argv[index + 1];
			if (types[key] === 'string') {
				const takesNext = inline === undefined && next !== undefined && !isFlag(next);
				set(key, inline ?? (takesNext ? next : ''));
				if (takesNext) index++;
			} else if (types[key] === 'boolean') {
				const takesNext = inline === undefined && (next === 'true' || next === 'false');
				set(key, (inline ?? (takesNext ? next : 'true')) !== 'false');
				if (takesNext) index++;
			} else if (negated !== undefined && types[negated] === 'boolean' && inline === undefined) {
				set(negated, false);
			} else if (!parsed.unknown.includes(`--${name}`)) {
				parsed.unknown.push(`--${name}`);
			}
		}
	}

	return parsed;
}
