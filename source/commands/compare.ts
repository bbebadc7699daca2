import {z} from 'zod';
import {compareSkill} from '../data/queries/compare.js';
import {projectMetricsTable} from '../report/text-parts.js';
import {defineCommand} from './command.js';
import {skillName} from './options.js';

export const compare = defineCommand({
	name: 'compare',
	usage: 'compare <name>',
	summary: 'one skill across projects',
	positionals: [{key: 'skill', label: '<name>'}],
	options: z.strictObject({skill: skillName}),
	run: async (context, options) => compareSkill(context.database, options.skill),
	text(report, view) {
		if (!report.found) return `No active project has used "${report.skill_name}".\n`;
		return `${report.skill_name} across projects\n${projectMetricsTable(report.projects, view)}\n`;
	},
});
