import type {CousageReport} from '../../data/queries/cousage.js';
import type {NextReport} from '../../data/queries/next-skill.js';
import type {SkillReport} from '../../data/queries/skill.js';
import type {TrendReport} from '../../data/queries/trend.js';
import type {VersionsReport} from '../../data/queries/versions/versions.js';
import {formatCleanRate, formatCount, formatDecimal, formatDuration, formatInstant, formatPercent, quantity, truncate} from '../../domain/format.js';
import {exposureBasis, exposureSentence} from '../../domain/exposure-words.js';
import {joinWithin, outcomeSplitParts} from '../../domain/outcome-split.js';
import {fitPaths} from '../../domain/fit/paths.js';
import type {InsightLevel} from '../../domain/insights.js';
import {sparkline} from './sparkline.js';
import {versionSummaryLines} from './versions-lines.js';
import {blank, dimmed, drawnLine, heading, plain, type Line, type Segment, type Tone, wrapText} from './line.js';

const BUCKET_NOUN = {daily: 'day', weekly: 'week', monthly: 'month'} as const;
const DIRECTION_MARKS = {improving: ['▲', 'good'], declining: ['▼', 'bad'], stable: ['■', 'muted']} as const;
const INSIGHT_TONES: Record<InsightLevel, Tone> = {high: 'bad', medium: 'warn', info: 'muted', positive: 'good'};

export interface SkillView {
	report: SkillReport;
	trend: ReadonlyArray<{total_invocations: number; success_rate: number | null}>;
	trendWindow: keyof typeof BUCKET_NOUN;
	direction: TrendReport;
	together: CousageReport;
	next: NextReport;
	/** Clean rate per week, the last weeks up to the window's end (outcomes.md). */
	cleanTrend: ReadonlyArray<{clean_rate: number | null}>;
	versions?: VersionsReport;
}

export function rateTone(rate: number | null): Tone | undefined {
	if (rate === null) return undefined;
	if (rate < 0.6) return 'bad';
	if (rate < 0.7) return 'warn';
	return rate > 0.9 ? 'good' : undefined;
}

const field = (label: string, ...value: Segment[]): Line => [{text: label.padEnd(14), dim: true}, ...value];

export function directionSegments({trend_direction: direction, trend_slope: slope, trend_buckets_used: used, window}: TrendReport): Segment[] {
	const [mark, tone] = DIRECTION_MARKS[direction];
	const noun = BUCKET_NOUN[window];
	const detail = slope === null
		? `fewer than 3 ${noun}s with uses`
		: `${slope >= 0 ? '+' : ''}${formatDecimal(slope * 100, 1)} points per ${noun}, last ${used} ${noun}s with uses`;
	return [{text: `${mark} ${direction}`, tone, bold: true}, {text: `  (${detail})`, dim: true}];
}

/** Tracker metrics record no trigger (one `unknown`): the split is then not shown, only said to be missing. */
export function triggersRecorded(byTrigger: SkillReport['by_trigger']): boolean {
	return byTrigger.some(row => row.trigger !== 'unknown');
}

/** Who started the uses: each trigger's finished uses, how many succeeded, and its pending ones. */
export function triggerSegments(byTrigger: SkillReport['by_trigger']): Segment[] {
	return byTrigger.flatMap((row, index): Segment[] => [
		...(index > 0 ? [{text: ' · ', dim: true}] : []),
		{text: row.trigger === 'unknown' ? 'tracker' : row.trigger, bold: true},
		{text: ` ${formatCount(row.total_invocations)}: ${formatCount(row.successful_completions)} ok${row.pending_invocations > 0 ? `, ${formatCount(row.pending_invocations)} pending` : ''}`},
	]);
}

/** Follow-ups, then output tokens and tool errors where the rows record them (transcripts). */
export function perUse(report: SkillReport): string {
	const parts = [`${formatDecimal(report.avg_followup_actions)} follow-ups`];
	if (report.avg_output_tokens !== null && report.avg_output_tokens !== undefined) parts.push(`${formatCount(Math.round(report.avg_output_tokens))} output tokens`);
	if (report.avg_tool_errors !== null && report.avg_tool_errors !== undefined) parts.push(`${formatDecimal(report.avg_tool_errors)} tool errors`);
	return parts.join(', ');
}

/**
 * What it is (skill or command, of which plugin), which sources recorded its finished uses, and,
 * for tracker metrics alone, that no trigger was recorded: one line, under the projects.
 */
export function originText(report: SkillReport): string {
	const what = [report.kind ?? 'kind unknown', ...(report.plugin ? [`plugin ${report.plugin}`] : [])].join(', ');
	const sources = report.sources.map(row => `${row.source} ${formatCount(row.total_invocations)}`).join(', ');
	return [what, ...(sources ? [`recorded by ${sources}`] : []), ...(triggersRecorded(report.by_trigger) ? [] : ['trigger not recorded (tracker metrics)'])].join(' · ');
}

/**
 * How its uses ended, one line where the width allows. Only for skills read from transcripts: a
 * tracker's rows take their writer's flag as outcome, so their split is the success rate again.
 */
function outcomeLines(report: SkillReport, width: number): Line[] {
	if (!report.sources.some(row => row.source === 'claude-code')) return [];
	return joinWithin(outcomeSplitParts(report, report.total_invocations), Math.max(20, width - 16)).map((text, index) => field(index === 0 ? 'outcomes' : '', {text}));
}

/** What the model was offered against what it picked (issue 21), wrapped, and what the rates rest on. */
export function exposureLines(report: Pick<SkillReport, 'exposure' | 'sources'>, width: number): Line[] {
	// Listings are read from transcripts: a skill only trackers recorded, and never listed, has nothing to say.
	if (report.exposure.sessions_listed === 0 && !report.sources.some(row => row.source === 'claude-code')) return [];
	const basis = exposureBasis(report.exposure);
	const room = Math.max(20, width - 16);
	return [
		...wrapText(exposureSentence(report.exposure), room).map((text, index) => field(index === 0 ? 'exposure' : '', {text})),
		...(basis ? wrapText(basis, room).map(text => field('', {text, dim: true})) : []),
	];
}

/** The numbers, the trend and the insights: the top of the drill-down. */
function summaryLines(view: SkillView, zone: string, width: number): Line[] {
	const {report, trend} = view;
	const uses = trend.map(point => point.total_invocations);
	return [
		field('uses', {text: `${formatCount(report.total_invocations)} finished: ${formatCount(report.successful_completions)} succeeded, ${formatCount(report.failed_invocations)} failed; ${formatCount(report.pending_invocations)} pending`}),
		// Success (for transcripts: the skill loaded) beside clean (its work ended well, outcomes.md).
		field(
			'success rate',
			{text: formatPercent(report.success_rate), tone: rateTone(report.success_rate), bold: true},
			{text: '   clean ', dim: true},
			{text: formatCleanRate(report.clean_rate, report.total_invocations), tone: rateTone(report.clean_rate), bold: true},
		),
		...outcomeLines(report, width),
		...exposureLines(report, width),
		field('duration', {text: `avg ${formatDuration(report.avg_duration_ms)}  p50 ${formatDuration(report.p50_duration_ms)}  p90 ${formatDuration(report.p90_duration_ms)}`}),
		// Wrapped: at 60 columns it ended `0.20 to…`.
		...wrapText(perUse(report), Math.max(20, width - 16)).map((text, index) => field(index === 0 ? 'per use' : '', {text})),
		...(triggersRecorded(report.by_trigger) ? [field('triggered', ...triggerSegments(report.by_trigger))] : []),
		field('used', {text: `${formatInstant(report.first_used, zone)} – ${formatInstant(report.last_used, zone)}`}),
		field(`uses/${BUCKET_NOUN[view.trendWindow]}`, {text: `${sparkline(uses)}  (last ${trend.length}, max ${Math.max(...uses)})`}),
		field('success', {text: `${sparkline(trend.map(point => point.success_rate), 1)}  (0–100%)`}),
		field('clean/week', {text: `${sparkline(view.cleanTrend.map(point => point.clean_rate), 1)}  (0–100%, last ${view.cleanTrend.length} weeks)`}),
		field('direction', ...directionSegments(view.direction)),
		blank,
		heading('Insights'),
		...report.insights.map((insight): Line => [{text: '  '}, {text: `● ${insight.level.padEnd(9)}`, tone: INSIGHT_TONES[insight.level]}, {text: insight.message}]),
	];
}

function counted(title: string, rows: ReadonlyArray<{label: string; count: number}>, width: number): Line[] {
	if (rows.length === 0) return [];
	return [blank, heading(title), ...rows.slice(0, 5).map(row => plain(`  ${String(row.count).padStart(6)}  ${truncate(row.label, width - 12)}`))];
}

function listed(title: string, rows: readonly string[], none: string, width: number): Line[] {
	return [blank, heading(title), ...(rows.length === 0 ? [dimmed(`  ${none}`)] : rows.map(row => plain(`  ${truncate(row, width - 4)}`)))];
}

/**
 * The drill-down as one-line elements, so that scrolling is exact at any height. `projectTable`
 * is the drawn by-project table.
 */
export function skillLines(view: SkillView, projectTable: readonly string[], width: number, zone: string): Line[] {
	const {report, together, next} = view;
	return [
		...summaryLines(view, zone, width),
		// Versions are read from transcripts: a skill only trackers recorded has none to list.
		...(report.sources.some(row => row.source === 'claude-code') || view.versions?.dynamic ? versionSummaryLines(view.versions, width, zone) : []),
		blank,
		heading('By project'),
		...projectTable.map(drawnLine),
		blank,
		heading('Origin'),
		plain(`  ${truncate(originText(report), width - 4)}`),
		...counted('Most common errors', report.errors.map(row => ({label: row.error_type, count: row.count})), width),
		...counted('Follow-up actions', report.follow_up_actions.map(row => ({label: row.action, count: row.count})), width),
		...counted('Workflow paths', report.workflow_paths.map(row => ({label: row.workflow_path, count: row.count})), width),
		...listed(
			`Used with (lift, of ${quantity(together.sessions, 'session')})`,
			together.pairs.map(pair => `${formatDecimal(pair.lift).padStart(6)}×  ${pair.skill_b}  (${quantity(pair.sessions_together, 'session')} together)`),
			`no skill shares ${together.min_sessions} or more sessions with it`,
			width,
		),
		...listed(
			`Usually next (${quantity(next.transitions, 'transition')})`,
			next.next.map(row => `${formatPercent(row.probability).padStart(6)}  ${row.skill}  (${formatCount(row.count)})`),
			'nothing followed it in a session',
			width,
		),
	];
}

/** What the drill-down says of where a skill is installed: each place, its path and description. */
export interface InstalledPlace {
	kind: string;
	scope: string;
	plugin: string | null;
	path: string;
	description: string | null;
	problems: ReadonlyArray<{message: string}>;
}

/**
 * Each place the skill is installed, its path (`~` for the home), its frontmatter
 * description (two lines at most, cut) and its file's problems: the top of the drill-down. Nothing when installed
 * nowhere that was read (`checked` false: no Claude Code root to look in).
 */
export function installedLines(places: readonly InstalledPlace[], width: number, home?: string, checked = true): Line[] {
	if (!checked) return [];
	const room = width - 18;
	// Wrapped, never cut: at 80 columns the sentence lost its last word (`never the…`).
	if (places.length === 0) return wrapText('nowhere: invoked but not installed (removed, renamed or never there)', Math.max(20, width - 16)).map((text, index) => field(index === 0 ? 'installed' : '', {text, tone: 'warn'}));
	return places.flatMap((place): Line[] => {
		const described = place.description ? wrapText(place.description, room) : [];
		const description = described.length > 2 ? [described[0]!, truncate(`${described[1]!} …`, room)] : described;
		return [
			field('installed', {text: `${place.scope} ${place.kind}`, bold: true}, {text: place.plugin ? ` of plugin ${place.plugin}` : ''}),
			field('path', {text: shortPath(place.path, room, home)}),
			description.length === 0 ? field('description', {text: 'none (no description in its frontmatter)', dim: true}) : field('description', {text: description[0]!}),
			...description.slice(1).map(text => field('', {text})),
			...(place.problems.length > 0 ? [field('problems', {text: truncate(place.problems.map(problem => problem.message).join('; '), room), tone: 'warn'})] : []),
		];
	});
}

/** Cut between folders (`~/…/project-reader/0.3.1/skills/cpp/SKILL.md`), not inside one (`…che/demo-marketplace/…`). */
function shortPath(path: string, width: number, home?: string): string {
	return fitPaths([path], width, home)[0]!;
}
