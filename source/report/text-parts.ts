import type {TextView} from './text-view.js';
import type {SkillRow, TopReport} from '../data/queries/top.js';
import type {Machine} from '../data/registry/machines.js';
import {formatCleanRate, formatCount, formatDecimal, formatDuration, formatInstant, formatPercent, truncate} from '../domain/format.js';
import type {UsageMetrics} from '../domain/metrics.js';
import {fitNames} from '../domain/fit/names.js';
import {projectLabels} from '../domain/fit/paths.js';
import {projectPlace} from '../domain/project-place.js';

/** Pieces several text forms share. Same facts as the JSON, drawn for a person. */
export const NAME_WIDTH = 40;

export function scopeLabel(project: {project_name: string} | null, machine?: {name: string}): string {
	if (project) return `project ${project.project_name}${machine ? ` on ${machine.name}` : ''}`;
	return machine ? `all active projects on ${machine.name}` : 'all active projects';
}

export function periodLabel(report: Pick<TopReport, 'window' | 'bucket_start' | 'bucket_end' | 'since' | 'until'>): string {
	if (report.window === 'range') return `${report.since} to ${report.until}`;
	if (report.window === 'all') return 'all time';
	if (report.window === 'daily') return `day ${report.bucket_start}`;
	return `${report.window === 'weekly' ? 'week' : 'month'} ${report.bucket_start} to ${report.bucket_end}`;
}

/** The metric columns every table of skills or projects shows, in one order: `clean` (outcomes.md) beside success. */
export function metricCells(row: Omit<UsageMetrics, 'successful_completions' | 'failed_invocations'> & {clean_rate: number | null}, zone: string) {
	return {
		uses: formatCount(row.total_invocations),
		success: formatPercent(row.success_rate),
		clean: formatCleanRate(row.clean_rate, row.total_invocations),
		'avg time': formatDuration(row.avg_duration_ms),
		'follow-ups': formatDecimal(row.avg_followup_actions),
		pending: formatCount(row.pending_invocations),
		'last used': formatInstant(row.last_used, zone),
	};
}

export function skillRowsTable(rows: readonly SkillRow[], view: TextView): string {
	// The column fitted whole: a plugin's skill keeps its part, and no two names print the same (issue 27).
	const names = fitNames(rows.map(row => row.skill_name), NAME_WIDTH);
	return view.table(rows.map((row, index) => ({'#': row.rank, skill: names[index]!, ...metricCells(row, view.displayZone)})));
}

export function projectMetricsTable(rows: ReadonlyArray<Parameters<typeof metricCells>[0] & {project_name: string; project_path: string; project_type: string; machine_id: string; machine_name: string}>, view: TextView): string {
	// The machine only when the projects are of several: one machine's tables stay as they were.
	const machines = new Set(rows.map(row => row.machine_id)).size > 1;
	// Two projects of one name (issue 27) are told apart by their folder, as the explorer and `projects` do: shop (workSpace), shop (acme);
	// against the registry, so that one shop alone in its table still says which.
	const names = projectLabels(rows.map(row => ({name: row.project_name, path: projectPlace(row).path})), 28, view.registered);
	return view.table(rows.map((row, index) => ({
		project: names[index]!,
		...(machines ? {machine: truncate(row.machine_name, 16)} : {}),
		type: truncate(row.project_type, 12),
		...metricCells(row, view.displayZone),
	})));
}

export function didYouMean(names: readonly string[] | undefined): string {
	return names && names.length > 0 ? ` Did you mean: ${names.join(', ')}?` : '';
}

/** Each row's value under its own heading, with its count; nothing when there are no rows. */
export function countedTable<T extends {count: number}>(title: string, rows: readonly T[], key: keyof T, view: TextView): string {
	if (rows.length === 0) return '';
	return `\n${title}\n${view.table(rows.map(row => ({[String(key).replaceAll('_', ' ')]: truncate(String(row[key]), 50), count: row.count})))}\n`;
}

/** A machine as `machines` and `team status` list it: the same columns, in the same order. */
export function machineCells(machine: Machine, zone: string) {
	return {
		name: truncate(machine.name, 24),
		id: machine.machine_id,
		here: machine.is_local ? 'yes' : '',
		projects: formatCount(machine.projects),
		invocations: formatCount(machine.invocations),
		'last push': formatInstant(machine.last_push_at, zone),
	};
}
