import {similarNames} from '../../domain/similar-names.js';
import type {Database} from '../store/database.js';
import {freshRollups} from '../rollups/fresh.js';
import {projectFilter, scopeJson, type DayRange, type Scope} from './scope.js';
import {sessionSets} from './sessions.js';
import {knownSkillNames} from './skill.js';

export const DEFAULT_MIN_SESSIONS = 3;

export interface CousagePair {
	skill_a: string;
	skill_b: string;
	sessions_together: number;
	/** Sessions holding skill_a (resp. skill_b): the evidence behind the lift. */
	sessions_a: number;
	sessions_b: number;
	lift: number;
}

export interface CousageReport {
	project: {project_id: string; project_name: string} | null;
	skill: string | null;
	min_sessions: number;
	sessions: number;
	pairs: CousagePair[];
	/** Only when `skill` names no skill of the scope: names it may have meant. */
	did_you_mean?: string[];
}

/**
 * Skills used in the same sessions. lift = P(A and B) / (P(A) · P(B)) with P over sessions, which
 * simplifies to together · sessions / (sessions_a · sessions_b); pending invocations count (they
 * were invoked). With `skill`, only its pairs, that skill as skill_a. Highest lift first.
 */
export async function cousage(
	database: Database,
	options: {scope: Scope; range?: DayRange; skill?: string; minSessions?: number; limit?: number},
): Promise<CousageReport> {
	const minSessions = options.minSessions ?? DEFAULT_MIN_SESSIONS;
	if (options.range === undefined) await freshRollups(database, {workflows: true});
	const limit = options.limit === undefined ? '' : `LIMIT ${Math.trunc(options.limit)}`;
	const {total, pairs} = options.range === undefined
		? await fromPairs(database, options.scope, minSessions, options.skill, limit)
		: await fromSessions(database, options.scope, options.range, minSessions, options.skill, limit);
	const report: CousageReport = {
		project: scopeJson(options.scope),
		skill: options.skill ?? null,
		min_sessions: minSessions,
		sessions: total,
		pairs,
	};
	if (options.skill === undefined || pairs.length > 0) return report;
	const known = await knownSkillNames(database, options.scope);
	return known.includes(options.skill) ? report : {...report, did_you_mean: similarNames(options.skill, known)};
}

/** The pairs' columns, from `together` (skill_a, skill_b, sessions_together), `n` and `per_skill`. */
const PAIR_COLUMNS = `t.skill_a, t.skill_b, t.sessions_together::INTEGER AS sessions_together,
	pa.sessions::INTEGER AS sessions_a, pb.sessions::INTEGER AS sessions_b,
	(t.sessions_together * n.sessions / (pa.sessions * pb.sessions))::DOUBLE AS lift
	FROM together t CROSS JOIN n
	JOIN per_skill pa ON pa.skill_name = t.skill_a JOIN per_skill pb ON pb.skill_name = t.skill_b
	ORDER BY lift DESC, sessions_together DESC, skill_a, skill_b`;

type Pairs = {total: number; pairs: CousagePair[]};

/** From the sessions themselves (a day range: from the raw rows in it). */
async function fromSessions(database: Database, scope: Scope, range: DayRange, minSessions: number, skill: string | undefined, limit: string): Promise<Pairs> {
	const sets = sessionSets(scope, range);
	const params: Record<string, string | number> = {...sets.params, min: minSessions};
	if (skill !== undefined) params.skill = skill;
	// With a skill, only the sessions holding it are opened; otherwise every pair of each session.
	const together = skill === undefined
		? `SELECT a.skill_name AS skill_a, b.skill_name AS skill_b, count(*) AS sessions_together
			FROM exploded a JOIN exploded b ON a.session = b.session AND a.skill_name < b.skill_name
			GROUP BY ALL HAVING count(*) >= $min`
		: `SELECT $skill AS skill_a, skill_name AS skill_b, count(*) AS sessions_together
			FROM (SELECT unnest(skills) AS skill_name FROM sets WHERE list_contains(skills, $skill))
			WHERE skill_name <> $skill GROUP BY ALL HAVING count(*) >= $min`;
	const total = await database.one<{sessions: number}>(`SELECT count(*)::INTEGER AS sessions FROM (${sets.sql})`, sets.params);
	const pairs = await database.all<CousagePair & Record<string, unknown>>(
		`WITH sets AS (${sets.sql}),
		exploded AS (SELECT row_number() OVER () AS session, unnest(skills) AS skill_name FROM sets),
		n AS (SELECT count(*) AS sessions FROM sets),
		per_skill AS (SELECT skill_name, count(*) AS sessions FROM (SELECT unnest(skills) AS skill_name FROM sets) GROUP BY skill_name),
		together AS (${together})
		SELECT ${PAIR_COLUMNS} ${limit}`,
		params,
	);
	return {total: total?.sessions ?? 0, pairs};
}

/** All time: the per-project counts of session-pairs.ts, added up over the scope. */
async function fromPairs(database: Database, scope: Scope, minSessions: number, skill: string | undefined, limit: string): Promise<Pairs> {
	const filter = projectFilter(scope, 'w');
	const params: Record<string, string | number> = {...filter.params, min: minSessions};
	if (skill !== undefined) params.skill = skill;
	// Pairs are kept once, skill_a < skill_b: with a skill, it is either side, shown as skill_a.
	const kept = skill === undefined
		? `SELECT w.skill_a, w.skill_b, w.sessions FROM session_pairs w WHERE ${filter.sql}`
		: `SELECT $skill AS skill_a, CASE WHEN w.skill_a = $skill THEN w.skill_b ELSE w.skill_a END AS skill_b, w.sessions
			FROM session_pairs w WHERE ${filter.sql} AND (w.skill_a = $skill OR w.skill_b = $skill)`;
	const total = await database.one<{sessions: number}>(`SELECT count(*)::INTEGER AS sessions FROM workflow_executions w WHERE ${filter.sql}`, filter.params);
	const pairs = await database.all<CousagePair & Record<string, unknown>>(
		`WITH n AS (SELECT count(*) AS sessions FROM workflow_executions w WHERE ${filter.sql}),
		per_skill AS (SELECT skill_name, sum(sessions)::BIGINT AS sessions FROM session_skill_counts w WHERE ${filter.sql} GROUP BY skill_name),
		together AS (SELECT skill_a, skill_b, sum(sessions)::BIGINT AS sessions_together FROM (${kept}) GROUP BY ALL HAVING sum(sessions) >= $min)
		SELECT ${PAIR_COLUMNS} ${limit}`,
		params,
	);
	return {total: total?.sessions ?? 0, pairs};
}
