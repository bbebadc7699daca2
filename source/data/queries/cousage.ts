import {similarNames} from '../../domain/similar-names.js';
import type {Database} from '../database.js';
import {ensureWorkflows} from '../workflows.js';
import {scopeJson, type DayRange, type Scope} from './scope.js';
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
	if (options.range === undefined) await ensureWorkflows(database);
	const sets = sessionSets(options.scope, options.range);
	const params: Record<string, string | number> = {...sets.params, min: minSessions};
	if (options.skill !== undefined) params.skill = options.skill;
	// With a skill, only the sessions holding it are opened; otherwise every pair of each session.
	const together = options.skill === undefined
		? `SELECT a.skill_name AS skill_a, b.skill_name AS skill_b, count(*) AS sessions_together
			FROM exploded a JOIN exploded b ON a.session = b.session AND a.skill_name < b.skill_name
			GROUP BY ALL HAVING count(*) >= $min`
		: `SELECT $skill AS skill_a, skill_name AS skill_b, count(*) AS sessions_together
			FROM (SELECT unnest(skills) AS skill_name FROM sets WHERE list_contains(skills, $skill))
			WHERE skill_name <> $skill GROUP BY ALL HAVING count(*) >= $min`;
	const limit = options.limit === undefined ? '' : `LIMIT ${Math.trunc(options.limit)}`;
	const total = await database.one<{sessions: number}>(`SELECT count(*)::INTEGER AS sessions FROM (${sets.sql})`, sets.params);
	const pairs = await database.all<CousagePair & Record<string, unknown>>(
		`WITH sets AS (${sets.sql}),
		exploded AS (SELECT row_number() OVER () AS session, unnest(skills) AS skill_name FROM sets),
		n AS (SELECT count(*) AS sessions FROM sets),
		per_skill AS (SELECT skill_name, count(*) AS sessions FROM (SELECT unnest(skills) AS skill_name FROM sets) GROUP BY skill_name),
		together AS (${together})
		SELECT t.skill_a, t.skill_b, t.sessions_together::INTEGER AS sessions_together,
			pa.sessions::INTEGER AS sessions_a, pb.sessions::INTEGER AS sessions_b,
			(t.sessions_together * n.sessions / (pa.sessions * pb.sessions))::DOUBLE AS lift
		FROM together t CROSS JOIN n
		JOIN per_skill pa ON pa.skill_name = t.skill_a JOIN per_skill pb ON pb.skill_name = t.skill_b
		ORDER BY lift DESC, sessions_together DESC, skill_a, skill_b ${limit}`,
		params,
	);
	const report: CousageReport = {
		project: scopeJson(options.scope),
		skill: options.skill ?? null,
		min_sessions: minSessions,
		sessions: total?.sessions ?? 0,
		pairs,
	};
	if (options.skill === undefined || pairs.length > 0) return report;
	const known = await knownSkillNames(database, options.scope);
	return known.includes(options.skill) ? report : {...report, did_you_mean: similarNames(options.skill, known)};
}
