import type {z} from 'zod';
import type {CommandContext} from '../commands/command.js';

/*
 * One MCP tool: the design's name and arguments, answered by the command of the same question
 * (source/commands/), called with typed options, so that its result is that command's `--json`.
 */
export interface ToolDefinition<S extends z.ZodObject = z.ZodObject> {
	name: string;
	title: string;
	description: string;
	/** The arguments, built from the command's own option schemas wherever they mean the same. */
	schema: S;
	/** Reads only (rollups may be brought up to date, as the CLI's reports do). */
	readOnly: boolean;
	run: (context: CommandContext, args: z.output<S>) => Promise<object>;
}

/** Keeps each tool's argument types while the list holds tools of every shape. */
export const defineTool = <S extends z.ZodObject>(tool: ToolDefinition<S>): ToolDefinition => tool as unknown as ToolDefinition;

export const RATES = 'Rates are fractions 0-1, times ISO-8601 UTC, durations in ms.';

export const SESSIONS =
	'A session is a distinct (project, session_id) pair with a non-empty session_id (the same id in two projects is two sessions); '
	+ 'invocations without a session_id (e.g. crackerjack files) take no part. Pending invocations count: they were invoked.';

/** The outcome fields of outcomes.md, as every tool that reports a skill's figures names them. */
export const OUTCOMES =
	'How the uses ended: clean_finishes, interrupted, rejected, errored, load_failed (counts), retried (uses run again within the turn or the next), '
	+ 'clean_rate = clean / the uses with a known outcome (null when none: uses read before outcomes were recorded are not known). '
	+ 'For Claude Code transcripts success_rate only says the skill loaded; clean_rate says whether its work ended well.';

/** What the model was offered (issue 21), as the tools that carry a skill's exposure name it. */
export const EXPOSURE =
	'Exposure, from the skill listings Claude Code records (from about 2.1.100), counted in sessions: sessions_listed (its listings named it), '
	+ 'sessions_model_invoked (of those, the model or a subagent invoked it), trigger_rate (their ratio; null when never listed), '
	+ 'sessions_user_typed (sessions with a listing where the user typed it), sessions_description_cut (its description cut to fit the listing budget). '
	+ 'Sessions without any listing (older Claude Code) are left out; sessions_with_listings says how many sessions the rates rest on (0: no listing recorded, no rate).';
