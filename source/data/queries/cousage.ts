import {similarNames} from '../../domain/similar-names.js';
import type {Database} from '../database.js';
import {scopeJson, type DayRange, type Scope} from './scope.js';
import {sessionRowsFilter} from './sessions.js';
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
	const filter = sessionRowsFilter(options.scope, options.range);
	const params: Record<string, string | number> = {...filter.params, min: minSessions};
	let pairFilter = 'a.skill_name < b.skill_name';
	if (options.skill !== undefined) {
		pairFilter = 'a.skill_name = $skill AND b.skill_name <> $skill';
		params.skill = options.skill;
	}

	const limit = options.limit === undefined ? '' : `LIMIT ${Math.trunc(options.limit)}`;
	const total = await database.one<{sessions: number}>(
		`SELECT count(*)::INTEGER AS sessions FROM (SELECT DISTINCT u.project_id, u.session_id FROM skill_usage u WHERE ${filter.sql})`,
		filter.params,
	);
	const pairs = await database.all<CousagePair & Record<string, unknown>>(
		`WITH used AS (SELECT DISTINCT u.project_id, u.session_id, u.skill_name FROM skill_usage u WHERE ${filter.sql}),
		n AS (SELECT count(DISTINCT (project_id, session_id)) AS sessions FROM used),
		per_skill AS (SELECT skill_name, count(*) AS sessions FROM used GROUP BY skill_name),
		together AS (
			SELECT a.skill_name AS skill_a, b.skill_name AS skill_b, count(*) AS sessions_together
			FROM used a JOIN used b ON a.project_id = b.project_id AND a.session_id = b.session_id AND ${pairFilter}
			GROUP BY ALL HAVING count(*) >= $min
		)
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
