import type {z} from 'zod';
import type {CollectTuning} from '../data/collect/tuning.js';
import type {Database} from '../data/store/database.js';
import type {TeamSettings} from '../data/team/settings.js';
import type {WatchRequest} from '../data/watch/watch-refusal.js';
import {visibleStrings} from '../domain/terminal-text.js';
import {CommandUsageError, EXIT_CODES, type ExitCode} from '../errors.js';
import type {TextView} from '../report/text-view.js';

/** What every command gets: the open database and the settings of this call. */
export interface CommandContext {
	database: Database;
	displayZone: string;
	naiveZone: string;
	/** The Claude Code root whose transcripts are read (--claude-dir, config, $CLAUDE_CONFIG_DIR, ~/.claude). */
	claudeRoot: string;
	now: Date;
	/** Where progress and warnings go: never stdout, which carries data only. */
	warn: (line: string) => void;
	/** Asks the person at the terminal and returns the answer; absent without one (scripts, MCP). */
	ask?: (question: string) => Promise<string>;
	/** SKILLSCOPE_WATCH: whether live collection may watch, or must poll. */
	watch?: WatchRequest;
	/** A collect's limits and threads, from the environment (the defaults when absent). */
	tuning?: CollectTuning;
	/** SKILLSCOPE_TEST_PAUSE: where a lake push or pull stops for good (commands/test-pause.ts). */
	testPause?: string;
	/** This host's identity file, for lake pushes (data/lake/host.ts); absent where nothing pushes (MCP). */
	hostFile?: string;
	/** The team server's URL and what a login may need (the `team` command); absent outside the CLI. */
	team?: TeamSettings;
	/** Writes one record of a command that streams (`collect --watch`) now: one JSON line with --json, else `text`. */
	emit?: (record: object, text: string) => void;
	/** Ctrl+C as a signal, for a command that runs until it: asking takes SIGINT over for the rest of the call. */
	interrupted?: () => AbortSignal;
}

export type {TableRow, TextView} from '../report/text-view.js';

/** A positional argument, filling the option of the same key. */
export interface Positional {
	key: string;
	/** As usage writes it, e.g. `<name>`. */
	label: string;
	optional?: boolean;
	/** Takes every remaining argument, as a list. */
	variadic?: boolean;
}

export type FlagType = 'string' | 'boolean';

/**
 * What the command line knows of a command before it loads it: one entry of manifest.ts, which
 * is generated from the registry (`npm run manifest`) so that --help, --version and usage errors
 * load neither zod nor any command.
 */
export interface ManifestEntry {
	name: string;
	usage: string;
	positionals?: readonly Positional[];
	/** Its options that are given as flags, and how each is read. */
	flags: Readonly<Record<string, FlagType>>;
	/** A report run on the database; false for `mcp`, which the entry point serves itself. */
	report: boolean;
	/** Its module beside manifest.ts, and the name the command is exported under. */
	module: string;
	exportName: string;
}

/** What `--help`, the flag table and the checks need to know of a command. */
export interface CommandSpec<S extends z.ZodObject = z.ZodObject> {
	name: string;
	/** The command line after `skillscope`: every option and positional of `options`, with its value. */
	usage: string;
	/** One sentence or two for `--help`; wrapped there. */
	summary: string;
	positionals?: readonly Positional[];
	/**
	 * Every option (camelCase, `--kebab-case` on the command line) and positional. Each field
	 * accepts the CLI's text as well as typed values (MCP), states its range once, and is described.
	 */
	options: S;
}

export interface ReportCommand<S extends z.ZodObject, R> extends CommandSpec<S> {
	/** The report: exactly the `--json` document, and the structured result of the MCP tools that ask the same. */
	run: (context: CommandContext, options: z.output<S>) => Promise<R>;
	/** The report drawn for a person: the same facts. */
	text: (report: R, view: TextView) => string;
	/** Fields of the report that are texts of many lines (a diff): drawn line by line, their breaks kept. */
	multiline?: readonly string[];
	/** The work was done, but some sources could not be read (exit 3). */
	partial?: (report: R, options: z.output<S>) => boolean;
	/** Its records went out through `emit` as they came: the report is not written again at the end. */
	streams?: (options: z.output<S>) => boolean;
	/** Asked for no output (`collect --quiet`): the report is not written; what failed went to stderr. */
	silent?: (options: z.output<S>) => boolean;
}

export interface Outcome {
	report: unknown;
	text: (view: TextView) => string;
	exitCode: ExitCode;
	streamed?: boolean;
	silent?: boolean;
}

/** A command as the registry holds it: its spec and a run from unchecked input. */
export interface RegisteredCommand extends CommandSpec {
	/** Absent for commands the entry point serves itself (`mcp`). */
	execute?: (context: CommandContext, input: Record<string, unknown>) => Promise<Outcome>;
}

const kebab = (key: string) => key.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);

/** How the command line names an option or positional: `--min-success`, `<name>`. */
export function optionLabel(spec: Pick<CommandSpec, 'positionals'>, key: string): string {
	return spec.positionals?.find(positional => positional.key === key)?.label ?? `--${kebab(key)}`;
}

export function commandUsage(spec: Pick<CommandSpec, 'usage'>): string {
	return `skillscope ${spec.usage}`;
}

/** Checks input against the command's schema; the first problem becomes a usage error naming the option. */
export function parseOptions<S extends z.ZodObject>(spec: CommandSpec<S>, input: Record<string, unknown>): z.output<S> {
	const parsed = spec.options.safeParse(input);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0]!;
	const key = issue.path[0];
	if (issue.code === 'unrecognized_keys') {
		throw new CommandUsageError(`${issue.keys.map(name => optionLabel(spec, name)).join(', ')} does not apply to "${spec.name}"`, commandUsage(spec));
	}

	const message = typeof key === 'string' ? `${optionLabel(spec, key)} ${issue.message}` : issue.message;
	throw new CommandUsageError(message, commandUsage(spec));
}

export function defineCommand<S extends z.ZodObject, R>(command: ReportCommand<S, R>): ReportCommand<S, R> & RegisteredCommand {
	return {
		...command,
		async execute(context, input) {
			const options = parseOptions(command, input);
			const report = await command.run(context, options).catch((error: unknown) => {
				throw error instanceof CommandUsageError && error.usage === undefined ? new CommandUsageError(error.message, commandUsage(command)) : error;
			});
			return {
				report,
				// The text is drawn from the report with every string made visible: no field reaches a terminal raw.
				text: view => command.text(visibleStrings(report, new Set(command.multiline)), view),
				exitCode: command.partial?.(report, options) ? EXIT_CODES.partialSources : EXIT_CODES.ok,
				streamed: command.streams?.(options) ?? false,
				silent: command.silent?.(options) ?? false,
			};
		},
	};
}
