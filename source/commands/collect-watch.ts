import {collect as collectProjects, type CollectReport} from '../data/collect/collector.js';
import {LiveCollector, type LiveEvent} from '../data/watch/live-collector.js';
import {formatClock} from '../domain/clock.js';
import {formatCount, formatDuration} from '../domain/format.js';
import {CommandUsageError} from '../errors.js';
import type {CommandContext} from './command.js';

/** One line of `collect --watch --json`: a collect that found something (rows, or errors). */
export interface WatchRecord {
	at: string;
	mode: 'watch' | 'polling';
	totals: CollectReport['totals'];
	projects: Array<{project_id: string; project_name: string; collected: number; updated: number; errors: number; error_details: Array<{file: string; message: string}>}>;
}

function record(report: CollectReport, at: Date, mode: WatchRecord['mode']): WatchRecord | undefined {
	const projects = report.projects
		.filter(project => project.collected + project.updated + project.errors > 0)
		.map(({project_id, project_name, collected, updated, errors, error_details}) => ({project_id, project_name, collected, updated, errors, error_details}));
	return projects.length === 0 ? undefined : {at: at.toISOString(), mode, totals: report.totals, projects};
}

function line(entry: WatchRecord, zone: string): string {
	const {totals} = entry;
	const names = entry.projects.map(project => project.project_name).join(', ');
	return `${formatClock(new Date(entry.at), zone)}  ${formatCount(totals.collected)} new, ${formatCount(totals.updated)} updated, ${formatCount(totals.errors)} errors in ${names} (${formatDuration(totals.duration_ms)})`;
}

function modeLine(event: Extract<LiveEvent, {type: 'mode'}>, root: string): string {
	return event.mode === 'watch'
		? `watching ${root} and the active projects' metrics files (fs.watch on ${formatCount(event.folders)} folders); Ctrl+C stops`
		: `polling every 2 s: ${event.reason ?? 'watchers are not available'}; Ctrl+C stops`;
}

/**
 * `collect --watch`: collects what changes until Ctrl+C, one line on stdout per collect that
 * found something (NDJSON with --json); how it watches and what failed go to stderr. Returns the
 * sums over the whole run.
 */
export async function watchCollect(context: CommandContext, projectIds: string[] | undefined, force: boolean): Promise<CollectReport> {
	const {emit, interrupted} = context;
	if (!emit || !interrupted) throw new CommandUsageError('--watch runs until Ctrl+C: use it from a command line');
	const signal = interrupted();
	const sums = {projects: 0, collected: 0, updated: 0, unchanged: 0, errors: 0, duration_ms: 0};
	let first = force;
	let mode: WatchRecord['mode'] = 'watch';
	const live = await LiveCollector.start({
		database: context.database,
		claudeRoot: context.claudeRoot,
		request: context.watch ?? 'auto',
		async collect(stop) {
			// --force reads everything again once, at the start; the changes after are incremental.
			const again = first;
			first = false;
			return collectProjects(context.database, {naiveTimezone: context.naiveZone, displayTimezone: context.displayZone, projectIds, force: again, claudeRoot: context.claudeRoot, signal: stop, tuning: context.tuning});
		},
		onEvent(event) {
			if (event.type === 'mode') {
				mode = event.mode;
				context.warn(modeLine(event, `${context.claudeRoot}/projects`));
			} else if (event.type === 'failed') {
				context.warn(`collect failed: ${event.message}`);
			} else if (event.type === 'tree') {
				context.warn(event.present ? `${event.tree} is back: following it again` : `${event.tree} is gone: watching for it to come back`);
			} else {
				for (const key of ['collected', 'updated', 'unchanged', 'errors', 'duration_ms'] as const) sums[key] += event.report.totals[key];
				sums.projects = event.report.totals.projects;
				const entry = record(event.report, event.at, mode);
				if (entry) emit(entry, line(entry, context.displayZone));
			}
		},
	});
	await new Promise<void>(resolve => {
		if (signal.aborted) resolve();
		else signal.addEventListener('abort', () => resolve(), {once: true});
	});
	await live.stop();
	return {projects: [], totals: sums, cancelled: false};
}
