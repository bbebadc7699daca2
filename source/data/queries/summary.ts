import type {OutcomeMetrics, UsageMetrics} from '../../domain/metrics.js';
import {ALL_BUCKET} from '../../domain/time-window.js';
import {CLEAN_RATE_FROM_SUMS, OUTCOME_SUMS, RATES_FROM_SUMS} from '../rollups/aggregator.js';
import type {Database} from '../store/database.js';
import {projectFilter, rollupTable, scopeId, scopeJson, type Scope} from './scope.js';
import {topSkills, type SkillRow} from './top.js';

export interface SummaryReport extends UsageMetrics, OutcomeMetrics {
	project: {project_id: string; project_name: string} | null;
	projects: number;
	unique_skills: number;
	first_used: string | null;
	top_skills: SkillRow[];
}

export async function summary(database: Database, scope: Scope): Promise<SummaryReport> {
	const totals = await database.one<Omit<SummaryReport, 'project' | 'projects' | 'top_skills'>>(
		`SELECT * EXCLUDE (duration_sum_ms, duration_count, followup_sum) REPLACE (iso(first_used) AS first_used, iso(last_used) AS last_used)
		FROM (SELECT count(DISTINCT skill_name)::INTEGER AS unique_skills, ${RATES_FROM_SUMS}, ${OUTCOME_SUMS}, ${CLEAN_RATE_FROM_SUMS}
			FROM ${rollupTable(scope).sql} WHERE project_id = $scope AND time_window = 'all' AND bucket_start = $bucket::DATE)`,
		{...rollupTable(scope).params, scope: scopeId(scope), bucket: ALL_BUCKET},
	);
	// One project counts itself, active or not; otherwise the active projects (of the machine).
	const counted = scope.project ? {sql: 'p.project_id = $project', params: {project: scope.project.project_id}} : projectFilter(scope, 'p');
	const projects = await database.one<{count: number}>(`SELECT count(*)::INTEGER AS count FROM projects p WHERE ${counted.sql}`, counted.params);
	const top = await topSkills(database, {scope, period: {kind: 'bucket', window: 'all', bucketStart: ALL_BUCKET}, limit: 10});
	// An empty database sums to NULLs: counts of nothing are 0.
	return {
		project: scopeJson(scope),
		projects: projects?.count ?? 0,
		...totals!,
		total_invocations: totals?.total_invocations ?? 0,
		successful_completions: totals?.successful_completions ?? 0,
		failed_invocations: totals?.failed_invocations ?? 0,
		pending_invocations: totals?.pending_invocations ?? 0,
		top_skills: top.skills,
	};
}
