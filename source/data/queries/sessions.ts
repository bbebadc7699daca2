import {scopeFilter, type DayRange, type Scope} from './scope.js';

/**
 * Raw rows that belong to a session: a session is a distinct (project, session_id) with a
 * non-empty session_id (README, "Insight definitions"), so the same session_id in two projects is
 * two sessions. Needs `u` = skill_usage.
 */
export function sessionRowsFilter(scope: Scope, range?: DayRange): {sql: string; params: Record<string, string>} {
	const filter = scopeFilter(scope, range);
	return {sql: `${filter.sql} AND u.session_id IS NOT NULL AND u.session_id <> ''`, params: filter.params};
}
