import {exposure, type Exposure, type ExposureReport} from '../queries/exposure.js';
import {projectFilter} from '../queries/scope.js';
import type {Project} from '../registry/registry.js';
import type {Database} from '../store/database.js';

/*
 * What the recorded listings say of the installed skills (issue 21): each one's exposure, and the
 * listing budget as the model met it, beside the files' estimate.
 */

/** How many of the latest sessions that recorded a listing the budget view reads. */
export const RECENT_LISTINGS = 20;

export type ExposureColumns = Omit<Exposure, 'skill_name'>;

export const NOT_LISTED: ExposureColumns = {sessions_listed: 0, sessions_model_invoked: 0, trigger_rate: null, sessions_user_typed: 0, sessions_description_cut: 0};

export interface RecordedListings {
	/** Sessions that recorded a listing, of the projects counted: what the columns' rates rest on. */
	sessions_with_listings: number;
	/** The latest of them read here: at most RECENT_LISTINGS. */
	recent_sessions: number;
	/** Of those, the sessions where at least one description was cut. */
	recent_sessions_cut: number;
	/** Distinct skills whose description was cut in those sessions. */
	descriptions_cut: number;
}

/**
 * Each installed entry's exposure: a project entry's from the sessions of its project, the others'
 * from every project counted (the one asked for, or the active ones), as its uses are.
 */
export async function exposureOfFiles(database: Database, projects: readonly Project[], project: Project | undefined, projectKeys: ReadonlySet<string>) {
	const index = (report: ExposureReport) => new Map(report.skills.map(({skill_name, ...columns}) => [skill_name, columns]));
	const everywhere = index(await exposure(database, {scope: {project}}));
	const byProject = new Map<string, Map<string, ExposureColumns>>();
	for (const each of projects) if (projectKeys.has(each.project_id)) byProject.set(each.project_id, index(await exposure(database, {scope: {project: each}})));
	return (file: {skill_name: string; scope: string; project: string | null}): ExposureColumns => {
		const figures = file.scope === 'project' ? byProject.get(file.project ?? '') : everywhere;
		return figures?.get(file.skill_name) ?? NOT_LISTED;
	};
}

/** The latest sessions that recorded a listing: in how many a description was cut, and how many descriptions. */
export async function recordedListings(database: Database, project: Project | undefined): Promise<RecordedListings> {
	const filter = projectFilter({project}, 'l');
	const row = await database.one<RecordedListings & Record<string, unknown>>(`
		WITH sessions AS (
			SELECT l.session_id, min(l.listed_at) AS first_listed, bool_or(l.description_cut) AS any_cut FROM skill_listings l WHERE ${filter.sql} GROUP BY l.session_id
		), recent AS (
			SELECT * FROM sessions ORDER BY first_listed DESC NULLS LAST, session_id LIMIT ${RECENT_LISTINGS}
		)
		SELECT (SELECT count(*) FROM sessions)::INTEGER AS sessions_with_listings,
			(SELECT count(*) FROM recent)::INTEGER AS recent_sessions,
			(SELECT count(*) FILTER (WHERE any_cut) FROM recent)::INTEGER AS recent_sessions_cut,
			(SELECT count(DISTINCT skill_name) FROM skill_listings WHERE description_cut AND session_id IN (SELECT session_id FROM recent))::INTEGER AS descriptions_cut`, filter.params);
	return row ?? {sessions_with_listings: 0, recent_sessions: 0, recent_sessions_cut: 0, descriptions_cut: 0};
}
