import {lineChanges} from '../../../domain/line-diff.js';
import {outcomesKnown} from '../../../domain/metrics.js';
import {wilsonInterval} from '../../../domain/stats.js';
import type {VersionFacts} from '../../../domain/version-words.js';
import {dynamicSkill, versionLabel, versionVerdict} from '../../../domain/versions.js';
import type {Database} from '../../store/database.js';
import {scopeJson, type DayRange, type Scope} from '../scope.js';
import {bodiesOf, type VersionFigures, type VersionKey, type VersionSeen, versionFigures, versionsSeen} from './version-rows.js';

/** One version of a skill, as `versions --json` gives it: the facts its words need, and what names it. */
export interface VersionRow extends VersionFacts {
	/** The text's fingerprint; null when versions are a dynamic skill's plugin versions (many texts each). */
	fingerprint: string | null;
	plugin_version: string | null;
	/** First and last use of the version in the whole database: what the version is, whatever the scope. */
	first_used: string;
	last_used: string;
	/** The version this one is compared with: the one before it among those listed. */
	compared_with: string | null;
}

export interface VersionsReport {
	skill_name: string;
	project: {project_id: string; project_name: string} | null;
	since: string | null;
	until: string | null;
	dynamic: boolean;
	dynamic_reason: string | null;
	versions: VersionRow[];
}

export interface VersionsOptions {
	scope: Scope;
	range?: DayRange;
	/** An installed SKILL.md of this name runs commands (`` !`…` ``): the skill is dynamic. */
	runsCommands: boolean;
	/** Lines added and removed need the bodies and a diff per version: the drill-down's count skips them. */
	lineChanges?: boolean;
}

/** What the skill's versions are, over the whole database: keyed by text, by plugin version, or none. */
export async function versionKeys(database: Database, skillName: string, runsCommands: boolean): Promise<{key: VersionKey | null; seen: VersionSeen[]; dynamic: boolean; reason: string | null}> {
	const texts = await versionsSeen(database, skillName, 'fingerprint');
	const dynamic = dynamicSkill(runsCommands, texts.map(text => text.uses));
	if (!dynamic.dynamic) return {key: 'fingerprint', seen: texts, ...dynamic};
	const plugins = await versionsSeen(database, skillName, 'plugin_version');
	if (plugins.length > 0) return {key: 'plugin_version', seen: plugins, dynamic: true, reason: `${dynamic.reason}; its versions are its plugin's versions`};
	return {key: null, seen: [], dynamic: true, reason: `${dynamic.reason}; it has no versions to compare (no plugin versions either)`};
}

function rowOf(seen: VersionSeen, label: string, key: VersionKey, figures: Omit<VersionFigures, 'key'>): VersionRow {
	const interval = wilsonInterval(figures.clean_finishes, outcomesKnown(figures));
	return {
		label,
		fingerprint: key === 'fingerprint' ? seen.key : null,
		plugin_version: seen.plugin_version,
		first_used: seen.first_used,
		last_used: seen.last_used,
		uses: figures.uses,
		clean_finishes: figures.clean_finishes,
		clean_rate: figures.clean_rate,
		clean_rate_low: interval?.low ?? null,
		clean_rate_high: interval?.high ?? null,
		interrupted: figures.interrupted,
		rejected: figures.rejected,
		errored: figures.errored,
		load_failed: figures.load_failed,
		retried: figures.retried,
		avg_duration_ms: figures.avg_duration_ms,
		avg_followup_actions: figures.avg_followup_actions,
		avg_tool_errors: figures.avg_tool_errors,
		avg_output_tokens: figures.avg_output_tokens,
		lines_added: null,
		lines_removed: null,
		compared_with: null,
		verdict: null,
		p_value: null,
	};
}

/** Each listed version against the one listed before it: verdict, p-value, and (when asked) its lines. */
async function compareInTurn(database: Database, rows: VersionRow[], withLines: boolean): Promise<void> {
	const bodies = withLines ? await bodiesOf(database, rows.flatMap(row => (row.fingerprint ? [row.fingerprint] : []))) : new Map<string, string>();
	for (const [index, row] of rows.entries()) {
		const previous = rows[index - 1];
		if (!previous) continue;
		const counts = (version: VersionRow) => ({clean: version.clean_finishes, known: outcomesKnown(version)});
		Object.assign(row, {compared_with: previous.label, ...versionVerdict(counts(row), counts(previous))});
		const from = previous.fingerprint && bodies.get(previous.fingerprint);
		const to = row.fingerprint && bodies.get(row.fingerprint);
		if (typeof from === 'string' && typeof to === 'string') {
			const changes = lineChanges(from, to);
			Object.assign(row, {lines_added: changes.added, lines_removed: changes.removed});
		}
	}
}

/** The report of a skill no transcript recorded: no versions, dynamic only by its installed file. */
export function noVersions(skillName: string, scope: Scope, range: DayRange | undefined, runsCommands: boolean): VersionsReport {
	const dynamic = dynamicSkill(runsCommands, []);
	return {skill_name: skillName, project: scopeJson(scope), since: range?.since ?? null, until: range?.until ?? null, dynamic: dynamic.dynamic, dynamic_reason: dynamic.reason, versions: []};
}

/**
 * The versions of a skill (outcomes.md) with their figures in the scope and days asked, in order
 * of first use. Labels come from the whole database; a version without a use in the scope is not
 * listed, and each listed one is compared with the one listed before it.
 */
export async function skillVersions(database: Database, skillName: string, options: VersionsOptions): Promise<VersionsReport> {
	const keys = await versionKeys(database, skillName, options.runsCommands);
	const report: VersionsReport = {...noVersions(skillName, options.scope, options.range, false), dynamic: keys.dynamic, dynamic_reason: keys.reason};
	if (keys.key === null || keys.seen.length === 0) return report;
	const key = keys.key;
	const figures = new Map((await versionFigures(database, skillName, key, options.scope, options.range)).map(row => [row.key, row]));
	// Plugin versions are their own labels; texts are numbered by first use across the whole database.
	const rows = keys.seen.flatMap((seen, index) => {
		const found = figures.get(seen.key);
		return found ? [rowOf(seen, key === 'plugin_version' ? seen.key : versionLabel(index), key, found)] : [];
	});
	await compareInTurn(database, rows, options.lineChanges ?? true);
	return {...report, versions: rows};
}
