import {fitNames} from '../../domain/fit/names.js';
import {formatCount, formatDuration, formatMeasured} from '../../domain/format.js';
import type {CollectState} from '../hooks/use-collect.js';
import type {TableRow} from '../table-lines.js';

export function progressBar(done: number, total: number, width: number): string {
	const filled = total === 0 ? width : Math.round((done / total) * width);
	return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

export const isRunning = (collect: CollectState) => collect.status === 'running' || collect.status === 'aggregating';

/** One table row per project: its state, sources read, rows written, errors and clock. */
export function progressRows(collect: CollectState, now: number, width: number): TableRow[] {
	const names = fitNames(collect.projects.map(project => project.name), Math.max(12, width - 56));
	return collect.projects.map((project, index) => ({
		project: names[index]!,
		state: project.state,
		sources: project.state === 'waiting' ? '' : `${project.sourcesDone}/${project.sources}`,
		rows: formatCount(project.rowsWritten),
		errors: formatCount(project.errors),
		time: project.durationMs !== undefined ? formatMeasured(project.durationMs) : project.startedAt ? formatDuration(now - project.startedAt) : '',
	}));
}

/** The line beside the bar: where the collect is, or how it ended. */
export function collectStatus(collect: CollectState, now: number): string {
	const done = collect.projects.filter(project => project.state === 'done').length;
	const elapsed = formatDuration(collect.report?.totals.duration_ms ?? now - (collect.startedAt ?? now));
	return {
		running: `Collecting… ${done}/${collect.projects.length} projects, ${elapsed}  (Esc cancels)`,
		aggregating: `Updating aggregates… ${elapsed}`,
		done: `Done in ${elapsed}`,
		cancelled: `Cancelled after ${elapsed}: every source read so far is complete; the rest was left untouched`,
		failed: `Failed: ${collect.failure ?? ''}`,
		idle: '',
	}[collect.status];
}

/** The short status in the footer while a collect runs on another screen. */
export function footerStatus(collect: CollectState): string | undefined {
	if (!isRunning(collect)) return undefined;
	return `collecting ${collect.projects.filter(project => project.state === 'done').length}/${collect.projects.length}…`;
}
