import {OUTCOME_SUMS, RATES_FROM_SUMS} from '../rollups/aggregator.js';
import {ALL_PROJECTS} from '../store/schema.js';
import type {Project} from '../registry/registry.js';

/** A machine as a scope names it (machines.ts has the rest). */
export interface ScopeMachine {
	machine_id: string;
	name: string;
}

/**
 * Which projects a figure covers: one, or every active one ('*' in the rollups), of every
 * machine or of one. A project belongs to one machine, so a project alone says which.
 */
export interface Scope {
	project?: Project;
	machine?: ScopeMachine;
}

/** `{machine}` when the figures are one machine's, for a report to say so; nothing otherwise. */
export function machineJson(scope: Scope): {machine?: ScopeMachine} {
	return scope.machine ? {machine: {machine_id: scope.machine.machine_id, name: scope.machine.name}} : {};
}

/**
 * `skill_aggregates` as a scope reads it. The '*' rollups are of every machine; one machine's
 * are its active projects' rollups added up the way the aggregator adds up '*' (sums, not
 * rates), under the project id '*' so that the queries read them unchanged.
 */
export function rollupTable(scope: Scope): {sql: string; params: Record<string, string>} {
	if (!scope.machine || scope.project) return {sql: 'skill_aggregates', params: {}};
	return {
		sql: `(SELECT '${ALL_PROJECTS}' AS project_id, skill_name, time_window, bucket_start, ${RATES_FROM_SUMS}, max(computed_at) AS computed_at, ${OUTCOME_SUMS}
			FROM skill_aggregates WHERE project_id IN (SELECT project_id FROM projects WHERE is_active AND machine_id = $machine)
			GROUP BY skill_name, time_window, bucket_start)`,
		params: {machine: scope.machine.machine_id},
	};
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
	if (scope.project) return {sql: `${alias}.project_id = $project`, params: {project: scope.project.project_id}};
	if (scope.machine) {
		return {sql: `${alias}.project_id IN (SELECT project_id FROM projects WHERE is_active AND machine_id = $machine)`, params: {machine: scope.machine.machine_id}};
	}

	return {sql: `${alias}.project_id IN (SELECT project_id FROM projects WHERE is_active)`, params: {}};
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
