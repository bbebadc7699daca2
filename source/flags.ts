import {canonicalZone, isValidZone} from './domain/timestamps.js';
import {isTimeWindow, WINDOWS} from './domain/time-window.js';
import {SORT_FIELDS, type SortField} from './data/queries/top.js';
import {UsageError} from './data/registry.js';

/** meow's flag table: everything is text or a switch, and is checked here with clear messages. */
export const FLAG_SPEC = {
	db: {type: 'string'},
	timezone: {type: 'string'},
	naiveTimezone: {type: 'string'},
	json: {type: 'boolean', default: false},
	color: {type: 'boolean', default: true},
	debug: {type: 'boolean', default: false},
	name: {type: 'string'},
	type: {type: 'string'},
	purge: {type: 'boolean'},
	force: {type: 'boolean'},
	window: {type: 'string'},
	at: {type: 'string'},
	since: {type: 'string'},
	until: {type: 'string'},
	project: {type: 'string'},
	limit: {type: 'string'},
	minSuccess: {type: 'string'},
	sort: {type: 'string'},
	format: {type: 'string'},
	output: {type: 'string'},
	what: {type: 'string'},
	anonymize: {type: 'boolean'},
	olderThan: {type: 'string'},
	yes: {type: 'boolean'},
	skill: {type: 'string'},
	minSessions: {type: 'string'},
} as const;

export type RawFlags = {
	db?: string;
	timezone?: string;
	naiveTimezone?: string;
	json: boolean;
	color: boolean;
	debug: boolean;
	name?: string;
	type?: string;
	purge?: boolean;
	force?: boolean;
	window?: string;
	at?: string;
	since?: string;
	until?: string;
	project?: string;
	limit?: string;
	minSuccess?: string;
	sort?: string;
	format?: string;
	output?: string;
	what?: string;
	anonymize?: boolean;
	olderThan?: string;
	yes?: boolean;
	skill?: string;
	minSessions?: string;
};

type CommandFlag = Exclude<keyof RawFlags, 'db' | 'timezone' | 'naiveTimezone' | 'json' | 'color' | 'debug'>;

export interface CommandSpec {
	usage: string;
	flags: readonly CommandFlag[];
	/** Positional arguments: [min, max]. */
	args: readonly [number, number];
}

export const COMMANDS: Record<string, CommandSpec> = {
	register: {usage: 'skillscope register <path> [--name N] [--type T]', flags: ['name', 'type'], args: [1, 1]},
	unregister: {usage: 'skillscope unregister <path|name|id> [--purge]', flags: ['purge'], args: [1, 1]},
	projects: {usage: 'skillscope projects [--json]', flags: [], args: [0, 0]},
	collect: {usage: 'skillscope collect [<path|name|id>...] [--force]', flags: ['force'], args: [0, Number.POSITIVE_INFINITY]},
	aggregate: {usage: 'skillscope aggregate [--window W] [--force]', flags: ['force', 'window'], args: [0, 0]},
	top: {
		usage: 'skillscope top [--window W] [--at DATE] [--since DATE] [--until DATE] [--project P] [--limit N] [--min-success R] [--sort FIELD]',
		flags: ['window', 'at', 'since', 'until', 'project', 'limit', 'minSuccess', 'sort'],
		args: [0, 0],
	},
	skill: {
		usage: 'skillscope skill <name> [--project P] [--since DATE] [--until DATE] [--window daily|weekly|monthly]',
		flags: ['project', 'since', 'until', 'window'],
		args: [1, 1],
	},
	cousage: {
		usage: 'skillscope cousage [--skill NAME] [--min-sessions N] [--project P] [--since DATE] [--until DATE] [--limit N]',
		flags: ['skill', 'minSessions', 'project', 'since', 'until', 'limit'],
		args: [0, 0],
	},
	next: {usage: 'skillscope next <name> [--project P] [--since DATE] [--until DATE] [--limit N]', flags: ['project', 'since', 'until', 'limit'], args: [1, 1]},
	recommend: {usage: 'skillscope recommend [--project P]', flags: ['project'], args: [0, 0]},
	workflows: {usage: 'skillscope workflows [--project P] [--min-sessions N] [--limit N]', flags: ['project', 'minSessions', 'limit'], args: [0, 0]},
	adoption: {usage: 'skillscope adoption [--window W] [--at DATE] [--project P]', flags: ['window', 'at', 'project'], args: [0, 0]},
	compare: {usage: 'skillscope compare <name>', flags: [], args: [1, 1]},
	summary: {usage: 'skillscope summary [--project P]', flags: ['project'], args: [0, 0]},
	health: {usage: 'skillscope health', flags: [], args: [0, 0]},
	mcp: {usage: 'skillscope mcp [--db PATH] [--timezone IANA]', flags: [], args: [0, 0]},
	export: {
		usage: 'skillscope export --format json|csv|parquet --output FILE [--what usage|aggregates] [--anonymize] [--force]',
		flags: ['format', 'output', 'what', 'anonymize', 'force'],
		args: [0, 0],
	},
	prune: {usage: 'skillscope prune --older-than DATE [--yes]', flags: ['olderThan', 'yes'], args: [0, 0]},
};

const kebab = (flag: string) => `--${flag.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`)}`;

/** A usage error carries the right form of the command so the user can fix the call. */
export class CommandUsageError extends UsageError {
	constructor(message: string, readonly usage?: string) {
		super(message);
	}
}

export function checkCommandFlags(command: string, flags: RawFlags, args: readonly string[]): CommandSpec {
	const spec = COMMANDS[command];
	if (!spec) throw new CommandUsageError(`unknown command "${command}"; commands: ${Object.keys(COMMANDS).join(', ')}`);
	for (const flag of Object.keys(FLAG_SPEC) as Array<keyof RawFlags>) {
		if (['db', 'timezone', 'naiveTimezone', 'json', 'color', 'debug'].includes(flag)) continue;
		if (flags[flag] !== undefined && flags[flag] !== false && !spec.flags.includes(flag as CommandFlag)) {
			throw new CommandUsageError(`${kebab(flag)} does not apply to "${command}"`, spec.usage);
		}
	}

	const [min, max] = spec.args;
	if (args.length < min) throw new CommandUsageError(`"${command}" needs ${min === 1 ? 'an argument' : `${min} arguments`}`, spec.usage);
	if (args.length > max) throw new CommandUsageError(`"${command}" takes ${max === 0 ? 'no arguments' : `at most ${max}`}, got ${args.join(' ')}`, spec.usage);
	for (const flag of ['name', 'type', 'window', 'at', 'since', 'until', 'project', 'limit', 'minSuccess', 'sort', 'format', 'output', 'what', 'olderThan', 'skill', 'minSessions'] as const) {
		if (flags[flag] !== undefined && flags[flag]!.trim() === '') throw new CommandUsageError(`${kebab(flag)} needs a value`, spec.usage);
	}

	return spec;
}

export function parseZone(value: string | undefined, flag: string): string | undefined {
	if (value === undefined) return undefined;
	if (!isValidZone(value)) throw new CommandUsageError(`${flag} "${value}" is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)`);
	return canonicalZone(value);
}

export function parseWindow(value: string | undefined, usage?: string) {
	if (value === undefined) return undefined;
	if (!isTimeWindow(value)) throw new CommandUsageError(`--window "${value}" is not one of ${WINDOWS.join(', ')}`, usage);
	return value;
}

export function parseLimit(value: string | undefined, usage?: string): number | undefined {
	if (value === undefined) return undefined;
	if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 100_000) {
		throw new CommandUsageError(`--limit expects a whole number from 1 to 100000, got "${value}"`, usage);
	}

	return Number(value);
}

export function parseMinSessions(value: string | undefined, usage?: string): number | undefined {
	if (value === undefined) return undefined;
	if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 1_000_000) {
		throw new CommandUsageError(`--min-sessions expects a whole number from 1 to 1000000, got "${value}"`, usage);
	}

	return Number(value);
}

export function parseMinSuccess(value: string | undefined, usage?: string): number | undefined {
	if (value === undefined) return undefined;
	const number = Number(value);
	if (value.trim() === '' || !Number.isFinite(number) || number < 0 || number > 1) {
		throw new CommandUsageError(`--min-success expects a fraction from 0 to 1 (e.g. 0.8), got "${value}"`, usage);
	}

	return number;
}

export function parseSort(value: string | undefined, usage?: string): {field: SortField; descending?: boolean} | undefined {
	if (value === undefined) return undefined;
	const [field, direction, ...rest] = value.split(':');
	if (!SORT_FIELDS.includes(field as SortField) || rest.length > 0 || (direction !== undefined && !['asc', 'desc'].includes(direction))) {
		throw new CommandUsageError(`--sort "${value}" is not FIELD or FIELD:asc|desc; fields: ${SORT_FIELDS.join(', ')}`, usage);
	}

	return {field: field as SortField, descending: direction === undefined ? undefined : direction === 'desc'};
}
