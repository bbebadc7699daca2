import type {SkillRow} from '../data/queries/top.js';
import type {TeamPullReport} from '../data/team/pull.js';
import type {TeamPushReport} from '../data/team/push.js';
import type {TeamStatusReport} from '../data/team/status.js';
import {formatCount, formatInstant} from '../domain/format.js';
import {machineCells, periodLabel, scopeLabel, skillRowsTable} from '../report/text-parts.js';
import type {TextView} from './command.js';

/* What `team push|pull|status|top` print for a person: the same facts as --json. */

/** `top`'s report, with where it was computed and the zone of its days. */
export interface TeamTopReport {
	server: string;
	zone: 'UTC';
	window: 'daily' | 'weekly' | 'monthly' | 'all' | 'range';
	bucket_start: string | null;
	bucket_end: string | null;
	since: string | null;
	until: string | null;
	project: {project_id: string; project_name: string} | null;
	machine: {machine_id: string; name: string} | null;
	skills: SkillRow[];
}

const plural = (count: number, word: string) => `${formatCount(count)} ${word}${count === 1 ? '' : 's'}`;

export function pushText(report: TeamPushReport, view: TextView): string {
	const how = report.anonymized ? ', anonymized' : '';
	const months = report.months.sent + report.months.gone === 0
		? 'nothing had changed since the last push'
		: `${plural(report.months.sent, 'month')} sent (${formatCount(report.rows_sent)} rows), ${plural(report.months.gone, 'month')} gone: ${formatCount(report.inserted)} new, ${formatCount(report.updated)} updated, ${formatCount(report.deleted)} deleted`;
	return `Pushed ${formatCount(report.invocations)} invocations of ${plural(report.projects, 'project')} as ${report.name} (${report.machine_id}) to ${report.server}${how}, ${formatInstant(report.pushed_at, view.displayZone)}: ${months}\n`;
}

export function pullText(report: TeamPullReport): string {
	const {totals} = report;
	const head = `Pulled ${plural(totals.machines, 'machine')} from ${report.server}: ${formatCount(totals.fetched)} invocations read, ${formatCount(totals.inserted)} new, ${formatCount(totals.updated)} updated, ${formatCount(totals.deleted)} deleted`;
	const lines = report.machines.map(machine => {
		const invalid = machine.invalid > 0 ? `, ${formatCount(machine.invalid)} skipped (invalid)` : '';
		return `  ${machine.name} (${machine.machine_id}): ${formatCount(machine.rows)} invocations of ${plural(machine.projects, 'project')}; read ${formatCount(machine.fetched)}, ${formatCount(machine.inserted)} new, ${formatCount(machine.updated)} updated, ${formatCount(machine.deleted)} deleted${invalid}`;
	});
	return [head, ...lines, ''].join('\n');
}

export function statusText(report: TeamStatusReport, view: TextView): string {
	const head = `Team server ${report.server}: PostgreSQL ${report.server_version}, skillscope schema ${report.schema_version}, ${plural(report.totals.machines, 'machine')}, ${formatCount(report.totals.invocations)} invocations`;
	if (report.machines.length === 0) return `${head}\nNo machine has pushed yet: \`skillscope team push\`.\n`;
	const rows = report.machines.map(machine => ({
		...machineCells(machine, view.displayZone),
		'pulled until': machine.is_local ? '' : formatInstant(machine.pulled_until, view.displayZone),
	}));
	return `${head}\n${view.table(rows)}\n`;
}

export function topText(report: TeamTopReport, view: TextView): string {
	const title = `Top skills on the team server, ${periodLabel(report)} (UTC days), ${scopeLabel(report.project, report.machine ?? undefined).replace('all active projects', 'all projects')}`;
	if (report.skills.length === 0) return `${title}\nNo invocations in this window.\n`;
	return `${title}\n${skillRowsTable(report.skills, view)}\n`;
}
