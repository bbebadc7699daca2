import {profilesAreFresh} from '../aggregator.js';
import type {Database} from '../database.js';
import {profileComparisonRows} from './skill-profiles.js';
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
		`SELECT u.project_id, p.project_name, p.project_type,
			count(*) FILTER (WHERE status <> 'pending')::INTEGER AS total_invocations,
			count(*) FILTER (WHERE status = 'succeeded')::INTEGER AS successful_completions,
			count(*) FILTER (WHERE status = 'pending')::INTEGER AS pending_invocations,
			(count(*) FILTER (WHERE status = 'succeeded') / nullif(count(*) FILTER (WHERE status <> 'pending'), 0))::DOUBLE AS success_rate,
			avg(duration_ms) FILTER (WHERE status = 'succeeded')::DOUBLE AS avg_duration_ms,
			avg(followup_actions) FILTER (WHERE status <> 'pending')::DOUBLE AS avg_followup_actions,
			iso(max(invoked_at) FILTER (WHERE status <> 'pending')) AS last_used
		FROM skill_usage u JOIN projects p USING (project_id)
		WHERE u.skill_name = $skill AND ${filter.sql}
		GROUP BY u.project_id, p.project_name, p.project_type
		ORDER BY total_invocations DESC, p.project_name`,
		{...filter.params, skill: skillName},
	);
}

export async function compareSkill(database: Database, skillName: string): Promise<CompareReport> {
	// The profiles hold the same all-time rows per project; raw rows only when they are stale.
	const projects = (await profilesAreFresh(database)) ? await profileComparisonRows(database, skillName, {}) : await projectComparisonRows(database, skillName);
	return {skill_name: skillName, found: projects.length > 0, projects};
}
