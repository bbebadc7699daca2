import {profilesAreFresh} from '../rollups/aggregator.js';
import type {Database} from '../store/database.js';
import {MACHINE_NAME, OWN_PATH, hostParam} from '../registry/registry.js';
import {profileComparisonRows} from './skill-profiles.js';
import {OUTCOME_FIELDS, OUTCOME_METRICS, STATUS_METRICS} from './metric-columns.js';
import {scopeFilter, type DayRange, type Scope} from './scope.js';
import type {ProjectComparisonRow} from './skill-report.js';

export type {ProjectComparisonRow} from './skill-report.js';


export interface CompareReport {
	skill_name: string;
	found: boolean;
	projects: ProjectComparisonRow[];
}

/** One row per project that used the skill, busiest first. */
export async function projectComparisonRows(database: Database, skillName: string, scope: Scope = {}, range?: DayRange): Promise<ProjectComparisonRow[]> {
	const filter = scopeFilter(scope, range);
	return database.all<ProjectComparisonRow & Record<string, unknown>>(
		`SELECT project_id, project_name, project_path, project_type, machine_id, machine_name, total_invocations, successful_completions, pending_invocations,
			success_rate, avg_duration_ms, avg_followup_actions, last_used, ${OUTCOME_FIELDS}
		FROM (SELECT u.project_id, p.project_name, ${OWN_PATH} AS project_path, p.project_type, p.machine_id, ${MACHINE_NAME} AS machine_name, ${STATUS_METRICS}, ${OUTCOME_METRICS},
			iso(max(invoked_at) FILTER (WHERE status <> 'pending')) AS last_used
		FROM skill_usage u JOIN projects p USING (project_id)
		WHERE u.skill_name = $skill AND ${filter.sql}
		GROUP BY u.project_id, p.project_name, p.project_path, p.project_type, p.machine_id)
		ORDER BY total_invocations DESC, project_name`,
		{...filter.params, ...hostParam(), skill: skillName},
	);
}

export async function compareSkill(database: Database, skillName: string, scope: Scope = {}): Promise<CompareReport> {
	// The profiles hold the same all-time rows per project; raw rows only when they are stale.
	const projects = (await profilesAreFresh(database)) ? await profileComparisonRows(database, skillName, scope) : await projectComparisonRows(database, skillName, scope);
	return {skill_name: skillName, found: projects.length > 0, projects};
}
