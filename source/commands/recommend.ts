import {z} from 'zod';
import {freshRollups} from '../data/rollups/fresh.js';
import {skillInventory} from '../data/inventory/inventory.js';
import {recommend as recommendFor} from '../data/queries/recommend.js';
import {formatCount} from '../domain/format.js';
import {scopeLabel} from '../report/text-parts.js';
import {machineJson} from '../data/queries/scope.js';
import {defineCommand} from './command.js';
import {machine, project} from './options.js';
import {resolveScope} from './resolve.js';

export const recommend = defineCommand({
	name: 'recommend',
	usage: 'recommend [--project P] [--machine M]',
	summary: 'what to fix first: low success, follow-ups, declining trends, a worse version, interruptions, skills unused for 30 days, skills the model rarely picks when listed, descriptions cut from the listing',
	options: z.strictObject({project, machine}),
	async run(context, options) {
		const scope = await resolveScope(context, options.project, options.machine);
		await freshRollups(context.database, {zone: context.displayZone});
		const inventory = await skillInventory(context.database, {root: context.claudeRoot, now: context.now, project: scope.project});
		return {...(await recommendFor(context.database, {scope, now: context.now, timezone: context.displayZone, inventory})), ...machineJson(scope)};
	},
	text(report) {
		const title = `Recommendations, ${scopeLabel(report.project, report.machine)} (${formatCount(report.skills_considered)} skills)`;
		if (report.recommendations.length === 0) return `${title}\nNothing to recommend: no skill breaks a rule.\n`;
		const lines = report.recommendations.map(item => `  [${item.priority}] ${item.skill}: ${item.issue.replaceAll('_', ' ')}\n         ${item.action}`);
		return `${title}\n${lines.join('\n')}\n`;
	},
});
