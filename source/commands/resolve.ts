import {findMachine} from '../data/registry/machines.js';
import {findProject} from '../data/registry/registry.js';
import type {Scope} from '../data/queries/scope.js';
import {localDate, parseDay} from '../domain/time-window.js';
import {CommandUsageError} from '../errors.js';
import type {CommandContext} from './command.js';
import {DAY_FORMS} from './options.js';

/*
 * Options that mean something only against this call's "now", zone or database. Their messages
 * name the CLI's flags: an MCP client reads the same words for the same mistake. The CLI adds
 * the command's usage line.
 */

export function resolveDay(context: CommandContext, value: string | undefined, flag: string): string | undefined {
	if (value === undefined) return undefined;
	const resolved = parseDay(value, context.now, context.displayZone);
	if (!resolved) throw new CommandUsageError(`${flag} "${value}" is not a date: ${DAY_FORMS}`);
	return resolved;
}

export interface DayRange {
	since: string;
	until: string;
}

/** --since/--until as a closed range (open ends: the epoch, today), or undefined when neither is given. */
export function resolveRange(context: CommandContext, options: {since?: string; until?: string}): DayRange | undefined {
	const since = resolveDay(context, options.since, '--since');
	const until = resolveDay(context, options.until, '--until');
	if (since === undefined && until === undefined) return undefined;
	const range = {since: since ?? '1970-01-01', until: until ?? today(context)};
	if (range.since > range.until) throw new CommandUsageError(`--since ${range.since} is after --until ${range.until}`);
	return range;
}

export const today = (context: CommandContext) => localDate(context.now, context.displayZone);

/**
 * --project and --machine as a scope. With a machine, a project name is looked for among that
 * machine's projects only (the same project name on two machines is two projects).
 */
export async function resolveScope(context: CommandContext, project: string | undefined, machine?: string): Promise<Scope> {
	const found = machine === undefined ? undefined : await findMachine(context.database, machine);
	const scopeMachine = found && {machine_id: found.machine_id, name: found.name};
	if (project === undefined) return scopeMachine ? {machine: scopeMachine} : {};
	const chosen = await findProject(context.database, project, scopeMachine?.machine_id);
	return scopeMachine ? {project: chosen, machine: scopeMachine} : {project: chosen};
}
