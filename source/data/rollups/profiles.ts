import type {Database} from '../store/database.js';

/**
 * Per trigger: finished, succeeded and pending counts (the drill-down's `by_trigger`); per source:
 * finished count; per kind: every row; per outcome, and retried (outcomes.md): its rows. One
 * scan, then folded into facets: the outcomes ride in the scan the other facets make anyway.
 */
function splitFacets(targeted: string): string {
	return `INSERT INTO skill_facets
		WITH s AS (
			SELECT u.project_id, u.skill_name, trigger, source, kind, outcome, coalesce(retried, false) AS retried, count(*) AS rows,
				count(*) FILTER (WHERE status <> 'pending') AS finished, count(*) FILTER (WHERE status = 'succeeded') AS succeeded,
				count(*) FILTER (WHERE status = 'pending') AS pending
			FROM skill_usage u WHERE ${targeted} GROUP BY ALL
		), facets AS (
			SELECT project_id, skill_name, 'trigger_total' AS facet, trigger AS value, sum(finished) AS count FROM s GROUP BY ALL
			UNION ALL SELECT project_id, skill_name, 'trigger_succeeded', trigger, sum(succeeded) FROM s GROUP BY ALL
			UNION ALL SELECT project_id, skill_name, 'trigger_pending', trigger, sum(pending) FROM s GROUP BY ALL
			UNION ALL SELECT project_id, skill_name, 'source', source, sum(finished) FROM s GROUP BY ALL
			UNION ALL SELECT project_id, skill_name, 'kind', kind, sum(rows) FROM s GROUP BY ALL
			UNION ALL SELECT project_id, skill_name, 'outcome', outcome, sum(rows) FROM s WHERE outcome IS NOT NULL GROUP BY ALL
			UNION ALL SELECT project_id, skill_name, 'retried', 'true', sum(rows) FROM s WHERE retried GROUP BY ALL
		)
		SELECT project_id, skill_name, facet, value, count FROM facets WHERE count > 0`;
}

const FOLLOW_UP_NAMES = `from_json(json_extract(u.metadata, '$.follow_up_actions'), '["VARCHAR"]')`;

/**
 * Every skill's all-time profile and facets (schema.ts) in the projects `targets` (a query of
 * project ids), from raw rows, as the drill-down computes them (queries/skill.ts).
 */
export async function refreshProfiles(database: Database, targets: string): Promise<void> {
	const targeted = `u.project_id IN (${targets})`;
	for (const table of ['skill_profiles', 'skill_facets']) {
		await database.run(`DELETE FROM ${table} WHERE project_id IN (${targets}) OR project_id NOT IN (SELECT project_id FROM projects)`);
	}

	await database.run(`INSERT INTO skill_profiles
		SELECT u.project_id, u.skill_name, count(*),
			count(*) FILTER (WHERE status <> 'pending'), count(*) FILTER (WHERE status = 'succeeded'),
			count(*) FILTER (WHERE status = 'failed'), count(*) FILTER (WHERE status = 'pending'),
			coalesce(sum(followup_actions) FILTER (WHERE status <> 'pending'), 0),
			avg(duration_ms) FILTER (WHERE status = 'succeeded'), avg(followup_actions) FILTER (WHERE status <> 'pending'),
			min(invoked_at) FILTER (WHERE status <> 'pending'), max(invoked_at) FILTER (WHERE status <> 'pending'),
			coalesce(list(duration_ms) FILTER (WHERE status = 'succeeded' AND duration_ms IS NOT NULL), []),
			coalesce(sum(output_tokens) FILTER (WHERE status <> 'pending'), 0), count(output_tokens) FILTER (WHERE status <> 'pending'),
			coalesce(sum(tool_errors) FILTER (WHERE status <> 'pending'), 0), count(tool_errors) FILTER (WHERE status <> 'pending')
		FROM skill_usage u WHERE ${targeted}
		GROUP BY u.project_id, u.skill_name`);
	await database.run(`INSERT INTO skill_facets
		SELECT u.project_id, u.skill_name, 'error', error_type, count(*) FROM skill_usage u
		WHERE ${targeted} AND error_type IS NOT NULL GROUP BY ALL
		UNION ALL
		SELECT u.project_id, u.skill_name, 'workflow_path', workflow_path, count(*) FROM skill_usage u
		WHERE ${targeted} AND workflow_path IS NOT NULL GROUP BY ALL
		UNION ALL
		SELECT project_id, skill_name, 'follow_up', action, count(*)
		FROM (SELECT u.project_id, u.skill_name, unnest(${FOLLOW_UP_NAMES}) AS action FROM skill_usage u WHERE ${targeted})
		WHERE action IS NOT NULL GROUP BY ALL`);
	await database.run(splitFacets(targeted));
}
