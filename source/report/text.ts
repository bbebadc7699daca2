import {formatCount, formatDecimal, formatDuration, formatInstant, formatPercent, truncate} from '../domain/format.js';
import type {CollectReport} from '../data/collector.js';
import type {UsageMetrics} from '../domain/metrics.js';
import type {Project} from '../data/registry.js';
import type {CompareReport} from '../data/queries/compare.js';
import type {HealthReport} from '../data/queries/health.js';
import type {SkillReport} from '../data/queries/skill.js';
import type {SummaryReport} from '../data/queries/summary.js';
import type {SkillRow, TopReport} from '../data/queries/top.js';
import type {AdoptionReport} from '../data/queries/adoption.js';
import type {CousageReport} from '../data/queries/cousage.js';
import type {NextReport} from '../data/queries/next-skill.js';
import type {RecommendReport} from '../data/queries/recommend.js';
import type {TrendReport} from '../data/queries/trend.js';
import type {WorkflowsReport} from '../data/queries/workflow-patterns.js';
import {renderTable} from './render-table.js';

/** Text forms of each report. Same facts as the JSON, drawn for a person. */
const NAME_WIDTH = 40;

function scopeLabel(project: {project_name: string} | null): string {
	return project ? `project ${project.project_name}` : 'all active projects';
}

export function periodLabel(report: Pick<TopReport, 'window' | 'bucket_start' | 'bucket_end' | 'since' | 'until'>): string {
	if (report.window === 'range') return `${report.since} to ${report.until}`;
	if (report.window === 'all') return 'all time';
	if (report.window === 'daily') return `day ${report.bucket_start}`;
	return `${report.window === 'weekly' ? 'week' : 'month'} ${report.bucket_start} to ${report.bucket_end}`;
}

/** The metric columns every table of skills or projects shows, in one order. */
function metricCells(row: Omit<UsageMetrics, 'successful_completions' | 'failed_invocations'>, zone: string) {
	return {
		uses: formatCount(row.total_invocations),
		success: formatPercent(row.success_rate),
		'avg time': formatDuration(row.avg_duration_ms),
		'follow-ups': formatDecimal(row.avg_followup_actions),
		pending: formatCount(row.pending_invocations),
		'last used': formatInstant(row.last_used, zone),
	};
}

export function skillRowsTable(rows: readonly SkillRow[], zone: string): string {
	return renderTable(rows.map(row => ({'#': row.rank, skill: truncate(row.skill_name, NAME_WIDTH), ...metricCells(row, zone)})));
}

export function topText(report: TopReport, zone: string): string {
	const title = `Top skills, ${periodLabel(report)}, ${scopeLabel(report.project)}`;
	if (report.skills.length === 0) return `${title}\nNo invocations in this window.\n`;
	return `${title}\n${skillRowsTable(report.skills, zone)}\n`;
}

export function projectsText(projects: readonly Project[], zone: string): string {
	if (projects.length === 0) return 'No projects registered. Add one with: skillscope register <path>\n';
	return `${renderTable(
		projects.map(project => ({
			name: truncate(project.project_name, 24),
			id: project.project_id,
			type: truncate(project.project_type, 12),
			path: truncate(project.project_path, 48),
			active: project.is_active ? 'yes' : 'no',
			invocations: formatCount(project.invocations),
			'last sync': formatInstant(project.last_sync_at, zone),
			errors: project.last_error_count,
		})),
	)}\n`;
}

export function collectText(report: CollectReport): string {
	if (report.projects.length === 0) return 'No active projects to collect. Add one with: skillscope register <path>\n';
	const table = renderTable(
		report.projects.map(project => ({
			project: truncate(project.project_name, 28),
			new: formatCount(project.collected),
			updated: formatCount(project.updated),
			unchanged: formatCount(project.unchanged),
			errors: formatCount(project.errors),
			time: formatDuration(project.duration_ms),
			note: project.notice ?? '',
		})),
	);
	const {totals} = report;
	return `${table}\n${formatCount(totals.collected)} new, ${formatCount(totals.updated)} updated, ${formatCount(totals.unchanged)} unchanged, ${formatCount(totals.errors)} errors in ${formatDuration(totals.duration_ms)}${report.cancelled ? ' (cancelled)' : ''}\n`;
}

function counted<T extends {count: number}>(title: string, rows: readonly T[], key: keyof T): string {
	if (rows.length === 0) return '';
	return `\n${title}\n${renderTable(rows.map(row => ({[String(key).replaceAll('_', ' ')]: truncate(String(row[key]), 50), count: row.count})))}\n`;
}

export function skillText(report: SkillReport, zone: string): string {
	if (!report.found) {
		const hint = report.did_you_mean && report.did_you_mean.length > 0 ? ` Did you mean: ${report.did_you_mean.join(', ')}?` : '';
		return `No invocations of "${report.skill_name}" in ${scopeLabel(report.project)}.${hint}\n`;
	}

	const range = report.since && report.until ? `, ${report.since} to ${report.until}` : report.since ? `, from ${report.since}` : report.until ? `, until ${report.until}` : '';
	const lines = [
		`${report.skill_name} (${scopeLabel(report.project)}${range})`,
		`  uses            ${formatCount(report.total_invocations)} finished (${formatCount(report.successful_completions)} succeeded, ${formatCount(report.failed_invocations)} failed), ${formatCount(report.pending_invocations)} pending`,
		`  success rate    ${formatPercent(report.success_rate)}`,
		`  duration        avg ${formatDuration(report.avg_duration_ms)}, p50 ${formatDuration(report.p50_duration_ms)}, p90 ${formatDuration(report.p90_duration_ms)}`,
		`  follow-ups      ${formatDecimal(report.avg_followup_actions)} per use`,
		`  used            ${formatInstant(report.first_used, zone)} to ${formatInstant(report.last_used, zone)}`,
		'',
		'Insights',
		...report.insights.map(insight => `  [${insight.level}] ${insight.message}`),
	];
	const byProject = `\nBy project\n${compareTable(report.by_project, zone)}\n`;
	return `${lines.join('\n')}\n${byProject}${counted('Errors', report.errors, 'error_type')}${counted('Follow-up actions', report.follow_up_actions, 'action')}${counted('Workflow paths', report.workflow_paths, 'workflow_path')}`;
}

function compareTable(rows: CompareReport['projects'], zone: string): string {
	return renderTable(
		rows.map(row => ({project: truncate(row.project_name, 28), type: truncate(row.project_type, 12), ...metricCells(row, zone)})),
	);
}

export function compareText(report: CompareReport, zone: string): string {
	if (!report.found) return `No active project has used "${report.skill_name}".\n`;
	return `${report.skill_name} across projects\n${compareTable(report.projects, zone)}\n`;
}

export function summaryText(report: SummaryReport, zone: string): string {
	const lines = [
		`Summary, ${scopeLabel(report.project)}`,
		`  projects        ${formatCount(report.projects)}`,
		`  skills          ${formatCount(report.unique_skills)}`,
		`  uses            ${formatCount(report.total_invocations)} finished (${formatCount(report.successful_completions)} succeeded, ${formatCount(report.failed_invocations)} failed), ${formatCount(report.pending_invocations)} pending`,
		`  success rate    ${formatPercent(report.success_rate)}`,
		`  avg duration    ${formatDuration(report.avg_duration_ms)}`,
		`  follow-ups      ${formatDecimal(report.avg_followup_actions)} per use`,
		`  period          ${formatInstant(report.first_used, zone)} to ${formatInstant(report.last_used, zone)}`,
	];
	const top = report.top_skills.length > 0 ? `\nTop skills\n${skillRowsTable(report.top_skills, zone)}\n` : '\nNo invocations collected yet.\n';
	return `${lines.join('\n')}\n${top}`;
}

export function healthText(report: HealthReport, zone: string): string {
	const counts = report.row_counts;
	const lines = [
		`Database        ${report.database}`,
		`Schema          version ${report.schema_version}${report.ok ? '' : ` (expected ${report.expected_schema_version})`}`,
		`Rows            ${formatCount(counts.projects)} projects, ${formatCount(counts.skill_usage)} invocations, ${formatCount(counts.skill_aggregates)} aggregates`,
		`Last collection ${formatInstant(report.last_collection_at, zone)}`,
		`Aggregates      ${report.aggregates_fresh ? 'fresh' : 'stale (run: skillscope aggregate)'}${report.aggregates_timezone ? `, zone ${report.aggregates_timezone}` : ''}`,
	];
	const projects = report.projects.length > 0
		? `\n${renderTable(report.projects.map(project => ({
			project: truncate(project.project_name, 28),
			active: project.is_active ? 'yes' : 'no',
			'last sync': formatInstant(project.last_sync_at, zone),
			errors: project.last_error_count,
			'last error': truncate(project.last_error ?? '', 60),
		})))}\n`
		: '';
	return `${lines.join('\n')}\n${projects}`;
}

/** How many of the latest buckets the text form of a trend lists (the JSON has them all). */
const TREND_ROWS = 12;

export function trendText(report: TrendReport): string {
	const slope = report.trend_slope === null ? `fewer than 3 ${report.window} buckets with uses` : `${formatDecimal(report.trend_slope * 100, 1)} points per bucket over ${report.trend_buckets_used} buckets`;
	const rows = report.trend.slice(-TREND_ROWS).map(point => ({
		[report.window === 'daily' ? 'day' : report.window === 'weekly' ? 'week of' : 'month']: point.bucket_start,
		uses: formatCount(point.total_invocations),
		succeeded: formatCount(point.successful_completions),
		success: formatPercent(point.success_rate),
		'avg time': formatDuration(point.avg_duration_ms),
	}));
	const shown = report.trend.length > TREND_ROWS ? ` (last ${TREND_ROWS} of ${report.trend.length}; --json has all)` : '';
	const table = rows.length > 0 ? `${renderTable(rows)}\n` : '';
	return `\nTrend, ${report.window}${shown}: ${report.trend_direction} (${slope})\n${table}`;
}

export function cousageText(report: CousageReport): string {
	const what = report.skill ? `Skills used in the same sessions as ${report.skill}` : 'Skills used in the same sessions';
	const title = `${what}, ${scopeLabel(report.project)}: ${formatCount(report.sessions)} sessions, pairs seen in at least ${report.min_sessions}`;
	if (report.did_you_mean !== undefined) {
		const hint = report.did_you_mean.length > 0 ? ` Did you mean: ${report.did_you_mean.join(', ')}?` : '';
		return `No invocations of "${report.skill}" in ${scopeLabel(report.project)}.${hint}\n`;
	}

	if (report.pairs.length === 0) return `${title}\nNo pair of skills shares that many sessions.\n`;
	return `${title}\n${renderTable(report.pairs.map(pair => ({
		'skill a': truncate(pair.skill_a, NAME_WIDTH),
		'skill b': truncate(pair.skill_b, NAME_WIDTH),
		together: formatCount(pair.sessions_together),
		lift: formatDecimal(pair.lift),
	})))}\nlift > 1: used together more often than chance; < 1: less.\n`;
}

export function nextText(report: NextReport): string {
	if (!report.found) {
		const hint = report.did_you_mean && report.did_you_mean.length > 0 ? ` Did you mean: ${report.did_you_mean.join(', ')}?` : '';
		return `No invocations of "${report.skill_name}" in ${scopeLabel(report.project)}.${hint}\n`;
	}

	const title = `After ${report.skill_name}, ${scopeLabel(report.project)}: ${formatCount(report.transitions)} transitions in sessions`;
	if (report.next.length === 0) return `${title}\nNothing followed it in a session.\n`;
	return `${title}\n${renderTable(report.next.map(row => ({next: truncate(row.skill, NAME_WIDTH), count: formatCount(row.count), probability: formatPercent(row.probability)})))}\n`;
}

export function recommendText(report: RecommendReport): string {
	const title = `Recommendations, ${scopeLabel(report.project)} (${formatCount(report.skills_considered)} skills)`;
	if (report.recommendations.length === 0) return `${title}\nNothing to recommend: no skill breaks a rule.\n`;
	const lines = report.recommendations.map(item => `  [${item.priority}] ${item.skill}: ${item.issue.replaceAll('_', ' ')}\n         ${item.action}`);
	return `${title}\n${lines.join('\n')}\n`;
}

const sequence = (skills: readonly string[]) => truncate(skills.join(' → '), 70);

export function workflowsText(report: WorkflowsReport): string {
	const title = `Workflows (skill sequences of a session), ${scopeLabel(report.project)}: ${formatCount(report.sessions)} sessions`;
	if (report.frequent.length === 0) return `${title}\nNo sessions yet: workflows need records with a session_id.\n`;
	const frequent = renderTable(report.frequent.map(row => ({
		sequence: sequence(row.skills),
		runs: formatCount(row.executions),
		success: formatPercent(row.success_rate),
		running: formatCount(row.running),
		'avg time': formatDuration(row.avg_duration_ms),
	})));
	const fastest = report.fastest.length === 0
		? `No sequence completed ${report.min_sessions} times with known durations.`
		: renderTable(report.fastest.map(row => ({sequence: sequence(row.skills), completed: formatCount(row.completed), 'avg time': formatDuration(row.avg_duration_ms), fastest: formatDuration(row.min_duration_ms)})));
	return `${title}\n\nMost frequent\n${frequent}\n\nFastest successful (completed at least ${report.min_sessions} times)\n${fastest}\n`;
}

export function adoptionText(report: AdoptionReport, zone: string): string {
	const period = report.window === 'all' ? 'all time' : `${report.bucket_start} to ${report.bucket_end}`;
	const table = (rows: AdoptionReport['skills']) => renderTable(rows.map(row => ({
		skill: truncate(row.skill_name, NAME_WIDTH),
		'first used': formatInstant(row.first_used, zone),
		'first in': truncate(row.first_project ?? '', 24),
		uses: formatCount(row.total_invocations),
	})));
	if (report.skills.length === 0) return `Adoption, ${scopeLabel(report.project)}\nNo invocations collected yet.\n`;
	const fresh = report.new_in_window.length === 0 ? 'none' : `\n${table(report.new_in_window)}`;
	const all = report.window === 'all' ? '' : `\n\nAll skills, by first use\n${table(report.skills)}`;
	return `Adoption, ${scopeLabel(report.project)}\nNew in ${period}: ${fresh}${all}\n`;
}
