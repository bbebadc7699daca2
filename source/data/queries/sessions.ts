import {projectFilter, scopeFilter, type DayRange, type Scope} from './scope.js';

/**
 * Raw rows that belong to a session: a session is a distinct (project, session_id) with a
 * non-empty session_id (README, "Insight definitions"), so the same session_id in two projects is
 * two sessions. Needs `u` = skill_usage.
 */
export function sessionRowsFilter(scope: Scope, range?: DayRange): {sql: string; params: Record<string, string>} {
	const filter = scopeFilter(scope, range);
	return {sql: `${filter.sql} AND u.session_id IS NOT NULL AND u.session_id <> ''`, params: filter.params};
}

/**
 * The sessions of the scope as rows of (project_id, session_id, skills, sequence): `skills` the
 * distinct skills, `sequence` all of them in invoked_at order (ties by name). Without a range they
 * come from workflow_executions, which holds exactly that per session (the caller makes sure it is
 * fresh); with a range, from the raw rows in it.
 */
export function sessionSets(scope: Scope, range?: DayRange): {sql: string; params: Record<string, string>} {
	if (range === undefined) {
		const filter = projectFilter(scope, 'w');
		return {
			sql: `SELECT w.project_id, w.session_id, w.skill_set AS skills, w.skill_sequence AS sequence FROM workflow_executions w WHERE ${filter.sql}`,
			params: filter.params,
		};
	}

	const filter = sessionRowsFilter(scope, range);
	return {
		sql: `SELECT u.project_id, u.session_id, list_sort(list_distinct(list(u.skill_name))) AS skills,
			list_transform(list_sort(list({'at': u.invoked_at, 'skill': u.skill_name})), key -> key.skill) AS sequence
			FROM skill_usage u WHERE ${filter.sql} GROUP BY u.project_id, u.session_id`,
		params: filter.params,
	};
}
