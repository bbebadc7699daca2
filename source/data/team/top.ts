import {UsageError} from '../../errors.js';
import type {SkillRow} from '../queries/top.js';
import {isoOfText} from './columns.js';
import {connectTeam, type TeamConnection} from './connection.js';
import {pickMachine, type ServerMachine, serverMachines} from './pull-scope.js';
import {ensureSchema} from './schema.js';
import {TEAM_SCHEMA} from './server-schema.js';
import type {TeamSettings} from './settings.js';

/*
 * `team top`: the leaderboard computed on the server, from skill_daily alone, for a team too big
 * to pull. The sums and rates are those of the local rollups (aggregator.ts RATES_FROM_SUMS,
 * OUTCOME_SUMS, CLEAN_RATE_FROM_SUMS), in plain SQL that every PostgreSQL-speaking engine runs:
 * no FILTER, no extension, no function of one vendor. Days are UTC days (skill_daily's).
 */

export interface TeamTopQuery {
	/** Inclusive UTC days, or none for all time. */
	since?: string;
	until?: string;
	machine?: string;
	project?: string;
	limit: number;
}

export interface TeamTopScope {
	machine: {machine_id: string; name: string} | null;
	project: {project_id: string; project_name: string} | null;
}

async function resolveScope(connection: TeamConnection, machine: string | undefined, project: string | undefined): Promise<TeamTopScope> {
	let chosen: ServerMachine | undefined;
	if (machine !== undefined) chosen = pickMachine(await serverMachines(connection), machine);
	if (project === undefined) return {machine: chosen ? {machine_id: chosen.machine_id, name: chosen.name} : null, project: null};
	const found = await connection.query<{machine_id: string; project_id: string; project_name: string}>(
		`SELECT machine_id, project_id, project_name FROM ${TEAM_SCHEMA}.projects
		WHERE (project_id = $1 OR project_name = $1) AND ($2::text IS NULL OR machine_id = $2) ORDER BY machine_id, project_id`,
		[project, chosen?.machine_id ?? null],
	);
	if (found.length === 0) throw new UsageError(`no project "${project}" on the team server${chosen ? ` for ${chosen.name}` : ''}`);
	if (found.length > 1) throw new UsageError(`"${project}" names ${found.length} projects on the team server (on different machines): add --machine, or use the project id`);
	const [one] = found;
	const owner = chosen ?? (await serverMachines(connection)).find(each => each.machine_id === one!.machine_id);
	return {machine: owner ? {machine_id: owner.machine_id, name: owner.name} : null, project: {project_id: one!.project_id, project_name: one!.project_name}};
}

/** A leaderboard row as the server sums it, before its rank. */
type Summed = Omit<SkillRow, 'rank'>;

/** How the uses ended, as aggregator.ts's OUTCOME_SUMS and CLEAN_RATE_FROM_SUMS: null when no outcome is known. */
const OUTCOMES = ['clean_finishes', 'interrupted', 'rejected', 'errored', 'load_failed', 'retried'].map(column => `CAST(sum(${column}) AS integer) AS ${column}`).join(',\n\t\t\t');
const KNOWN = '(sum(clean_finishes) + sum(interrupted) + sum(rejected) + sum(errored) + sum(load_failed))';
const CLEAN_RATE = `CASE WHEN ${KNOWN} > 0 THEN CAST(sum(clean_finishes) AS double precision) / ${KNOWN} END AS clean_rate`;

/** The top skills of the scope and days, most used first (as `top` sorts by default). */
export async function teamTop(connection: TeamConnection, query: TeamTopQuery): Promise<{scope: TeamTopScope; skills: SkillRow[]}> {
	const scope = await resolveScope(connection, query.machine, query.project);
	const rows = await connection.query<Summed>(
		`SELECT skill_name,
			CAST(sum(total_invocations) AS integer) AS total_invocations,
			CAST(sum(successful_completions) AS integer) AS successful_completions,
			CAST(sum(failed_invocations) AS integer) AS failed_invocations,
			CAST(sum(pending_invocations) AS integer) AS pending_invocations,
			CASE WHEN sum(total_invocations) > 0 THEN CAST(sum(successful_completions) AS double precision) / sum(total_invocations) END AS success_rate,
			CASE WHEN sum(duration_count) > 0 THEN sum(duration_sum_ms) / sum(duration_count) END AS avg_duration_ms,
			CASE WHEN sum(total_invocations) > 0 THEN CAST(sum(followup_sum) AS double precision) / sum(total_invocations) END AS avg_followup_actions,
			CAST(max(last_used) AS text) AS last_used,
			${OUTCOMES},
			${CLEAN_RATE}
		FROM ${TEAM_SCHEMA}.skill_daily
		WHERE ($1::date IS NULL OR day >= $1::date) AND ($2::date IS NULL OR day <= $2::date)
			AND ($3::text IS NULL OR machine_id = $3) AND ($4::text IS NULL OR project_id = $4)
		GROUP BY skill_name
		ORDER BY total_invocations DESC, skill_name ASC
		LIMIT $5`,
		[query.since ?? null, query.until ?? null, scope.machine?.machine_id ?? null, scope.project?.project_id ?? null, query.limit],
	);
	return {scope, skills: rows.map((row, index) => ({rank: index + 1, ...row, last_used: isoOfText(row.last_used)}))};
}

/** Connects, checks the schema (never creates it: a top reads), and asks. */
export async function teamTopOnServer(settings: TeamSettings | undefined, query: TeamTopQuery): Promise<{server: string; scope: TeamTopScope; skills: SkillRow[]}> {
	const connection = await connectTeam(settings);
	try {
		await ensureSchema(connection, false);
		return {server: connection.url.display, ...(await teamTop(connection, query))};
	} finally {
		await connection.close();
	}
}
