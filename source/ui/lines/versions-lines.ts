import type {VersionRow, VersionsReport} from '../../data/queries/versions/versions.js';
import {fitNames} from '../../domain/fit/names.js';
import {formatCount, formatInstant, quantity} from '../../domain/format.js';
import {cleanWithInterval, formatP, versionSentence} from '../../domain/version-words.js';
import type {TableRow} from '../table-lines.js';
import {blank, dimmed, heading, plain, type Line, type Segment, type Tone, wrapText} from './line.js';

/*
 * A skill's versions (outcomes.md) as the explorer draws them: a few lines in the drill-down, the
 * table of the versions view with what changed for the selected one, and a diff with its colours.
 */

const VERDICT_TONES = {better: 'good', worse: 'bad', unclear: 'muted'} as const satisfies Record<string, Tone>;

export function verdictSegment(version: Pick<VersionRow, 'verdict' | 'p_value'>): Segment {
	if (version.verdict === null) return {text: 'first', dim: true};
	const p = version.verdict === 'unclear' || version.p_value === null ? '' : ` (${formatP(version.p_value)})`;
	return {text: `${version.verdict}${p}`, tone: VERDICT_TONES[version.verdict], bold: version.verdict === 'worse'};
}

/** The versions view's first line: how many, of what, in what order; one version is compared with nothing. */
export function versionsHeading(count: number, skill: string): string {
	return `${quantity(count, 'version')} of ${skill} by first use${count > 1 ? ', each against the one before' : ''}`;
}

/** Why there is no list: a dynamic skill's reason, or that no text was read. */
function noVersions(report: VersionsReport, width: number): Line[] {
	if (report.dynamic) return wrapText(`dynamic: ${report.dynamic_reason ?? 'its text changes at every use'}`, width - 4).map(text => dimmed(`  ${text}`));
	return [dimmed('  none read from Claude Code transcripts in this window and scope')];
}

/** The drill-down's section: label, first use, uses, clean rate with its interval, verdict. */
export function versionSummaryLines(report: VersionsReport | undefined, width: number, zone: string): Line[] {
	if (!report) return [];
	const title = heading(`Versions${report.versions.length > 1 ? ' (v compares them)' : ''}`);
	if (report.versions.length === 0) return [blank, title, ...noVersions(report, width)];
	// Labels fitted as a column: `1.0.0-beta.1` and `1.0.0-beta.2` never read alike (issue 27).
	const labels = fitNames(report.versions.map(version => version.label), 10);
	const rows = report.versions.map((version, index): Line => [
		{text: `  ${labels[index]!.padEnd(6)} `, bold: true},
		{text: `${formatInstant(version.first_used, zone).slice(0, 10)}  ${formatCount(version.uses).padStart(5)} uses  clean ${cleanWithInterval(version).padEnd(22)} `},
		verdictSegment(version),
	]);
	return [blank, title, ...(report.dynamic ? noVersions(report, width) : []), ...rows];
}

/** The versions view's table: one row per version. Narrow (under 100 columns): days without times, verdicts without p (the words below give it). */
export function versionTableRows(report: VersionsReport, zone: string, width: number): TableRow[] {
	const narrow = width < 100;
	// Under 70 columns the table drew 76 wide and wrapped: whole percents, and the lines changed go
	// (the diff gives them).
	const tight = width < 70;
	return report.versions.map(version => ({
		version: version.label,
		'first used': formatInstant(version.first_used, zone).slice(0, narrow ? 10 : undefined),
		uses: formatCount(version.uses),
		'clean (95%)': tight ? wholePercents(version) : cleanWithInterval(version),
		...(tight ? {} : {lines: version.lines_added === null || version.lines_removed === null ? '–' : `+${version.lines_added} −${version.lines_removed}`}),
		verdict: narrow ? (version.verdict ?? 'first') : verdictSegment(version).text,
	}));
}

function wholePercents(version: Pick<VersionRow, 'clean_rate' | 'clean_rate_low' | 'clean_rate_high'>): string {
	if (version.clean_rate === null) return 'not known';
	const percent = (rate: number) => `${Math.round(rate * 100)}%`;
	return version.clean_rate_low === null || version.clean_rate_high === null ? percent(version.clean_rate) : `${percent(version.clean_rate)} (${Math.round(version.clean_rate_low * 100)}–${percent(version.clean_rate_high)})`;
}

/** Under the table: what changed for the selected version, in words, and how to see it. */
export function versionDetailLines(report: VersionsReport, index: number, width: number): Line[] {
	const version = report.versions[index];
	if (!version) return [];
	const previous = report.versions.find(each => each.label === version.compared_with);
	const words = previous ? versionSentence(version, previous) : `${version.label} is the first version listed here: nothing before it to compare with.`;
	return [blank, ...wrapText(words, width - 2).map(text => plain(`  ${text}`)), ...(previous ? [dimmed(`  Enter shows the diff of ${previous.label} → ${version.label}`)] : [])];
}

const DIFF_TONES: Array<[RegExp, Segment['tone'], boolean]> = [
	[/^(---|\+\+\+) /, undefined, true],
	[/^@@/, 'accent', false],
	[/^\+/, 'good', false],
	[/^-/, 'bad', false],
];

/** A unified diff's lines, with added lines green, removed ones red, hunk heads in the accent. */
export function diffLines(diff: string): Line[] {
	return diff.replace(/\n$/, '').split('\n').map((line): Line => {
		const found = DIFF_TONES.find(([pattern]) => pattern.test(line));
		return [{text: line === '' ? ' ' : line, ...(found?.[1] ? {tone: found[1]} : {}), ...(found?.[2] ? {bold: true} : {})}];
	});
}
