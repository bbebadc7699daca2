import {z} from 'zod';
import {DEFAULT_MIN_SESSIONS} from '../data/queries/cousage.js';
import {workflowPatterns} from '../data/queries/workflow-patterns.js';
import {freshRollups} from '../data/rollups/fresh.js';
import {formatCount, formatDuration, formatPercent, truncate} from '../domain/format.js';
import {scopeLabel} from '../report/text-parts.js';
import {machineJson} from '../data/queries/scope.js';
import {defineCommand} from './command.js';
import {limit, machine, minSessions, project} from './options.js';
import {resolveScope} from './resolve.js';

const sequence = (skills: readonly string[]) => truncate(skills.join(' → '), 70);

export const workflows = defineCommand({
	name: 'workflows',
	usage: 'workflows [--project P] [--machine M] [--min-sessions N] [--limit N]',
	summary: 'most frequent skill sequences, and the fastest ones',
	options: z.strictObject({
		project,
		machine,
		minSessions: minSessions('For `fastest`: only sequences completed in at least this many sessions', DEFAULT_MIN_SESSIONS),
		limit: limit('sequences in each list (default 10)'),
	}),
	async run(context, options) {
		const scope = await resolveScope(context, options.project, options.machine);
		await freshRollups(context.database, {workflows: true});
		const report = await workflowPatterns(context.database, {scope, minSessions: options.minSessions ?? DEFAULT_MIN_SESSIONS, limit: options.limit ?? 10});
		return {...report, ...machineJson(scope)};
	},
	text(report, view) {
		const title = `Workflows (skill sequences of a session), ${scopeLabel(report.project, report.machine)}: ${formatCount(report.sessions)} sessions`;
		if (report.frequent.length === 0) return `${title}\nNo sessions yet: workflows need records with a session_id.\n`;
		const frequent = view.table(report.frequent.map(row => ({
			sequence: sequence(row.skills),
			runs: formatCount(row.executions),
			success: formatPercent(row.success_rate),
			running: formatCount(row.running),
			'avg time': formatDuration(row.avg_duration_ms),
		})));
		const fastest = report.fastest.length === 0
			? `No sequence completed ${report.min_sessions} times with known durations.`
			: view.table(report.fastest.map(row => ({
				sequence: sequence(row.skills),
				completed: formatCount(row.completed),
				'avg time': formatDuration(row.avg_duration_ms),
				fastest: formatDuration(row.min_duration_ms),
			})));
		return `${title}\n\nMost frequent\n${frequent}\n\nFastest successful (completed at least ${report.min_sessions} times)\n${fastest}\n`;
	},
});
