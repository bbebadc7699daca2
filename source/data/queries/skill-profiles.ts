import type {OutcomeMetrics} from '../../domain/metrics.js';
import type {Database} from '../store/database.js';
import {MACHINE_NAME, OWN_PATH, hostParam} from '../registry/registry.js';
import type {SkillReport} from './skill-report.js';
import {scopeQuantiles} from '../rollups/scope-quantiles.js';
import {scopeFilter, type Scope} from './scope.js';
import {profileOrigins, type SkillOrigins} from './skill-origins.js';

/**
 * The all-time drill-down (skill.ts) from `skill_profiles` and `skill_facets` (aggregator.ts),
 * with the same columns, types and order as its raw-row queries: a few hundred rows read instead
 * of every use of the skill. Quantiles and means come from the kept durations, so they are those
 * of the raw rows.
 */

const TOP_N = 10;

/** The outcome counts, by their field names. */
const OUTCOME_NAMES = ['clean_finishes', 'interrupted', 'rejected', 'errored', 'load_failed', 'retried'] as const;

const outcomeCount = (outcome: string) => `coalesce(sum(count) FILTER (WHERE facet = 'outcome' AND value = '${outcome}'), 0)::INTEGER`;

/** The outcome fields (metric-columns.ts's OUTCOME_METRICS) from the 'outcome' and 'retried' facets of the rows grouped. */
export const OUTCOME_FROM_FACETS = `${outcomeCount('clean')} AS clean_finishes, ${outcomeCount('interrupted')} AS interrupted,
	${outcomeCount('rejected')} AS rejected, ${outcomeCount('errored')} AS errored, ${outcomeCount('load_failed')} AS load_failed,
	coalesce(sum(count) FILTER (WHERE facet = 'retried'), 0)::INTEGER AS retried,
	(${outcomeCount('clean')} / nullif(sum(count) FILTER (WHERE facet = 'outcome'), 0))::DOUBLE AS clean_rate`;

type Metrics = Pick<SkillReport,
	'total_invocations' | 'successful_completions' | 'failed_invocations' | 'pending_invocations' | 'success_rate' | 'avg_duration_ms'
	| 'p50_duration_ms' | 'p90_duration_ms' | 'avg_followup_actions' | 'first_used' | 'last_used' | 'avg_output_tokens' | 'avg_tool_errors'
	| keyof OutcomeMetrics> & {rows: number};

export async function profileMetrics(database: Database, skillName: string, scope: Scope): Promise<Metrics | undefined> {
	// All projects of every machine: the figures kept for the profiles and active projects of now
	// (scope-quantiles.ts). One project, or one machine's projects, are computed here.
	const kept = scope.project || scope.machine ? undefined : await scopeQuantiles(database, skillName);
	const filter = scopeFilter(scope);
	const durations = kept
		? `SELECT NULL::DOUBLE AS mean, NULL::DOUBLE AS p50, NULL::DOUBLE AS p90`
		: `SELECT avg(duration)::DOUBLE AS mean, quantile_cont(duration, 0.5)::DOUBLE AS p50, quantile_cont(duration, 0.9)::DOUBLE AS p90
			FROM (SELECT unnest(durations) AS duration FROM skill_profiles u WHERE u.skill_name = $skill AND ${filter.sql})`;
	const metrics = await database.one<Metrics>(
		// The durations are unnested straight from the table: copying the lists first (a
		// materialised CTE) cost as much as the quantiles themselves.
		`WITH p AS (SELECT * EXCLUDE (durations) FROM skill_profiles u WHERE u.skill_name = $skill AND ${filter.sql}),
		d AS (${durations}),
		o AS (SELECT ${OUTCOME_FROM_FACETS} FROM skill_facets u WHERE u.skill_name = $skill AND facet IN ('outcome', 'retried') AND ${filter.sql})
		SELECT coalesce(sum(rows), 0)::INTEGER AS rows,
			coalesce(sum(total_invocations), 0)::INTEGER AS total_invocations,
			coalesce(sum(successful_completions), 0)::INTEGER AS successful_completions,
			coalesce(sum(failed_invocations), 0)::INTEGER AS failed_invocations,
			coalesce(sum(pending_invocations), 0)::INTEGER AS pending_invocations,
			(sum(successful_completions) / nullif(sum(total_invocations), 0))::DOUBLE AS success_rate,
			any_value(d.mean) AS avg_duration_ms,
			any_value(d.p50) AS p50_duration_ms,
			any_value(d.p90) AS p90_duration_ms,
			(sum(followup_sum) / nullif(sum(total_invocations), 0))::DOUBLE AS avg_followup_actions,
			iso(min(first_used)) AS first_used,
			iso(max(last_used)) AS last_used,
			(sum(output_tokens_sum) / nullif(sum(output_tokens_count), 0))::DOUBLE AS avg_output_tokens,
			(sum(tool_errors_sum) / nullif(sum(tool_errors_count), 0))::DOUBLE AS avg_tool_errors,
			${[...OUTCOME_NAMES, 'clean_rate'].map(name => `any_value(o.${name}) AS ${name}`).join(', ')}
		FROM p, d, o`,
		{...filter.params, skill: skillName},
	);
	return kept && metrics ? {...metrics, avg_duration_ms: kept.mean, p50_duration_ms: kept.p50, p90_duration_ms: kept.p90} : metrics;
}

/** compare.ts's projectComparisonRows for all time, from the profiles: the same rows, no raw scan. */
export async function profileComparisonRows(database: Database, skillName: string, scope: Scope): Promise<SkillReport['by_project']> {
	const filter = scopeFilter(scope);
	return database.all<SkillReport['by_project'][number] & Record<string, unknown>>(
		`WITH o AS (SELECT project_id, ${OUTCOME_FROM_FACETS} FROM skill_facets u
			WHERE u.skill_name = $skill AND facet IN ('outcome', 'retried') AND ${filter.sql} GROUP BY project_id)
		SELECT u.project_id, p.project_name, ${OWN_PATH} AS project_path, p.project_type, p.machine_id, ${MACHINE_NAME} AS machine_name,
			total_invocations, successful_completions, pending_invocations,
			(successful_completions / nullif(total_invocations, 0))::DOUBLE AS success_rate,
			avg_duration_ms, avg_followup_actions, iso(last_used) AS last_used,
			${OUTCOME_NAMES.map(name => `coalesce(o.${name}, 0)::INTEGER AS ${name}`).join(', ')}, o.clean_rate
		FROM skill_profiles u JOIN projects p USING (project_id) LEFT JOIN o USING (project_id)
		WHERE u.skill_name = $skill AND ${filter.sql}
		ORDER BY total_invocations DESC, p.project_name`,
		{...filter.params, ...hostParam(), skill: skillName},
	);
}

export async function profileDetails(
	database: Database,
	skillName: string,
	scope: Scope,
): Promise<Pick<SkillReport, 'by_project' | 'errors' | 'follow_up_actions' | 'workflow_paths' | keyof SkillOrigins>> {
	const filter = scopeFilter(scope);
	const params = {...filter.params, skill: skillName};
	const facet = async (name: string, column: string) => database.all(
		`SELECT value AS ${column}, sum(count)::INTEGER AS count FROM skill_facets u
		WHERE u.skill_name = $skill AND facet = '${name}' AND ${filter.sql}
		GROUP BY value ORDER BY count DESC, value LIMIT ${TOP_N}`,
		params,
	);
	return {
		...(await profileOrigins(database, skillName, scope)),
		by_project: await profileComparisonRows(database, skillName, scope),
		errors: (await facet('error', 'error_type')) as SkillReport['errors'],
		follow_up_actions: (await facet('follow_up', 'action')) as SkillReport['follow_up_actions'],
		workflow_paths: (await facet('workflow_path', 'workflow_path')) as SkillReport['workflow_paths'],
	};
}
