import {z} from 'zod';
import {collect as collectProjects, type CollectEvent} from '../data/collect/collector.js';
import {localMachine} from '../data/registry/machines.js';
import {findProject, listProjects} from '../data/registry/registry.js';
import {formatCount, formatDuration, formatMeasured} from '../domain/format.js';
import {projectLabels} from '../domain/fit/paths.js';
import {CommandUsageError} from '../errors.js';
import {type CommandContext, defineCommand} from './command.js';
import {watchCollect} from './collect-watch.js';
import {flag, projectRef} from './options.js';

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

		case 'notice': {
			return event.message;
		}

		default: {
			return undefined;
		}
	}
}

/** The projects named (a directory inside one names it too: the plugin's hook passes the session's). */
async function activeIds(context: CommandContext, references: readonly string[]): Promise<string[]> {
	const found = await Promise.all(references.map(async reference => findProject(context.database, reference, undefined, {inside: true})));
	const here = (await localMachine(context.database)).machine_id;
	const pulled = found.filter(project => project.machine_id !== here);
	if (pulled.length > 0) throw new CommandUsageError(`${pulled.map(project => `${project.project_name} is a project of ${project.machine_name}, pulled from a lake`).join('; ')}: collect it there and push`);
	const ids = found.map(project => project.project_id);
	const active = new Set((await listProjects(context.database, {activeOnly: true, local: true})).map(project => project.project_id));
	const inactive = references.filter((_, index) => !active.has(ids[index]!));
	if (inactive.length > 0) throw new CommandUsageError(`not active: ${inactive.join(', ')}; reactivate with: skillscope register <path>`);
	return ids;
}

export const collect = defineCommand({
	name: 'collect',
	usage: 'collect [<path|name|id>...] [--force] [--watch] [--quiet]',
	summary: 'read what changed in all active projects, or those named (a directory inside one names it) (--force: read every file again; --watch: keep collecting as files change, a line per change, until Ctrl+C; --quiet: print nothing unless a source fails)',
	positionals: [{key: 'projects', label: '<path|name|id>', optional: true, variadic: true}],
	options: z.strictObject({
		projects: z.array(projectRef).optional().describe('Only these projects, or those holding these directories (default every active one)'),
		force: flag('Read every file again, changed or not (default false)'),
		watch: flag('Keep collecting as the files change, until Ctrl+C; one line (--json: one JSON object) per change (default false)'),
		quiet: flag('No report and no progress: only the sources that could not be read, on stderr (exit 3), and errors (default false)'),
	}),
	async run(context, options) {
		// A watch prints a line per change: quiet, it would say nothing at all until a failure, which the hook (its user) never waits for.
		if (options.quiet && options.watch) throw new CommandUsageError('--quiet does not go with --watch, which prints a line per change');
		const projectIds = options.projects && options.projects.length > 0 ? await activeIds(context, options.projects) : undefined;
		if (options.watch) {
			const {cancelled: _done, ...summary} = await watchCollect(context, projectIds, Boolean(options.force));
			return summary;
		}

		const {cancelled: _cancelled, ...report} = await collectProjects(context.database, {
			naiveTimezone: context.naiveZone,
			displayTimezone: context.displayZone,
			projectIds,
			force: Boolean(options.force),
			claudeRoot: context.claudeRoot,
			tuning: context.tuning,
			onEvent(event) {
				const line = options.quiet && event.type !== 'error' ? undefined : progressLine(event);
				if (line) context.warn(line);
			},
		});
		return report;
	},
	// Ended by Ctrl+C, a watch ends well: what failed was said on its line.
	partial: (report, options) => !options.watch && report.totals.errors > 0,
	streams: options => Boolean(options.watch),
	silent: options => Boolean(options.quiet),
	text(report, view) {
		if (report.projects.length === 0) return 'No active projects to collect. Add one with: skillscope register <path>\n';
		// Three shops told apart by their folder, as everywhere a project is named (issue 27).
		const names = projectLabels(report.projects.map(project => ({name: project.project_name, path: project.project_path})), 28, view.registered);
		const notes = report.projects.some(project => project.notice);
		const table = view.table(
			report.projects.map((project, index) => ({
				project: names[index]!,
				new: formatCount(project.collected),
				updated: formatCount(project.updated),
				unchanged: formatCount(project.unchanged),
				errors: formatCount(project.errors),
				time: formatMeasured(project.duration_ms),
				// An empty column drew 7 columns of nothing: at 80 the table wrapped.
				...(notes ? {note: project.notice ?? ''} : {}),
			})),
		);
		const {totals} = report;
		return `${table}\n${formatCount(totals.collected)} new, ${formatCount(totals.updated)} updated, ${formatCount(totals.unchanged)} unchanged, ${formatCount(totals.errors)} errors in ${formatDuration(totals.duration_ms)}\n`;
	},
});
