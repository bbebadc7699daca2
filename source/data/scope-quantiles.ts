import type {Database} from './database.js';
import {setSetting} from './settings.js';

/**
 * Per skill, the mean and quantiles of the succeeded durations of every active project together:
 * the all-projects drill-down's figures (queries/skill-profiles.ts). Quantiles cannot be added up
 * from the per-project profiles, and computing them at each drill-down meant unnesting every
 * kept duration of the skill (~780,000 at 10 M rows, ~220 ms); computed with the profiles, for
 * all skills at once, they cost ~120 ms a refresh. They hold for the active projects of that
 * moment, named by PROJECTS_KEY's fingerprint: another set of active projects reads the
 * durations again. Derived, rebuilt by every refresh of the profiles.
 */
const TABLE = `CREATE TABLE IF NOT EXISTS skill_scope_quantiles (skill_name VARCHAR NOT NULL, mean DOUBLE, p50 DOUBLE, p90 DOUBLE)`;
const PROJECTS_KEY = 'scope_quantiles_projects';
const ACTIVE_FINGERPRINT = `(SELECT coalesce(md5(string_agg(project_id, ',' ORDER BY project_id)), '') FROM projects WHERE is_active)`;

/** In the caller's transaction, after the profiles of every changed project were rebuilt. */
export async function refreshScopeQuantiles(database: Database): Promise<void> {
	await database.run(TABLE);
	await database.run(`DELETE FROM skill_scope_quantiles`);
	// A skill with no duration gets its row too (of NULLs), so that a missing row means "not computed".
	await database.run(`INSERT INTO skill_scope_quantiles
		SELECT skill_name, mean, q[1], q[2] FROM (
			SELECT skill_name, avg(duration)::DOUBLE AS mean, quantile_cont(duration, [0.5, 0.9]) AS q FROM (
				SELECT skill_name, unnest(CASE WHEN len(durations) = 0 THEN [NULL::DOUBLE] ELSE durations END) AS duration
				FROM skill_profiles WHERE project_id IN (SELECT project_id FROM projects WHERE is_active)
			) GROUP BY skill_name
		)`);
	const fingerprint = await database.one<{key: string}>(`SELECT ${ACTIVE_FINGERPRINT} AS key`);
	await setSetting(database, PROJECTS_KEY, fingerprint?.key ?? '');
}

export interface ScopeQuantiles {
	mean: number | null;
	p50: number | null;
	p90: number | null;
}

/**
 * The kept figures of a skill, or undefined when they are not those of today's active projects
 * (or were never computed: a database last refreshed by an older skillscope has no such table).
 */
export async function keptScopeQuantiles(database: Database, skill: string): Promise<ScopeQuantiles | undefined> {
	try {
		return await database.one<ScopeQuantiles & Record<string, unknown>>(`SELECT mean, p50, p90 FROM skill_scope_quantiles
			WHERE skill_name = $skill AND (SELECT value FROM settings WHERE key = '${PROJECTS_KEY}') = ${ACTIVE_FINGERPRINT}`, {skill});
	} catch {
		return undefined;
	}
}
