import type {Database} from '../store/database.js';
import {type DayRange, projectFilter, type Scope} from './scope.js';

/**
 * What the model was offered against what it picked (transcripts.md, "skill_listing"; issue 21),
 * per skill, over the sessions that recorded a listing: a session without one tells nothing about
 * what was offered and is left out of every rate here.
 */
export interface Exposure {
	skill_name: string;
	/** Sessions whose listings named it. */
	sessions_listed: number;
	/** Of those, sessions where the model (or a subagent) invoked it. */
	sessions_model_invoked: number;
	/** sessions_model_invoked / sessions_listed; null when it was never listed. */
	trigger_rate: number | null;
	/** Sessions with a listing where the person typed it. */
	sessions_user_typed: number;
	/** Sessions where its description was cut to fit the listing budget. */
	sessions_description_cut: number;
}

export interface ExposureReport {
	/** Sessions in the scope and period that recorded any listing: what the rates rest on. */
	sessions_with_listings: number;
	skills: Exposure[];
}

/** The listings' sessions in scope: a range filters by when the session first listed skills. */
function listingFilter(scope: Scope, range?: DayRange): {sql: string; params: Record<string, string>} {
	const project = projectFilter(scope, 'l');
	if (!range) return project;
	return {
		sql: `${project.sql} AND timezone($zone, l.listed_at)::DATE BETWEEN $since::DATE AND $until::DATE`,
		params: {...project.params, zone: range.zone, since: range.since, until: range.until},
	};
}

export async function exposure(database: Database, options: {scope: Scope; range?: DayRange; skill?: string}): Promise<ExposureReport> {
	const filter = listingFilter(options.scope, options.range);
	const params = {...filter.params, skill: options.skill ?? null};
	const sessions = `SELECT DISTINCT l.session_id FROM skill_listings l WHERE ${filter.sql}`;
	const total = await database.one<{sessions: number}>(`SELECT count(*)::INTEGER AS sessions FROM (${sessions})`, filter.params);
	const skills = await database.all<Exposure & Record<string, unknown>>(`
		WITH listed AS (
			SELECT l.session_id, l.skill_name, l.description_cut FROM skill_listings l
			WHERE ${filter.sql} AND ($skill IS NULL OR l.skill_name = $skill)
		), used AS (
			SELECT session_id, skill_name, bool_or(trigger IN ('model', 'subagent')) AS by_model, bool_or(trigger = 'user') AS by_user
			FROM skill_usage
			WHERE source = 'claude-code' AND session_id IN (${sessions}) AND ($skill IS NULL OR skill_name = $skill)
			GROUP BY session_id, skill_name
		), named AS (
			SELECT skill_name FROM listed UNION SELECT skill_name FROM used WHERE by_user
		)
		SELECT n.skill_name,
			count(DISTINCT l.session_id)::INTEGER AS sessions_listed,
			count(DISTINCT l.session_id) FILTER (WHERE u.by_model)::INTEGER AS sessions_model_invoked,
			CASE WHEN count(DISTINCT l.session_id) > 0 THEN count(DISTINCT l.session_id) FILTER (WHERE u.by_model) / count(DISTINCT l.session_id) END::DOUBLE AS trigger_rate,
			(SELECT count(*) FROM used t WHERE t.skill_name = n.skill_name AND t.by_user)::INTEGER AS sessions_user_typed,
			count(DISTINCT l.session_id) FILTER (WHERE l.description_cut)::INTEGER AS sessions_description_cut
		FROM named n
		LEFT JOIN listed l USING (skill_name)
		LEFT JOIN used u ON u.session_id = l.session_id AND u.skill_name = l.skill_name
		GROUP BY n.skill_name
		ORDER BY sessions_listed DESC, n.skill_name`, params);
	return {sessions_with_listings: total?.sessions ?? 0, skills};
}

/** One skill's exposure and what its rates rest on: `exposure` of `skill --json` and the drill-down. */
export interface SkillExposure extends Omit<Exposure, 'skill_name'> {
	/** Sessions in the scope and period that recorded any listing: what the rates rest on. */
	sessions_with_listings: number;
}

export async function skillExposure(database: Database, skill: string, scope: Scope, range?: DayRange): Promise<SkillExposure> {
	const report = await exposure(database, {scope, range, skill});
	const {skill_name: _name, ...figures} = report.skills[0] ?? {skill_name: skill, sessions_listed: 0, sessions_model_invoked: 0, trigger_rate: null, sessions_user_typed: 0, sessions_description_cut: 0};
	return {sessions_with_listings: report.sessions_with_listings, ...figures};
}
