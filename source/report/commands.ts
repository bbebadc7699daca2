import {claudeRoot} from '../formats/transcript-files.js';
import {createInterface} from 'node:readline/promises';
import {collect, type CollectEvent} from '../data/collector.js';
import {EXPORT_FORMATS, EXPORT_WHAT, exportData, type ExportFormat, type ExportWhat} from '../data/export.js';
import {countPrunable, pruneOlderThan} from '../data/retention.js';
import {aggregatesAreFresh, ensureAggregates, refreshAggregates} from '../data/aggregator.js';
import {findProject, listProjects, registerProject, unregisterProject} from '../data/registry.js';
import {compareSkill} from '../data/queries/compare.js';
import {health} from '../data/queries/health.js';
import type {Scope} from '../data/queries/scope.js';
import {skillEffectiveness} from '../data/queries/skill.js';
import {summary} from '../data/queries/summary.js';
import {topSkills, type Period} from '../data/queries/top.js';
import {formatCount} from '../domain/format.js';
import {bucketStart, localDate, parseDay} from '../domain/time-window.js';
import {adoption} from '../data/queries/adoption.js';
import {cousage, DEFAULT_MIN_SESSIONS} from '../data/queries/cousage.js';
import {nextSkills} from '../data/queries/next-skill.js';
import {recommend} from '../data/queries/recommend.js';
import {skillTrendReport} from '../data/queries/trend.js';
import {workflowPatterns} from '../data/queries/workflow-patterns.js';
import {ensureWorkflows} from '../data/workflows.js';
import {CommandUsageError, COMMANDS, parseLimit, parseMinSessions, parseMinSuccess, parseSort, parseWindow, type RawFlags} from '../flags.js';
import type {CommandContext, CommandResult} from './context.js';

type Handler = (context: CommandContext, args: readonly string[], flags: RawFlags) => Promise<CommandResult>;

/** The text forms, loaded on first use: they draw with ink-table, which costs most of a start-up. */
const texts = async () => import('./text.js');

const ok = (data: unknown, text: string | ((render: Awaited<ReturnType<typeof texts>>) => string)): CommandResult => ({
	data,
	text: async () => (typeof text === 'string' ? text : text(await texts())),
	exitCode: 0,
});

/** A day flag in the display zone, or a usage error naming the flag. */
function dayFlag(value: string | undefined, flag: string, context: CommandContext, usage: string): string | undefined {
	if (value === undefined) return undefined;
	const day = parseDay(value, context.now, context.displayZone);
	if (!day) throw new CommandUsageError(`${flag} "${value}" is not a date: use YYYY-MM-DD, today, yesterday or Nd (N days ago)`, usage);
	return day;
}

function dayRange(context: CommandContext, flags: RawFlags, usage: string): {since: string; until: string} | undefined {
	const since = dayFlag(flags.since, '--since', context, usage);
	const until = dayFlag(flags.until, '--until', context, usage);
	if (since === undefined && until === undefined) return undefined;
	const range = {since: since ?? '1970-01-01', until: until ?? localDate(context.now, context.displayZone)};
	if (range.since > range.until) throw new CommandUsageError(`--since ${range.since} is after --until ${range.until}`, usage);
	return range;
}

async function scopeOf(context: CommandContext, flags: RawFlags): Promise<Scope> {
	return flags.project === undefined ? {} : {project: await findProject(context.database, flags.project)};
}

/** Each collect event as one line on stderr, so that a long collect shows it is alive. */
function progressLine(event: CollectEvent): string | undefined {
	switch (event.type) {
		case 'project-finished': {
			const {report} = event;
			const note = report.notice ? ` (${report.notice})` : '';
			return `collected ${report.project_name}: ${formatCount(report.collected)} new, ${formatCount(report.updated)} updated, ${formatCount(report.errors)} errors${note}`;
		}

		case 'error': {
			return `error in ${event.project.project_name}: ${event.message}`;
		}

		case 'aggregating': {
			return 'updating aggregates…';
		}

		default: {
			return undefined;
		}
	}
}

const handlers: Record<string, Handler> = {
	async register(context, args, flags) {
		const {project, created} = await registerProject(context.database, args[0]!, {name: flags.name, type: flags.type});
		const verb = created ? 'Registered' : 'Updated';
		return ok({project, created}, `${verb} ${project.project_name} (${project.project_id}, ${project.project_type}) at ${project.project_path}\n`);
	},

	async unregister(context, args, flags) {
		const {project, deletedRows} = await unregisterProject(context.database, args[0]!, {purge: flags.purge});
		const text = flags.purge
			? `Purged ${project.project_name} (${project.project_id}): ${formatCount(deletedRows)} invocations deleted\n`
			: `Deactivated ${project.project_name} (${project.project_id}); its ${formatCount(project.invocations)} invocations stay (use --purge to delete them)\n`;
		return ok({project: {...project, is_active: false}, purged: Boolean(flags.purge), deleted_rows: deletedRows}, text);
	},

	async projects(context) {
		const projects = await listProjects(context.database);
		return ok({projects}, render => render.projectsText(projects, context.displayZone));
	},

	async collect(context, args, flags) {
		const projectIds = args.length > 0 ? await Promise.all(args.map(async arg => (await findProject(context.database, arg)).project_id)) : undefined;
		if (projectIds) {
			const active = new Set((await listProjects(context.database, {activeOnly: true})).map(project => project.project_id));
			const inactive = args.filter((_, index) => !active.has(projectIds[index]!));
			if (inactive.length > 0) throw new CommandUsageError(`not active: ${inactive.join(', ')}; reactivate with: skillscope register <path>`);
		}

		const report = await collect(context.database, {
			naiveTimezone: context.naiveZone,
			displayTimezone: context.displayZone,
			projectIds,
			force: Boolean(flags.force),
			claudeRoot: claudeRoot(),
			onEvent(event) {
				const line = progressLine(event);
				if (line) context.warn(line);
			},
		});
		const {cancelled: _cancelled, ...data} = report;
		return {...ok(data, render => render.collectText(report)), exitCode: report.totals.errors > 0 ? 3 : 0};
	},

	async aggregate(context, _args, flags) {
		// Every window is rolled up from the same daily pass, so --window only checks its value.
		parseWindow(flags.window, COMMANDS.aggregate!.usage);
		if (!flags.force && (await aggregatesAreFresh(context.database, context.displayZone))) {
			return ok({recomputed: false, timezone: context.displayZone}, `Aggregates are up to date (zone ${context.displayZone}); --force recomputes them\n`);
		}

		const result = await refreshAggregates(context.database, {timezone: context.displayZone});
		const data = {recomputed: true, rows: result.rows, duration_ms: result.durationMs, timezone: context.displayZone};
		return ok(data, `Recomputed ${formatCount(result.rows)} aggregate rows in ${result.durationMs} ms (zone ${context.displayZone})\n`);
	},

	async top(context, _args, flags) {
		const {usage} = COMMANDS.top!;
		const range = dayRange(context, flags, usage);
		if (range && (flags.window !== undefined || flags.at !== undefined)) {
			throw new CommandUsageError('use --window/--at or --since/--until, not both', usage);
		}

		const window = parseWindow(flags.window, usage) ?? 'all';
		const at = dayFlag(flags.at, '--at', context, usage) ?? localDate(context.now, context.displayZone);
		const period: Period = range ? {kind: 'range', ...range} : {kind: 'bucket', window, bucketStart: bucketStart(window, at)};
		const sort = parseSort(flags.sort, usage);
		const limit = parseLimit(flags.limit, usage);
		const minSuccess = parseMinSuccess(flags.minSuccess, usage);
		const scope = await scopeOf(context, flags);
		await ensureAggregates(context.database, context.displayZone);
		const report = await topSkills(context.database, {scope, period, limit, minSuccess, sort: sort?.field, descending: sort?.descending});
		return ok(report, render => render.topText(report, context.displayZone));
	},

	async skill(context, args, flags) {
		const {usage} = COMMANDS.skill!;
		const range = dayRange(context, flags, usage);
		const window = parseWindow(flags.window, usage);
		if (window === 'all') throw new CommandUsageError('--window for a trend is daily, weekly or monthly', usage);
		const scope = await scopeOf(context, flags);
		const found = await skillEffectiveness(context.database, args[0]!, scope, range && {...range, zone: context.displayZone});
		// A range opened on one side only reports that side; the other was not asked for.
		const report = {...found, since: flags.since === undefined ? null : found.since, until: flags.until === undefined ? null : found.until};
		// An unknown skill has no trend; a known one without uses in the range has one of empty buckets.
		if (window === undefined || (!report.found && range === undefined)) return ok(report, render => render.skillText(report, context.displayZone));
		await ensureAggregates(context.database, context.displayZone);
		const until = range?.until ?? localDate(context.now, context.displayZone);
		const trend = await skillTrendReport(context.database, args[0]!, scope, window, {since: flags.since === undefined ? undefined : range?.since, until});
		const withTrend = {...report, ...trend};
		return ok(withTrend, render => render.skillText(report, context.displayZone) + render.trendText(trend));
	},

	async cousage(context, _args, flags) {
		const {usage} = COMMANDS.cousage!;
		const range = dayRange(context, flags, usage);
		const report = await cousage(context.database, {
			scope: await scopeOf(context, flags),
			range: range && {...range, zone: context.displayZone},
			skill: flags.skill,
			minSessions: parseMinSessions(flags.minSessions, usage) ?? DEFAULT_MIN_SESSIONS,
			limit: parseLimit(flags.limit, usage),
		});
		return ok(report, render => render.cousageText(report));
	},

	async next(context, args, flags) {
		const {usage} = COMMANDS.next!;
		const range = dayRange(context, flags, usage);
		const report = await nextSkills(context.database, args[0]!, {
			scope: await scopeOf(context, flags),
			range: range && {...range, zone: context.displayZone},
			limit: parseLimit(flags.limit, usage),
		});
		return ok(report, render => render.nextText(report));
	},

	async recommend(context, _args, flags) {
		const scope = await scopeOf(context, flags);
		await ensureAggregates(context.database, context.displayZone);
		const report = await recommend(context.database, {scope, now: context.now, timezone: context.displayZone});
		return ok(report, render => render.recommendText(report));
	},

	async workflows(context, _args, flags) {
		const {usage} = COMMANDS.workflows!;
		const scope = await scopeOf(context, flags);
		await ensureWorkflows(context.database);
		const report = await workflowPatterns(context.database, {
			scope,
			minSessions: parseMinSessions(flags.minSessions, usage) ?? DEFAULT_MIN_SESSIONS,
			limit: parseLimit(flags.limit, usage) ?? 10,
		});
		return ok(report, render => render.workflowsText(report));
	},

	async adoption(context, _args, flags) {
		const {usage} = COMMANDS.adoption!;
		const window = parseWindow(flags.window, usage) ?? 'all';
		const at = dayFlag(flags.at, '--at', context, usage) ?? localDate(context.now, context.displayZone);
		const scope = await scopeOf(context, flags);
		await ensureAggregates(context.database, context.displayZone);
		const report = await adoption(context.database, {scope, window, bucketStart: bucketStart(window, at), timezone: context.displayZone});
		return ok(report, render => render.adoptionText(report, context.displayZone));
	},

	async compare(context, args) {
		const report = await compareSkill(context.database, args[0]!);
		return ok(report, render => render.compareText(report, context.displayZone));
	},

	async summary(context, _args, flags) {
		const scope = await scopeOf(context, flags);
		await ensureAggregates(context.database, context.displayZone);
		const report = await summary(context.database, scope);
		return ok(report, render => render.summaryText(report, context.displayZone));
	},

	async health(context) {
		const report = await health(context.database, context.displayZone);
		return ok(report, render => render.healthText(report, context.displayZone));
	},

	async export(context, _args, flags) {
		const {usage} = COMMANDS.export!;
		if (flags.format === undefined) throw new CommandUsageError('--format is required: json, csv or parquet', usage);
		if (!EXPORT_FORMATS.includes(flags.format as ExportFormat)) throw new CommandUsageError(`--format "${flags.format}" is not one of ${EXPORT_FORMATS.join(', ')}`, usage);
		if (flags.output === undefined) throw new CommandUsageError('--output FILE is required (export never writes to stdout)', usage);
		const what = flags.what ?? 'usage';
		if (!EXPORT_WHAT.includes(what as ExportWhat)) throw new CommandUsageError(`--what "${what}" is not one of ${EXPORT_WHAT.join(', ')}`, usage);
		const result = await exportData(context.database, {
			format: flags.format as ExportFormat,
			what: what as ExportWhat,
			output: flags.output,
			anonymize: Boolean(flags.anonymize),
			force: Boolean(flags.force),
			timezone: context.displayZone,
		});
		const how = result.anonymized ? ', anonymized' : '';
		return ok(result, `Exported ${formatCount(result.rows)} ${result.what === 'usage' ? 'invocations' : 'aggregate rows'} to ${result.file} (${result.format}${how})\n`);
	},

	async prune(context, _args, flags) {
		const {usage} = COMMANDS.prune!;
		if (flags.olderThan === undefined) throw new CommandUsageError('--older-than is required, e.g. --older-than 90d', usage);
		const before = dayFlag(flags.olderThan, '--older-than', context, usage)!;
		const interactive = Boolean(process.stdin.isTTY);
		if (!flags.yes && !interactive) {
			throw new CommandUsageError(`prune deletes invocations for good and stdin is not a terminal to ask; add --yes to confirm`, usage);
		}

		const options = {before, timezone: context.displayZone};
		const count = await countPrunable(context.database, options);
		const data = (deleted: number) => ({deleted_rows: deleted, before, timezone: context.displayZone});
		if (count === 0) return ok(data(0), `Nothing invoked before ${before} (${context.displayZone}); nothing deleted\n`);
		if (!flags.yes) {
			const prompt = createInterface({input: process.stdin, output: process.stderr});
			const answer = await prompt.question(`Delete ${formatCount(count)} invocations invoked before ${before} (${context.displayZone})? This cannot be undone. [y/N] `);
			prompt.close();
			if (!/^y(es)?$/i.test(answer.trim())) return ok(data(0), 'Nothing deleted\n');
		}

		const {deletedRows} = await pruneOlderThan(context.database, options);
		return ok(data(deletedRows), `Deleted ${formatCount(deletedRows)} invocations invoked before ${before} (${context.displayZone}); aggregates recomputed\n`);
	},
};

export async function runCommand(command: string, context: CommandContext, args: readonly string[], flags: RawFlags): Promise<CommandResult> {
	const handler = handlers[command];
	if (!handler) throw new CommandUsageError(`unknown command "${command}"`);
	return handler(context, args, flags);
}
