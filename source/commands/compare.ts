import {z} from 'zod';
import {compareSkill} from '../data/queries/compare.js';
import {machineJson} from '../data/queries/scope.js';
import {projectMetricsTable} from '../report/text-parts.js';
import {defineCommand} from './command.js';
import {machine, skillName} from './options.js';
import {resolveScope} from './resolve.js';

export const compare = defineCommand({
	name: 'compare',
	usage: 'compare <name> [--machine M]',
	summary: 'one skill across projects',
	positionals: [{key: 'skill', label: '<name>'}],
	options: z.strictObject({skill: skillName, machine}),
	async run(context, options) {
		const scope = await resolveScope(context, undefined, options.machine);
		return {...(await compareSkill(context.database, options.skill, scope)), ...machineJson(scope)};
	},
	text(report, view) {
		if (!report.found) return `No active project has used "${report.skill_name}".\n`;
		return `${report.skill_name} across projects${report.machine ? ` on ${report.machine.name}` : ''}\n${projectMetricsTable(report.projects, view)}\n`;
	},
});
