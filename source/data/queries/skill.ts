import {insightsFor} from '../../domain/insights.js';
import {similarNames} from '../../domain/similar-names.js';
import type {Database} from '../store/database.js';
import {profilesAreFresh} from '../rollups/aggregator.js';
import {projectComparisonRows} from './compare.js';
import type {SkillReport} from './skill-report.js';

export type {SkillReport} from './skill-report.js';
import {skillExposure} from './exposure.js';
import {OUTCOME_METRICS, STATUS_METRICS} from './metric-columns.js';
import {profileDetails, profileMetrics} from './skill-profiles.js';
import {scopeFilter, scopeJson, type DayRange, type Scope} from './scope.js';
import {pluginOfName, rawOrigins, type SkillOrigins} from './skill-origins.js';
import {noVersions, skillVersions, type VersionsReport} from './versions/versions.js';


type Metrics = Omit<SkillReport, 'skill_name' | 'found' | 'project' | 'since' | 'until' | 'insights' | 'by_project' | 'errors' | 'follow_up_actions' | 'workflow_paths' | 'did_you_mean' | 'versions_count' | 'dynamic' | 'exposure' | keyof SkillOrigins>;

/** How many of the most common errors, follow-ups and paths a drill-down lists. */
const TOP_N = 10;

export async function knownSkillNames(database: Database, scope: Scope): Promise<string[]> {
	const filter = scopeFilter(scope);
	const rows = await database.all<{skill_name: string}>(`SELECT DISTINCT skill_name FROM skill_usage u WHERE ${filter.sql}`, filter.params);
	return rows.map(row => row.skill_name);
}

/**
 * Effectiveness of one skill, from raw rows (quantiles cannot come from rollups). Metric
 * definitions: formats.md. Quantiles interpolate linearly (DuckDB's quantile_cont, the same as
 * Python's statistics.quantiles with method='inclusive').
 */
export async function skillEffectiveness(database: Database, skillName: string, scope: Scope, range?: DayRange, installed: {runsCommands: boolean} = {runsCommands: false}): Promise<SkillReport> {
	return (await skillWithVersions(database, skillName, scope, range, installed)).report;
}

/** The drill-down and the versions it counts (the explorer lists them too; lines changed are not counted here). */
export async function skillWithVersions(
	database: Database,
	skillName: string,
	scope: Scope,
	range?: DayRange,
	installed: {runsCommands: boolean} = {runsCommands: false},
): Promise<{report: SkillReport; versions?: VersionsReport}> {
	const report = await effectiveness(database, skillName, scope, range);
	if (!report.found) return {report};
	// How many texts it ran (outcomes.md): the versions listed for the same scope and days. Texts
	// come from transcripts: a skill only trackers recorded skips the scans that would find none.
	const fromTranscripts = report.sources.some(row => row.source === 'claude-code');
	const versions = fromTranscripts
		? await skillVersions(database, skillName, {scope, range, runsCommands: installed.runsCommands, lineChanges: false})
		: noVersions(skillName, scope, range, installed.runsCommands);
	return {report: {...report, versions_count: versions.versions.length, dynamic: versions.dynamic}, versions};
}

async function effectiveness(database: Database, skillName: string, scope: Scope, range?: DayRange): Promise<SkillReport> {
	// All time: the same figures from the per-project profiles, without reading raw rows.
	if (!range && (await profilesAreFresh(database))) {
		return reportOf(database, skillName, scope, undefined, await profileMetrics(database, skillName, scope), profileDetails);
	}

	const filter = scopeFilter(scope, range);
	const params = {...filter.params, skill: skillName};
	const rows = `SELECT u.* FROM skill_usage u WHERE u.skill_name = $skill AND ${filter.sql}`;
	const metrics = await database.one<Metrics & {rows: number}>(
		`SELECT count(*)::INTEGER AS rows,
			${STATUS_METRICS}, ${OUTCOME_METRICS},
			quantile_cont(duration_ms, 0.5) FILTER (WHERE status = 'succeeded')::DOUBLE AS p50_duration_ms,
			quantile_cont(duration_ms, 0.9) FILTER (WHERE status = 'succeeded')::DOUBLE AS p90_duration_ms,
			iso(min(invoked_at) FILTER (WHERE status <> 'pending')) AS first_used,
			iso(max(invoked_at) FILTER (WHERE status <> 'pending')) AS last_used,
			avg(output_tokens) FILTER (WHERE status <> 'pending')::DOUBLE AS avg_output_tokens,
			avg(tool_errors) FILTER (WHERE status <> 'pending')::DOUBLE AS avg_tool_errors
		FROM (${rows})`,
		params,
	);
	return reportOf(database, skillName, scope, range, metrics, rawDetails);
}

type Details = Pick<SkillReport, 'by_project' | 'errors' | 'follow_up_actions' | 'workflow_paths' | keyof SkillOrigins>;

async function reportOf(
	database: Database,
	skillName: string,
	scope: Scope,
	range: DayRange | undefined,
	metrics: (Metrics & {rows: number}) | undefined,
	details: (database: Database, skillName: string, scope: Scope, range?: DayRange) => Promise<Details>,
): Promise<SkillReport> {
	const found = (metrics?.rows ?? 0) > 0;
	const {rows: _rows, ...values} = metrics ?? ({} as Metrics & {rows: number});
	const report: SkillReport = {
		skill_name: skillName,
		found,
		project: scopeJson(scope),
		since: range?.since ?? null,
		until: range?.until ?? null,
		...values,
		insights: found ? insightsFor(values) : [],
		versions_count: 0,
		dynamic: false,
		exposure: await skillExposure(database, skillName, scope, range),
		kind: null,
		plugin: pluginOfName(skillName),
		by_trigger: [],
		sources: [],
		by_project: [],
		errors: [],
		follow_up_actions: [],
		workflow_paths: [],
	};
	if (!found) {
		report.did_you_mean = similarNames(skillName, await knownSkillNames(database, scope));
		return report;
	}

	return {...report, ...(await details(database, skillName, scope, range))};
}

async function rawDetails(database: Database, skillName: string, scope: Scope, range?: DayRange): Promise<Details> {
	const filter = scopeFilter(scope, range);
	const params = {...filter.params, skill: skillName};
	const rows = `SELECT u.* FROM skill_usage u WHERE u.skill_name = $skill AND ${filter.sql}`;
	const report = {...(await rawOrigins(database, skillName, scope, range))} as Details;
	report.by_project = await projectComparisonRows(database, skillName, scope, range);
	report.errors = await database.all(
		`SELECT error_type, count(*)::INTEGER AS count FROM (${rows}) WHERE error_type IS NOT NULL
		GROUP BY error_type ORDER BY count DESC, error_type LIMIT ${TOP_N}`,
		params,
	);
	report.follow_up_actions = await database.all(
		`SELECT action, count(*)::INTEGER AS count
		FROM (SELECT unnest(from_json(json_extract(metadata, '$.follow_up_actions'), '["VARCHAR"]')) AS action FROM (${rows}))
		WHERE action IS NOT NULL GROUP BY action ORDER BY count DESC, action LIMIT ${TOP_N}`,
		params,
	);
	report.workflow_paths = await database.all(
		`SELECT workflow_path, count(*)::INTEGER AS count FROM (${rows}) WHERE workflow_path IS NOT NULL
		GROUP BY workflow_path ORDER BY count DESC, workflow_path LIMIT ${TOP_N}`,
		params,
	);
	return report;
}
