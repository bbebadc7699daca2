import {z} from 'zod';
import {installedTraits} from '../data/inventory/inventory.js';
import {freshRollups} from '../data/rollups/fresh.js';
import {skillEffectiveness, type SkillReport} from '../data/queries/skill.js';
import {machineJson, type ScopeMachine} from '../data/queries/scope.js';
import {skillTrendReport, type TrendReport} from '../data/queries/trend.js';
import {formatCleanRate, formatCount, formatDecimal, formatDuration, formatInstant, formatPercent} from '../domain/format.js';
import {exposureBasis, exposureSentence} from '../domain/exposure-words.js';
import {outcomeSplitText} from '../domain/outcome-split.js';
import {countedTable, didYouMean, projectMetricsTable, scopeLabel} from '../report/text-parts.js';
import {defineCommand, type TextView} from './command.js';
import {machine, project, since, skillName, trendWindow, until} from './options.js';
import {resolveRange, resolveScope, today} from './resolve.js';

/** How many of the latest buckets the text form of a trend lists (the JSON has them all). */
const TREND_ROWS = 12;

/** Where the uses come from: kind, trigger, source, and what transcripts measure per use. */
function originLines(report: SkillReport): string[] {
	const lines = [`  kind            ${report.kind ?? 'skill'}${report.plugin ? ` (plugin ${report.plugin})` : ''}`];
	const triggers = report.by_trigger.filter(row => row.trigger !== 'unknown' || report.by_trigger.length > 1);
	if (triggers.length > 0) {
		lines.push(`  triggered by    ${triggers.map(row => `${row.trigger} ${formatCount(row.total_invocations)} (${formatCount(row.successful_completions)} ok${row.pending_invocations > 0 ? `, ${formatCount(row.pending_invocations)} pending` : ''})`).join(', ')}`);
	}

	if (report.avg_output_tokens !== null || report.avg_tool_errors !== null) {
		lines.push(`  per use         ${formatDecimal(report.avg_output_tokens, 0)} output tokens, ${formatDecimal(report.avg_tool_errors)} tool errors`);
	}

	lines.push(`  sources         ${report.sources.map(row => `${row.source} ${formatCount(row.total_invocations)}`).join(', ') || 'none finished'}`);
	return lines;
}

/** How many texts it ran, or why it has none to compare, and where to see them. */
function versionsLine(report: SkillReport): string {
	const see = `skillscope versions ${report.skill_name}`;
	if (report.dynamic) return `dynamic: its text changes at every use (${see})`;
	return report.versions_count === 0 ? 'none read from transcripts' : `${formatCount(report.versions_count)} (${see})`;
}

/** Listed, picked, typed, cut (issue 21), and over how many sessions: one line and its basis. */
function exposureLines(report: SkillReport): string[] {
	const basis = exposureBasis(report.exposure);
	return [`  exposure        ${exposureSentence(report.exposure)}`, ...(basis ? [`                  ${basis}`] : [])];
}

function skillText(report: SkillReport & {machine?: ScopeMachine}, view: TextView): string {
	if (!report.found) {
		// Listed but never invoked is the case exposure is for: say how often it was offered.
		const offered = report.exposure.sessions_listed > 0 ? `\n${exposureLines(report).join('\n')}` : '';
		return `No invocations of "${report.skill_name}" in ${scopeLabel(report.project, report.machine)}.${didYouMean(report.did_you_mean)}${offered}\n`;
	}

	const zone = view.displayZone;
	const range = report.since && report.until ? `, ${report.since} to ${report.until}` : report.since ? `, from ${report.since}` : report.until ? `, until ${report.until}` : '';
	const lines = [
		`${report.skill_name} (${scopeLabel(report.project, report.machine)}${range})`,
		`  uses            ${formatCount(report.total_invocations)} finished (${formatCount(report.successful_completions)} succeeded, ${formatCount(report.failed_invocations)} failed), ${formatCount(report.pending_invocations)} pending`,
		`  success rate    ${formatPercent(report.success_rate)}${report.sources.some(row => row.source === 'claude-code') ? ' (from transcripts: the skill loaded)' : ''}`,
		`  clean rate      ${formatCleanRate(report.clean_rate, report.total_invocations)}`,
		`  outcomes        ${outcomeSplitText(report, report.total_invocations)}`,
		`  versions        ${versionsLine(report)}`,
		...exposureLines(report),
		`  duration        avg ${formatDuration(report.avg_duration_ms)}, p50 ${formatDuration(report.p50_duration_ms)}, p90 ${formatDuration(report.p90_duration_ms)}`,
		`  follow-ups      ${formatDecimal(report.avg_followup_actions)} per use`,
		`  used            ${formatInstant(report.first_used, zone)} to ${formatInstant(report.last_used, zone)}`,
		...originLines(report),
		'',
		'Insights',
		...report.insights.map(insight => `  [${insight.level}] ${insight.message}`),
	];
	const byProject = `\nBy project\n${projectMetricsTable(report.by_project, view)}\n`;
	const details = countedTable('Errors', report.errors, 'error_type', view)
		+ countedTable('Follow-up actions', report.follow_up_actions, 'action', view)
		+ countedTable('Workflow paths', report.workflow_paths, 'workflow_path', view);
	return `${lines.join('\n')}\n${byProject}${details}`;
}

function trendText(report: TrendReport, view: TextView): string {
	const slope = report.trend_slope === null
		? `fewer than 3 ${report.window} buckets with uses`
		: `${formatDecimal(report.trend_slope * 100, 1)} points per bucket over ${report.trend_buckets_used} buckets`;
	const rows = report.trend.slice(-TREND_ROWS).map(point => ({
		[report.window === 'daily' ? 'day' : report.window === 'weekly' ? 'week of' : 'month']: point.bucket_start,
		uses: formatCount(point.total_invocations),
		succeeded: formatCount(point.successful_completions),
		success: formatPercent(point.success_rate),
		'avg time': formatDuration(point.avg_duration_ms),
	}));
	const shown = report.trend.length > TREND_ROWS ? ` (last ${TREND_ROWS} of ${report.trend.length}; --json has all)` : '';
	const table = rows.length > 0 ? `${view.table(rows)}\n` : '';
	return `\nTrend, ${report.window}${shown}: ${report.trend_direction} (${slope})\n${table}`;
}

export const skill = defineCommand({
	name: 'skill',
	usage: 'skill <name> [--project P] [--machine M] [--since DATE] [--until DATE] [--window W]',
	summary: 'effectiveness of one skill; --window daily|weekly|monthly adds its trend and whether it is improving',
	positionals: [{key: 'skill', label: '<name>'}],
	options: z.strictObject({
		skill: skillName,
		project,
		machine,
		since,
		until,
		window: trendWindow.optional().describe('daily | weekly | monthly: add the trend, one point per bucket (weeks start on Monday)'),
	}),
	async run(context, options): Promise<(SkillReport | (SkillReport & TrendReport)) & {machine?: ScopeMachine}> {
		const range = resolveRange(context, options);
		const scope = await resolveScope(context, options.project, options.machine);
		// Its installed SKILL.md may make it dynamic (outcomes.md): read, read-only, on each call.
		const installed = await installedTraits(context.database, context.claudeRoot, options.skill);
		const found = await skillEffectiveness(context.database, options.skill, scope, range && {...range, zone: context.displayZone}, installed);
		// A range opened on one side only reports that side; the other was not asked for.
		const report = {...found, ...machineJson(scope), since: options.since === undefined ? null : found.since, until: options.until === undefined ? null : found.until};
		// An unknown skill has no trend; a known one without uses in the range has one of empty buckets.
		if (options.window === undefined || (!report.found && range === undefined)) return report;
		await freshRollups(context.database, {zone: context.displayZone});
		const until = range?.until ?? today(context);
		const trend = await skillTrendReport(context.database, options.skill, scope, options.window, {since: options.since === undefined ? undefined : range?.since, until});
		return {...report, ...trend};
	},
	text(report, view) {
		return skillText(report, view) + ('trend' in report ? trendText(report, view) : '');
	},
});
