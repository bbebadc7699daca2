import type {Database} from '../store/database.js';
import {freshRollups} from '../rollups/fresh.js';
import {similarNames} from '../../domain/similar-names.js';
import {projectFilter, scopeFilter, scopeJson, type DayRange, type Scope} from './scope.js';
import {knownSkillNames} from './skill.js';
import {sessionSets} from './sessions.js';

export interface NextSkill {
	skill: string;
	count: number;
	probability: number;
}

export interface NextReport {
	skill_name: string;
	/** False when the scope has no invocation of skill_name at all (then did_you_mean). */
	found: boolean;
	project: {project_id: string; project_name: string} | null;
	/** Every transition out of skill_name: the denominator of `probability`. */
	transitions: number;
	next: NextSkill[];
	did_you_mean?: string[];
}

/**
 * What follows a skill: within each session, records in `invoked_at` order (ties by skill name,
 * so the order is the same on every run), each consecutive pair A → B counts once; pending
 * records included, since they were invoked. probability = count / transitions out of A.
 */
export async function nextSkills(
	database: Database,
	skillName: string,
	options: {scope: Scope; range?: DayRange; limit?: number},
): Promise<NextReport> {
	if (options.range === undefined) await freshRollups(database, {workflows: true});
	const limit = options.limit === undefined ? '' : `LIMIT ${Math.trunc(options.limit)}`;
	const rows = options.range === undefined ? await fromSteps(database, skillName, options.scope, limit) : await fromSessions(database, skillName, options.scope, options.range, limit);
	const next = rows.map(({skill, count, probability}) => ({skill, count, probability}));
	const report: NextReport = {skill_name: skillName, found: true, project: scopeJson(options.scope), transitions: rows[0]?.transitions ?? 0, next};
	if (rows.length > 0) return report;
	const scope = scopeFilter(options.scope, options.range);
	const used = await database.one(`SELECT 1 AS used FROM skill_usage u WHERE u.skill_name = $skill AND ${scope.sql} LIMIT 1`, {...scope.params, skill: skillName});
	if (used) return report;
	return {...report, found: false, did_you_mean: similarNames(skillName, await knownSkillNames(database, options.scope))};
}

type Row = NextSkill & {transitions: number} & Record<string, unknown>;

/** Within a day range, from the raw rows' sessions: only those holding the skill are opened. */
async function fromSessions(database: Database, skillName: string, scope: Scope, range: DayRange, limit: string): Promise<Row[]> {
	const sets = sessionSets(scope, range);
	return database.all<Row>(
		`WITH sets AS (${sets.sql}),
		pairs AS (
			SELECT sequence[i] AS skill_name, sequence[i + 1] AS next_skill
			FROM (SELECT sequence, unnest(range(1, len(sequence))) AS i FROM sets WHERE list_contains(skills, $skill))
		)
		SELECT next_skill AS skill, count(*)::INTEGER AS count, (count(*) / sum(count(*)) OVER ())::DOUBLE AS probability,
			(sum(count(*)) OVER ())::INTEGER AS transitions
		FROM pairs WHERE skill_name = $skill
		GROUP BY next_skill ORDER BY count DESC, skill ${limit}`,
		{...sets.params, skill: skillName},
	);
}

/** All time: the per-project steps of session-pairs.ts, added up over the scope. */
async function fromSteps(database: Database, skillName: string, scope: Scope, limit: string): Promise<Row[]> {
	const filter = projectFilter(scope, 'w');
	return database.all<Row>(
		`SELECT next_skill AS skill, sum(steps)::INTEGER AS count, (sum(steps) / sum(sum(steps)) OVER ())::DOUBLE AS probability,
			(sum(sum(steps)) OVER ())::INTEGER AS transitions
		FROM session_steps w WHERE ${filter.sql} AND w.skill_name = $skill
		GROUP BY next_skill ORDER BY count DESC, skill ${limit}`,
		{...filter.params, skill: skillName},
	);
}
