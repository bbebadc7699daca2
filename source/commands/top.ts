import {z} from 'zod';
import {freshRollups} from '../data/rollups/fresh.js';
import {SOURCES, TRIGGERS, topSkills, type Period} from '../data/queries/top.js';
import {bucketStart} from '../domain/time-window.js';
import {CommandUsageError} from '../errors.js';
import {periodLabel, scopeLabel, skillRowsTable} from '../report/text-parts.js';
import {machineJson} from '../data/queries/scope.js';
import {defineCommand} from './command.js';
import {day, fraction, limit, machine, oneOf, project, since, sort, timeWindow, until} from './options.js';
import {resolveDay, resolveRange, resolveScope, today} from './resolve.js';

export const top = defineCommand({
	name: 'top',
	usage: 'top [--window W] [--at DATE] [--since DATE] [--until DATE] [--project P] [--machine M] [--limit N] [--min-success R] [--sort FIELD[:asc|:desc]] [--trigger T] [--source S]',
	summary: 'most used skills in a time window',
	options: z.strictObject({
		window: timeWindow.optional().describe('daily | weekly | monthly: the current day, week (from Monday) or month; all: all time (default)'),
		at: day('Which bucket of the window: the one holding this day (default today)'),
		since,
		until,
		project,
		machine,
		limit: limit('skills (default 10)'),
		minSuccess: fraction().optional().describe('Only skills whose success rate is at least this fraction, 0-1 (e.g. 0.8)'),
		sort,
		trigger: oneOf(TRIGGERS).optional().describe('Only invocations so triggered: model, user (typed /name), subagent, or unknown (tracker rows)'),
		source: oneOf(SOURCES).optional().describe('Only invocations recorded by this source: claude-code, session-buddy or crackerjack'),
	}),
	async run(context, options) {
		const range = resolveRange(context, options);
		if (range && (options.window !== undefined || options.at !== undefined)) throw new CommandUsageError('use --window/--at or --since/--until, not both');
		const window = options.window ?? 'all';
		const at = resolveDay(context, options.at, '--at') ?? today(context);
		const period: Period = range ? {kind: 'range', ...range} : {kind: 'bucket', window, bucketStart: bucketStart(window, at)};
		const scope = await resolveScope(context, options.project, options.machine);
		await freshRollups(context.database, {zone: context.displayZone});
		const report = await topSkills(context.database, {
			scope,
			period,
			limit: options.limit,
			minSuccess: options.minSuccess,
			sort: options.sort?.field,
			descending: options.sort?.descending,
			trigger: options.trigger,
			source: options.source,
			zone: context.displayZone,
		});
		return {...report, ...machineJson(scope)};
	},
	text(report, view) {
		const filters = [report.trigger && `trigger ${report.trigger}`, report.source && `source ${report.source}`].filter(Boolean);
		const title = `Top skills, ${periodLabel(report)}, ${scopeLabel(report.project, report.machine)}${filters.length > 0 ? `, ${filters.join(', ')}` : ''}`;
		if (report.skills.length === 0) return `${title}\nNo invocations in this window.\n`;
		return `${title}\n${skillRowsTable(report.skills, view)}\n`;
	},
});
