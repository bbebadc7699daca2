import {ALL_PROJECTS} from '../schema.js';
import type {Project} from '../registry.js';

/** Which projects a figure covers: one, or every active one ('*' in the rollups). */
export interface Scope {
	project?: Project;
}

export function scopeId(scope: Scope): string {
	return scope.project?.project_id ?? ALL_PROJECTS;
}

export function scopeJson(scope: Scope): {project_id: string; project_name: string} | null {
	return scope.project ? {project_id: scope.project.project_id, project_name: scope.project.project_name} : null;
}

/** Local calendar days, inclusive, in `zone`. */
export interface DayRange {
	since: string;
	until: string;
	zone: string;
}

/** The project, or the active projects, of any table with a project_id aliased `alias`. */
export function projectFilter(scope: Scope, alias: string): {sql: string; params: Record<string, string>} {
	return scope.project
		? {sql: `${alias}.project_id = $project`, params: {project: scope.project.project_id}}
		: {sql: `${alias}.project_id IN (SELECT project_id FROM projects WHERE is_active)`, params: {}};
}

/**
 * Raw-row filter: the project (or the active projects) and optionally a range of local days.
 * Needs `u` = skill_usage.
 */
export function scopeFilter(scope: Scope, range?: DayRange): {sql: string; params: Record<string, string>} {
	const project = projectFilter(scope, 'u');
	if (!range) return project;
	return {
		sql: `${project.sql} AND timezone($zone, u.invoked_at)::DATE BETWEEN $since::DATE AND $until::DATE`,
		params: {...project.params, zone: range.zone, since: range.since, until: range.until},
	};
}
