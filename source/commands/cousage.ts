import {z} from 'zod';
import {cousage as cousageQuery, DEFAULT_MIN_SESSIONS} from '../data/queries/cousage.js';
import {fitNames} from '../domain/fit/names.js';
import {formatCount, formatDecimal} from '../domain/format.js';
import {didYouMean, NAME_WIDTH, scopeLabel} from '../report/text-parts.js';
import {machineJson} from '../data/queries/scope.js';
import {defineCommand} from './command.js';
import {limit, machine, minSessions, project, since, skillName, until} from './options.js';
import {resolveRange, resolveScope} from './resolve.js';

export const cousage = defineCommand({
	name: 'cousage',
	usage: 'cousage [--skill NAME] [--min-sessions N] [--project P] [--machine M] [--since DATE] [--until DATE] [--limit N]',
	summary: `skills used in the same sessions (lift; pairs seen in at least N sessions, default ${DEFAULT_MIN_SESSIONS})`,
	options: z.strictObject({
		skill: skillName.optional().describe('Only the pairs of this skill, as recorded, e.g. "code-review". Omit for every pair'),
		minSessions: minSessions('Only pairs seen together in at least this many sessions', DEFAULT_MIN_SESSIONS),
		project,
		machine,
		since,
		until,
		limit: limit('pairs (default all)'),
	}),
	async run(context, options) {
		const range = resolveRange(context, options);
		const scope = await resolveScope(context, options.project, options.machine);
		const report = await cousageQuery(context.database, {
			scope,
			range: range && {...range, zone: context.displayZone},
			skill: options.skill,
			minSessions: options.minSessions ?? DEFAULT_MIN_SESSIONS,
			limit: options.limit,
		});
		return {...report, ...machineJson(scope)};
	},
	text(report, view) {
		if (report.did_you_mean !== undefined) return `No invocations of "${report.skill}" in ${scopeLabel(report.project, report.machine)}.${didYouMean(report.did_you_mean)}\n`;
		const what = report.skill ? `Skills used in the same sessions as ${report.skill}` : 'Skills used in the same sessions';
		const title = `${what}, ${scopeLabel(report.project, report.machine)}: ${formatCount(report.sessions)} sessions, pairs seen in at least ${report.min_sessions}`;
		if (report.pairs.length === 0) return `${title}\nNo pair of skills shares that many sessions.\n`;
		const [a, b] = [fitNames(report.pairs.map(pair => pair.skill_a), NAME_WIDTH), fitNames(report.pairs.map(pair => pair.skill_b), NAME_WIDTH)];
		const rows = report.pairs.map((pair, index) => ({
			'skill a': a[index]!,
			'skill b': b[index]!,
			together: formatCount(pair.sessions_together),
			lift: formatDecimal(pair.lift),
		}));
		return `${title}\n${view.table(rows)}\nlift > 1: used together more often than chance; < 1: less.\n`;
	},
});
