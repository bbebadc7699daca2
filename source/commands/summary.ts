import {z} from 'zod';
import {freshRollups} from '../data/rollups/fresh.js';
import {summary as summaryOf} from '../data/queries/summary.js';
import {formatCleanRate, formatCount, formatDecimal, formatDuration, formatInstant, formatPercent} from '../domain/format.js';
import {scopeLabel, skillRowsTable} from '../report/text-parts.js';
import {machineJson} from '../data/queries/scope.js';
import {defineCommand} from './command.js';
import {machine, project} from './options.js';
import {resolveScope} from './resolve.js';

export const summary = defineCommand({
	name: 'summary',
	usage: 'summary [--project P] [--machine M]',
	summary: 'totals and the top 10',
	options: z.strictObject({project, machine}),
	async run(context, options) {
		const scope = await resolveScope(context, options.project, options.machine);
		await freshRollups(context.database, {zone: context.displayZone});
		return {...(await summaryOf(context.database, scope)), ...machineJson(scope)};
	},
	text(report, view) {
		const zone = view.displayZone;
		const lines = [
			`Summary, ${scopeLabel(report.project, report.machine)}`,
			`  projects        ${formatCount(report.projects)}`,
			`  skills          ${formatCount(report.unique_skills)}`,
			`  uses            ${formatCount(report.total_invocations)} finished (${formatCount(report.successful_completions)} succeeded, ${formatCount(report.failed_invocations)} failed), ${formatCount(report.pending_invocations)} pending`,
			`  success rate    ${formatPercent(report.success_rate)}`,
			`  clean rate      ${formatCleanRate(report.clean_rate, report.total_invocations)}`,
			`  avg duration    ${formatDuration(report.avg_duration_ms)}`,
			`  follow-ups      ${formatDecimal(report.avg_followup_actions)} per use`,
			`  period          ${formatInstant(report.first_used, zone)} to ${formatInstant(report.last_used, zone)}`,
		];
		const top = report.top_skills.length > 0 ? `\nTop skills\n${skillRowsTable(report.top_skills, view)}\n` : '\nNo invocations collected yet.\n';
		return `${lines.join('\n')}\n${top}`;
	},
});
