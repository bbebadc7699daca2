import type {FlagType} from './commands/command.js';
import {CommandUsageError} from './errors.js';

/*
 * The command line split into flags and arguments by meow (the user's choice of parser), from the
 * manifest's flag table: no command module or zod is loaded to read it. meow is loaded here, when
 * a call has more than a lone --help or --version, because compiling its bundle costs ~26 ms.
 */

export interface ParsedArgv {
	/** The arguments that are not flags, in order. */
	input: string[];
	/** Each known flag by its camelCase key: text for a string flag, true/false for a switch (its default, or false, when absent). */
	flags: Record<string, string | boolean>;
	/** Flags not in the table, as typed (`--bogus`, `-x`). */
	unknown: string[];
}

const kebab = (key: string) => key.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);

/** How the user typed an unknown flag that meow reports by its bare name (`--no-such` is `such: false`). */
function typed(name: string, argv: readonly string[]): string {
	if (name.length === 1) return `-${name}`;
	const spelled = [name, kebab(name)];
	const negated = argv.find(arg => spelled.some(each => arg === `--no-${each}` || arg.startsWith(`--no-${each}=`)));
	return negated?.split('=')[0] ?? `--${kebab(name)}`;
}

/** `defaults`: a switch's value when it is not given (meow reads an absent switch as false otherwise, which would turn --color off). */
export async function parseArgv(argv: readonly string[], types: Readonly<Record<string, FlagType>>, defaults: Readonly<Record<string, boolean>> = {}): Promise<ParsedArgv> {
	const {default: meow} = await import('meow');
	type Spec = {type: 'string'} | {type: 'boolean'; default?: boolean};
	const flags: Record<string, Spec> = Object.fromEntries(
		Object.entries(types).map(([key, type]): [string, Spec] => [key, type === 'boolean' && key in defaults ? {type, default: defaults[key]} : ({type} as Spec)]),
	);
	let cli: ReturnType<typeof meow<typeof flags>>;
	try {
		// `pkg` given: meow would otherwise look for and normalise package.json on every call.
		cli = meow({importMeta: import.meta, argv: [...argv], flags, pkg: {name: 'skillscope'}, allowUnknownFlags: true, description: false, autoHelp: false, autoVersion: false});
	} catch (error) {
		const twice = /The flag --(\S+) can only be set once/.exec(error instanceof Error ? error.message : '');
		if (twice) throw new CommandUsageError(`--${twice[1]} is given more than once`);
		throw error;
	}

	const known = new Set(Object.keys(types).flatMap(key => [key, kebab(key)]));
	const unknown = [...new Set(Object.keys(cli.unnormalizedFlags).filter(name => !known.has(name) && name !== '--'))].map(name => typed(name, argv));
	const given = Object.fromEntries(Object.keys(types).flatMap(key => (cli.flags[key] === undefined ? [] : [[key, cli.flags[key] as string | boolean]])));
	return {input: cli.input, flags: given, unknown};
}
