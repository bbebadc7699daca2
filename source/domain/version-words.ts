import {formatCount, formatDecimal, formatDuration, formatPercent} from './format.js';
import {outcomesKnown, type OutcomeMetrics} from './metrics.js';
import {MIN_USES_TO_TELL, type Verdict} from './versions.js';

/*
 * A version of a skill against the one before it, in words (outcomes.md, "Comparing versions"):
 * what changed and whether the data can tell yet. The versions command, the explorer and the
 * recommendation say it the same way.
 */

/** What the words need of a version (the `versions --json` row has it all). */
export interface VersionFacts extends OutcomeMetrics {
	label: string;
	/** Finished uses in the scope and days asked, those that ran it without a text of their own included. */
	uses: number;
	/** Wilson's 95 % interval of the clean rate. */
	clean_rate_low: number | null;
	clean_rate_high: number | null;
	avg_duration_ms: number | null;
	avg_followup_actions: number | null;
	avg_tool_errors: number | null;
	avg_output_tokens: number | null;
	/** The line diff against the version before (null for the first, or when a text is not kept). */
	lines_added: number | null;
	lines_removed: number | null;
	verdict: Verdict | null;
	p_value: number | null;
}

/** `p = 0.003`, or `p < 0.001` below it: more digits promise more than the data holds. */
export function formatP(p: number): string {
	return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/** `86.0% (73.8–93.0%)`, or "not known" when no use has a known outcome. */
export function cleanWithInterval(version: Pick<VersionFacts, 'clean_rate' | 'clean_rate_low' | 'clean_rate_high'>): string {
	if (version.clean_rate === null) return 'not known';
	const interval = version.clean_rate_low === null || version.clean_rate_high === null ? '' : ` (${(version.clean_rate_low * 100).toFixed(1)}–${formatPercent(version.clean_rate_high)})`;
	return `${formatPercent(version.clean_rate)}${interval}`;
}

/** The verdict and whether the data can tell: `worse (p = 0.003)`, `too few uses to tell: 4 and 6`, `no clear difference (p = 0.41)`. */
export function verdictWords(version: VersionFacts, previous: VersionFacts): string {
	const known = [outcomesKnown(version), outcomesKnown(previous)];
	if (version.verdict === 'better' || version.verdict === 'worse') return `${version.verdict} (${formatP(version.p_value!)})`;
	if (known.some(count => count < MIN_USES_TO_TELL)) return `too few uses to tell: ${known.join(' and ')}`;
	return version.p_value === null ? 'nothing to compare' : `no clear difference (${formatP(version.p_value)})`;
}

/** The lines of its text that changed, in words; null when a text is not kept. */
export function linesWords(version: Pick<VersionFacts, 'lines_added' | 'lines_removed'>): string | null {
	if (version.lines_added === null || version.lines_removed === null) return null;
	if (version.lines_added === 0 && version.lines_removed === 0) return 'the same lines (only spacing or arguments differ)';
	const plural = (count: number) => `${count} line${count === 1 ? '' : 's'}`;
	return `${plural(version.lines_added)} added, ${plural(version.lines_removed)} removed`;
}

/** The averages that moved: `avg time 1.0s → 4.0s`, …; the ones that read the same are left out. */
export function averagesWords(version: VersionFacts, previous: VersionFacts): string[] {
	const pairs: Array<[string, (value: number | null) => string, keyof VersionFacts]> = [
		['avg time', formatDuration, 'avg_duration_ms'],
		['follow-ups', value => formatDecimal(value), 'avg_followup_actions'],
		['tool errors', value => formatDecimal(value), 'avg_tool_errors'],
		['output tokens', value => (value === null ? formatCount(value) : formatCount(Math.round(value))), 'avg_output_tokens'],
	];
	return pairs.flatMap(([name, format, key]) => {
		const [before, after] = [format(previous[key] as number | null), format(version[key] as number | null)];
		return before === after ? [] : [`${name} ${before} → ${after}`];
	});
}

/** One sentence: `v3 against v2: clean 41.0% (…) against 86.0% (…), worse (p = 0.003); 2 lines added, 1 removed; avg time 1.0s → 4.0s`. */
export function versionSentence(version: VersionFacts, previous: VersionFacts): string {
	const lines = linesWords(version);
	const moved = averagesWords(version, previous);
	return [
		`${version.label} against ${previous.label}: clean ${cleanWithInterval(version)} against ${cleanWithInterval(previous)}, ${verdictWords(version, previous)}`,
		...(lines ? [lines] : []),
		...(moved.length > 0 ? [moved.join(', ')] : []),
	].join('; ');
}
