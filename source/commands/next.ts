import {z} from 'zod';
import {nextSkills} from '../data/queries/next-skill.js';
import {fitNames} from '../domain/fit/names.js';
import {formatCount, formatPercent} from '../domain/format.js';
import {didYouMean, NAME_WIDTH, scopeLabel} from '../report/text-parts.js';
import {machineJson} from '../data/queries/scope.js';
import {defineCommand} from './command.js';
import {limit, machine, project, since, skillName, until} from './options.js';
import {resolveRange, resolveScope} from './resolve.js';

export const next = defineCommand({
	name: 'next',
	usage: 'next <name> [--project P] [--machine M] [--since DATE] [--until DATE] [--limit N]',
	summary: 'what usually comes after a skill in a session',
	positionals: [{key: 'skill', label: '<name>'}],
	options: z.strictObject({skill: skillName, project, machine, since, until, limit: limit('next skills (default all)')}),
	async run(context, options) {
		const range = resolveRange(context, options);
		const scope = await resolveScope(context, options.project, options.machine);
		const report = await nextSkills(context.database, options.skill, {
			scope,
			range: range && {...range, zone: context.displayZone},
			limit: options.limit,
		});
		return {...report, ...machineJson(scope)};
	},
	text(report, view) {
		if (!report.found) return `No invocations of "${report.skill_name}" in ${scopeLabel(report.project, report.machine)}.${didYouMean(report.did_you_mean)}\n`;
		const title = `After ${report.skill_name}, ${scopeLabel(report.project, report.machine)}: ${formatCount(report.transitions)} transitions in sessions`;
		if (report.next.length === 0) return `${title}\nNothing followed it in a session.\n`;
		const names = fitNames(report.next.map(row => row.skill), NAME_WIDTH);
		const rows = report.next.map((row, index) => ({next: names[index]!, count: formatCount(row.count), probability: formatPercent(row.probability)}));
		return `${title}\n${view.table(rows)}\n`;
	},
});
