import type {Database} from '../store/database.js';
import {setSetting} from '../store/settings.js';

/**
 * Per project, from `workflow_executions`: how many sessions hold each skill, how many hold each
 * pair of two skills, and how often each step A → B occurs in the sequences. Co-usage and
 * next-skill (queries/cousage.ts, next-skill.ts) add these up over the scope's projects instead of
 * opening every session: at 10 M rows, ~400,000 sessions took ~1 s for each of them. Sessions are
 * per project, so the sums are exactly what the sessions give. Derived tables, rebuilt with the
 * sessions in their transaction (workflows.ts) for the projects whose sessions changed.
 */
const TABLES = [
	`CREATE TABLE IF NOT EXISTS session_skill_counts (project_id VARCHAR NOT NULL, skill_name VARCHAR NOT NULL, sessions BIGINT NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS session_pairs (project_id VARCHAR NOT NULL, skill_a VARCHAR NOT NULL, skill_b VARCHAR NOT NULL, sessions BIGINT NOT NULL)`,
	`CREATE TABLE IF NOT EXISTS session_steps (project_id VARCHAR NOT NULL, skill_name VARCHAR NOT NULL, next_skill VARCHAR NOT NULL, steps BIGINT NOT NULL)`,
];

/** Bumped when what the tables hold changes; a database without it has them built whole. */
export const PAIR_RULES = '2';
export const PAIRS_KEY = 'session_pairs_rules';

/** Rebuilds the three tables for `projectIds` (every project when omitted); the caller owns the transaction. */
export async function refreshSessionPairs(database: Database, projectIds?: readonly string[]): Promise<void> {
	for (const statement of TABLES) await database.run(statement);
	const all = projectIds === undefined;
	// Project ids are hex: a comma-joined list needs no escaping (and an empty one needs no type).
	const params = {all, ids: (projectIds ?? []).join(',')};
	const chosen = `($all OR list_contains(string_split($ids, ','), project_id))`;
	for (const table of ['session_skill_counts', 'session_pairs', 'session_steps']) await database.run(`DELETE FROM ${table} WHERE ${chosen}`, params);
	await database.run(`INSERT INTO session_skill_counts
		SELECT project_id, skill_name, count(*) FROM (SELECT project_id, unnest(skill_set) AS skill_name FROM workflow_executions WHERE ${chosen})
		GROUP BY ALL`, params);
	// Each session's distinct skills against each other, each pair once (skill_a < skill_b): 190 pairs
	// for a session of 20 skills, 15 M at 1 M rows of the benchmark, so none is made only to be dropped.
	await database.run(`INSERT INTO session_pairs
		SELECT project_id, skill_a, skill_b, count(*) FROM (
			SELECT project_id, skill_a, unnest(list_filter(skill_set, other -> other > skill_a)) AS skill_b
			FROM (SELECT project_id, skill_set, unnest(skill_set) AS skill_a FROM workflow_executions WHERE ${chosen} AND len(skill_set) > 1)
		) GROUP BY ALL`, params);
	await database.run(`INSERT INTO session_steps
		SELECT project_id, sequence[i], sequence[i + 1], count(*) FROM (
			SELECT project_id, skill_sequence AS sequence, unnest(range(1, len(skill_sequence))) AS i FROM workflow_executions WHERE ${chosen}
		) GROUP BY ALL`, params);
	if (all) await setSetting(database, PAIRS_KEY, PAIR_RULES);
}
