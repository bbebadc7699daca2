import {OWN_PATH} from '../registry/registry.js';
import {ALL_BUCKET, bucketEnd, type TimeWindow} from '../../domain/time-window.js';
import type {Database} from '../store/database.js';
import {ALL_PROJECTS} from '../store/schema.js';
import {rollupTable, scopeId, scopeJson, type Scope} from './scope.js';

export interface AdoptedSkill {
	skill_name: string;
	first_used: string;
	/** The project of that first use (the scope's own with --project); a tie goes to the first name. */
	first_project: string | null;
	/** Where that project lives: what tells two projects of one name apart. */
	first_project_path: string | null;
	last_used: string | null;
	total_invocations: number;
}

export interface AdoptionReport {
	project: {project_id: string; project_name: string} | null;
	window: TimeWindow;
	bucket_start: string | null;
	bucket_end: string | null;
	timezone: string;
	/** Every skill with a finished invocation, earliest adopted first. */
	skills: AdoptedSkill[];
	/** Skills whose first use falls in the chosen bucket (local days of `timezone`). */
	new_in_window: AdoptedSkill[];
}

/** First use per skill from the all-time rollups (first_used is over finished records, formats.md). */
export async function adoption(
	database: Database,
	options: {scope: Scope; window: TimeWindow; bucketStart: string; timezone: string},
): Promise<AdoptionReport> {
	const skills = await database.all<AdoptedSkill & Record<string, unknown>>(
		`SELECT a.skill_name, iso(a.first_used) AS first_used,
			(SELECT first(p.project_name ORDER BY f.first_used, p.project_name) FROM skill_aggregates f JOIN projects p USING (project_id)
			 WHERE f.skill_name = a.skill_name AND f.time_window = 'all' AND f.project_id <> '${ALL_PROJECTS}' AND p.is_active
			 AND ($machine IS NULL OR p.machine_id = $machine)
			 AND (a.project_id = '${ALL_PROJECTS}' OR f.project_id = a.project_id)) AS first_project,
			(SELECT first(${OWN_PATH} ORDER BY f.first_used, p.project_name) FROM skill_aggregates f JOIN projects p USING (project_id)
			 WHERE f.skill_name = a.skill_name AND f.time_window = 'all' AND f.project_id <> '${ALL_PROJECTS}' AND p.is_active
			 AND ($machine IS NULL OR p.machine_id = $machine)
			 AND (a.project_id = '${ALL_PROJECTS}' OR f.project_id = a.project_id)) AS first_project_path,
			iso(a.last_used) AS last_used, a.total_invocations
		FROM ${rollupTable(options.scope).sql} a
		WHERE a.project_id = $scope AND a.time_window = 'all' AND a.bucket_start = '${ALL_BUCKET}'::DATE AND a.first_used IS NOT NULL
		ORDER BY a.first_used, a.skill_name`,
		{machine: null, ...rollupTable(options.scope).params, scope: scopeId(options.scope)},
	);
	const all = options.window === 'all';
	const end = bucketEnd(options.window, options.bucketStart);
	const newInWindow = all
		? skills
		: await database.all<{skill_name: string}>(
			`SELECT skill_name FROM ${rollupTable(options.scope).sql}
			WHERE project_id = $scope AND time_window = 'all' AND first_used IS NOT NULL
				AND timezone($zone, first_used)::DATE BETWEEN $start::DATE AND $end::DATE`,
			{...rollupTable(options.scope).params, scope: scopeId(options.scope), zone: options.timezone, start: options.bucketStart, end: end!},
		);
	const fresh = new Set(newInWindow.map(row => row.skill_name));
	return {
		project: scopeJson(options.scope),
		window: options.window,
		bucket_start: all ? null : options.bucketStart,
		bucket_end: all ? null : end!,
		timezone: options.timezone,
		skills,
		new_in_window: skills.filter(skill => fresh.has(skill.skill_name)),
	};
}
