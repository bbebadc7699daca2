import type {ScopeMachine} from '../data/queries/scope.js';
import type {VersionRow, VersionsReport} from '../data/queries/versions/versions.js';
import {formatCount, formatInstant} from '../domain/format.js';
import {outcomesKnown} from '../domain/metrics.js';
import {cleanWithInterval, formatP, versionSentence} from '../domain/version-words.js';
import {scopeLabel} from './text-parts.js';
import type {TextView} from './text-view.js';

/** `skillscope versions <name>` for a person: the versions, then what changed from each to the next, in words. */

function verdictCell(version: VersionRow): string {
	if (version.verdict === null) return '–';
	return version.verdict === 'unclear' ? 'unclear' : `${version.verdict} (${formatP(version.p_value!)})`;
}

function linesCell(version: VersionRow): string {
	return version.lines_added === null || version.lines_removed === null ? '–' : `+${version.lines_added} −${version.lines_removed}`;
}

function table(report: VersionsReport, view: TextView): string {
	const plugins = report.versions.some(version => version.plugin_version !== null);
	return view.table(report.versions.map(version => ({
		version: version.label,
		...(version.fingerprint === null ? {} : {text: version.fingerprint.slice(0, 8)}),
		...(plugins && version.fingerprint !== null ? {plugin: version.plugin_version ?? '–'} : {}),
		'first used': formatInstant(version.first_used, view.displayZone),
		uses: formatCount(version.uses),
		'clean (95% interval)': cleanWithInterval(version),
		lines: linesCell(version),
		verdict: verdictCell(version),
	})));
}

export function versionsText(report: VersionsReport & {machine?: ScopeMachine}, view: TextView): string {
	const range = report.since && report.until ? `, ${report.since} to ${report.until}` : report.since ? `, from ${report.since}` : report.until ? `, until ${report.until}` : '';
	const title = `${report.skill_name}: versions (${scopeLabel(report.project, report.machine)}${range})`;
	const dynamic = report.dynamic ? `\n${report.skill_name} is dynamic: ${report.dynamic_reason}.\n` : '';
	if (report.versions.length === 0) {
		const none = report.dynamic ? '' : `\nNo text of ${report.skill_name} was read from Claude Code transcripts here: versions come from the text each use was given (collect reads it).\n`;
		return `${title}${dynamic}${none}`;
	}

	const changes = report.versions.flatMap((version, index) => {
		const previous = report.versions.find(each => each.label === version.compared_with);
		return index > 0 && previous ? [`  ${versionSentence(version, previous)}`] : [];
	});
	const unknown = report.versions.reduce((sum, version) => sum + version.uses - outcomesKnown(version), 0);
	const notes = [
		...(unknown > 0 ? [`${formatCount(unknown)} uses have no known outcome (read before outcomes were recorded, or still open): not known, left out of the rates.`] : []),
		'A verdict is better or worse only when Fisher\'s exact test on clean finishes gives p < 0.05.',
	];
	const worse = report.versions.find(version => version.verdict === 'worse' && version.fingerprint !== null);
	const hint = worse ? [`See what changed: skillscope versions ${report.skill_name} --diff ${worse.compared_with} ${worse.label}`] : [];
	const words = changes.length > 0 ? `\nWhat changed\n${changes.join('\n')}\n` : '';
	return `${title}${dynamic}\n${table(report, view)}\n${words}\n${[...notes, ...hint].join('\n')}\n`;
}
