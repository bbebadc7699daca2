import type {Database} from '../store/database.js';

/**
 * Per skill, the mean and quantiles of the succeeded durations of every active project together:
 * the all-projects drill-down's figures (queries/skill-profiles.ts). Quantiles cannot be added up
 * from the per-project profiles: they need every kept duration of the skill (~780,000 at 10 M
 * rows, 220 ms a drill-down). They are computed for every skill with each refresh of the rollups
 * (one quantile pass for all: 120–450 ms at 10 M, the load deciding), and hold while the profiles
 * and the active projects are those they were computed for (`computed_for` names both). When
 * they do not (a project unregistered since), a drill-down computes its skill's and keeps them.
 * Derived: a database that cannot be written, or one refreshed by an older skillscope, computes
 * them every time.
 */
const TABLE = `CREATE TABLE IF NOT EXISTS skill_scope_figures (
	skill_name VARCHAR PRIMARY KEY, computed_for VARCHAR NOT NULL, mean DOUBLE, p50 DOUBLE, p90 DOUBLE)`;
const KEY = `(SELECT coalesce(md5(string_agg(project_id, ',' ORDER BY project_id)), '') FROM projects WHERE is_active)
	|| '|' || coalesce((SELECT value FROM settings WHERE key = 'aggregated_at'), '')`;

export interface ScopeQuantiles {
	mean: number | null;
	p50: number | null;
	p90: number | null;
}

/** Every skill's figures, in the refresh's transaction, after `aggregated_at` was set. */
export async function refreshScopeFigures(database: Database): Promise<void> {
	await database.run(TABLE);
	await database.run(`DELETE FROM skill_scope_figures`);
	await database.run(`INSERT INTO skill_scope_figures
		SELECT skill_name, ${KEY}, mean, q[1], q[2] FROM (
			SELECT skill_name, avg(duration)::DOUBLE AS mean, quantile_cont(duration, [0.5, 0.9]) AS q FROM (
				-- A skill without durations gets its row too (of NULLs): a missing row means "not computed".
				SELECT skill_name, unnest(CASE WHEN len(durations) = 0 THEN [NULL::DOUBLE] ELSE durations END) AS duration
				FROM skill_profiles WHERE project_id IN (SELECT project_id FROM projects WHERE is_active)
			) GROUP BY skill_name
		)`);
}

/** The kept figures of a skill, or undefined when they are not those of the profiles and active projects of now. */
export async function keptScopeQuantiles(database: Database, skill: string): Promise<ScopeQuantiles | undefined> {
	try {
		return await database.one<ScopeQuantiles & Record<string, unknown>>(
			`SELECT mean, p50, p90 FROM skill_scope_figures WHERE skill_name = $skill AND computed_for = ${KEY}`, {skill});
	} catch {
		return undefined;
	}
}

/** The figures of a skill over the active projects' profiles: kept ones, or computed (and kept). */
export async function scopeQuantiles(database: Database, skill: string): Promise<ScopeQuantiles> {
	const kept = await keptScopeQuantiles(database, skill);
	if (kept) return kept;
	const computed = await database.one<{mean: number | null; q: number[] | null; computed_for: string}>(
		`SELECT avg(duration)::DOUBLE AS mean, quantile_cont(duration, [0.5, 0.9]) AS q, ${KEY} AS computed_for
		FROM (SELECT unnest(durations) AS duration FROM skill_profiles
			WHERE skill_name = $skill AND project_id IN (SELECT project_id FROM projects WHERE is_active))`,
		{skill},
	);
	const figures = {mean: computed?.mean ?? null, p50: computed?.q?.[0] ?? null, p90: computed?.q?.[1] ?? null};
	try {
		await database.run(TABLE);
		await database.run(`INSERT INTO skill_scope_figures VALUES ($skill, $key, $mean, $p50, $p90)
			ON CONFLICT (skill_name) DO UPDATE SET computed_for = excluded.computed_for, mean = excluded.mean, p50 = excluded.p50, p90 = excluded.p90`,
		{skill, key: computed?.computed_for ?? '', mean: figures.mean, p50: figures.p50, p90: figures.p90});
	} catch {
		// Read-only, or busy: the figures are right, only not kept.
	}

	return figures;
}
