import {z} from 'zod';
import type {TeamPullReport} from '../data/team/pull.js';
import type {TeamPushReport} from '../data/team/push.js';
import type {TeamStatusReport} from '../data/team/status.js';
import {bucketEnd, bucketStart, localDate} from '../domain/time-window.js';
import {CommandUsageError} from '../errors.js';
import {type CommandContext, defineCommand} from './command.js';
import {limit, machine, oneOf, since, timeWindow, until} from './options.js';
import {resolveDay} from './resolve.js';
import {pullText, pushText, statusText, type TeamTopReport, topText} from './team-text.js';
import {testPause} from './test-pause.js';

/*
 * `team push|pull|status|top`: the team's PostgreSQL server (README, Teams). The data modules
 * (and with them pg, the one module of skillscope that opens a network connection) load only here.
 */

export type TeamReport = ({action: 'push'} & TeamPushReport) | ({action: 'pull'} & TeamPullReport) | ({action: 'status'} & TeamStatusReport) | ({action: 'top'} & TeamTopReport);

const ACTIONS = ['push', 'pull', 'status', 'top'] as const;
type Action = (typeof ACTIONS)[number];

/** Which action each option belongs to: given to another, it is a usage error naming where it applies. */
const APPLIES: Record<string, readonly Action[]> = {
	anonymize: ['push'],
	since: ['pull', 'top'],
	until: ['top'],
	project: ['pull', 'top'],
	machine: ['pull', 'top'],
	window: ['top'],
	limit: ['top'],
};

const options = z.strictObject({
	action: oneOf(ACTIONS).describe('push: this machine\'s invocations to the server; pull: the other machines\' from it; status: who is there; top: the leaderboard computed on the server'),
	anonymize: z.boolean().optional().describe('push: project and session ids hashed, no paths, names, queries or error texts (as lake push --anonymize)'),
	since,
	until,
	project: z.string().trim().min(1, 'needs a value').optional().describe('A project on the team server: its project_id or its name'),
	machine,
	window: timeWindow.optional().describe('top: daily | weekly | monthly: the current UTC day, week (from Monday) or month; all: all time (default)'),
	limit: limit('skills (default 10)'),
});

type Options = z.output<typeof options>;

function checkApplies(options: Options): void {
	for (const [key, actions] of Object.entries(APPLIES)) {
		if (options[key as keyof Options] === undefined || options[key as keyof Options] === false || actions.includes(options.action)) continue;
		throw new CommandUsageError(`--${key} applies to team ${actions.join(' and ')}, not to ${options.action}`);
	}
}

/** --since's day, in the display zone, as the instant it starts. */
async function sinceInstant(context: CommandContext, value: string | undefined): Promise<string | undefined> {
	const day = resolveDay(context, value, '--since');
	if (day === undefined) return undefined;
	const row = await context.database.one<{at: string}>(`SELECT iso(timezone($zone, $day::TIMESTAMP)) AS at`, {zone: context.displayZone, day});
	return row!.at;
}

async function top(context: CommandContext, options: Options): Promise<TeamTopReport> {
	// skill_daily's days are UTC days: the window and the range are read in UTC too.
	const utc = {...context, displayZone: 'UTC'};
	const sinceDay = resolveDay(utc, options.since, '--since');
	const untilDay = resolveDay(utc, options.until, '--until');
	const range = sinceDay !== undefined || untilDay !== undefined;
	if (range && options.window !== undefined) throw new CommandUsageError('use --window or --since/--until, not both');
	if (sinceDay !== undefined && untilDay !== undefined && sinceDay > untilDay) throw new CommandUsageError(`--since ${sinceDay} is after --until ${untilDay}`);
	const window = range ? 'range' : (options.window ?? 'all');
	const start = window === 'range' || window === 'all' ? undefined : bucketStart(window, localDate(context.now, 'UTC'));
	const end = start === undefined || window === 'range' || window === 'all' ? undefined : bucketEnd(window, start);
	const {teamTopOnServer} = await import('../data/team/top.js');
	const found = await teamTopOnServer(context.team, {since: sinceDay ?? start, until: untilDay ?? end, machine: options.machine, project: options.project, limit: options.limit ?? 10});
	return {
		server: found.server, zone: 'UTC', window, bucket_start: start ?? null, bucket_end: end ?? null,
		since: window === 'range' ? (sinceDay ?? null) : null, until: window === 'range' ? (untilDay ?? null) : null,
		project: found.scope.project, machine: found.scope.machine, skills: found.skills,
	};
}

async function run(context: CommandContext, options: Options): Promise<TeamReport> {
	checkApplies(options);
	const pause = testPause(context);
	if (options.action === 'push') {
		const {pushTeam} = await import('../data/team/push.js');
		return {action: 'push', ...(await pushTeam(context.database, context.team, {anonymize: Boolean(options.anonymize), pause}))};
	}

	if (options.action === 'pull') {
		const {pullTeam} = await import('../data/team/pull.js');
		const report = await pullTeam(context.database, context.team, {
			since: await sinceInstant(context, options.since), project: options.project, machine: options.machine, timezone: context.displayZone, pause,
		});
		for (const machine of report.machines) if (machine.invalid > 0) context.warn(`skipped ${machine.invalid} invocations of ${machine.name} (${machine.machine_id}): values no skillscope writes`);
		return {action: 'pull', ...report};
	}

	if (options.action === 'status') {
		const {teamStatus} = await import('../data/team/status.js');
		return {action: 'status', ...(await teamStatus(context.database, context.team))};
	}

	return {action: 'top', ...(await top(context, options))};
}

export const team = defineCommand({
	name: 'team',
	usage: 'team push|pull|status|top [--anonymize] [--since DATE] [--until DATE] [--project P] [--machine M] [--window W] [--limit N]',
	summary: 'the team\'s PostgreSQL server (team.url or $SKILLSCOPE_TEAM_URL): push: this machine\'s invocations to it; pull: the other machines\' new ones into this database (--since, --project, --machine narrow it); status: its machines, last pushes and rows; top: the leaderboard computed on the server, in UTC days',
	positionals: [{key: 'action', label: 'push|pull|status|top'}],
	options,
	run,
	text(report, view) {
		if (report.action === 'push') return pushText(report, view);
		if (report.action === 'pull') return pullText(report);
		if (report.action === 'status') return statusText(report, view);
		return topText(report, view);
	},
	partial: report => report.action === 'pull' && report.totals.invalid > 0,
});
