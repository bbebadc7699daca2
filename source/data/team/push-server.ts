import {CONTENT_COLUMNS, isInstant, pgType, TEAM_COLUMN_NAMES, TEAM_COLUMNS} from './columns.js';
import type {TeamConnection} from './connection.js';
import type {Part} from './local-rows.js';
import {TEAM_SCHEMA} from './server-schema.js';
import {copyIn} from './transfer.js';

/*
 * The server's half of a push, inside the caller's transaction: the months that changed are
 * staged (COPY), compared with what the server holds of them by a hash join, and only the rows
 * new, changed or gone are written; the days they fall on are summed again into skill_daily.
 * Statements are fixed text; every value is a $n parameter ($1 is always the machine).
 */

const S = TEAM_SCHEMA;
const STAGE_COLUMNS = `project_id text COLLATE "C", ${TEAM_COLUMNS.map(([name, type]) => `${name} ${isInstant(type) ? 'bigint' : pgType(type)}`).join(', ')}`;

/** An epoch-microsecond column of the stage as the instant it is (exact: the interval is scaled in whole microseconds). */
const instant = (column: string) => `(TIMESTAMPTZ 'epoch' + ${column} * INTERVAL '1 microsecond')`;
/** The stage's row with its instants restored, columns named as the server's. */
const STAGED = `SELECT project_id, ${TEAM_COLUMNS.map(([name, type]) => (isInstant(type) ? `${instant(`s.${name}`)} AS ${name}` : `s.${name}`)).join(', ')} FROM push_stage s`;
const SAME_KEY = (a: string, b: string) => `${a}.project_id = ${b}.project_id AND ${a}.invoked_at = ${b}.invoked_at AND ${a}.skill_name = ${b}.skill_name AND ${a}.session_key = ${b}.session_key`;
const tuple = (alias: string) => `(${CONTENT_COLUMNS.map(column => `${alias}.${column}`).join(', ')})`;
const DAY = (column: string) => `(${column} AT TIME ZONE 'UTC')::date`;

/** The months this push rewrites (changed or gone), with their bounds, and the days it touched. */
export async function stageScope(connection: TeamConnection, parts: readonly Part[]): Promise<void> {
	await connection.query(`CREATE TEMP TABLE push_scope (project_id text COLLATE "C", month text, since timestamptz, until timestamptz) ON COMMIT DROP`);
	await connection.query(`CREATE TEMP TABLE push_touched (project_id text COLLATE "C", day date) ON COMMIT DROP`);
	await connection.query(`CREATE TEMP TABLE push_stage (${STAGE_COLUMNS}) ON COMMIT DROP`);
	await connection.query(
		`INSERT INTO push_scope SELECT p, m, (m || '-01')::timestamp AT TIME ZONE 'UTC', ((m || '-01')::date + INTERVAL '1 month')::timestamp AT TIME ZONE 'UTC'
		FROM unnest($1::text[], $2::text[]) AS t(p, m)`,
		[parts.map(part => part.project_id), parts.map(part => part.month)],
	);
}

export async function stageRows(connection: TeamConnection, file: string): Promise<void> {
	await copyIn(connection, `COPY push_stage FROM STDIN (FORMAT csv)`, file);
	// The planner's row estimate of a fresh temp table is a guess: a hash join needs the real one.
	await connection.query('ANALYZE push_stage');
}

export interface Written {
	inserted: number;
	updated: number;
	deleted: number;
}

/** Rows of the scope's months that the push no longer has: deleted, their days touched. */
async function deleteGone(connection: TeamConnection, machine: string): Promise<number> {
	const [row] = await connection.query<{n: number}>(
		`WITH gone AS (
			DELETE FROM ${S}.invocations i USING push_scope p
			WHERE i.machine_id = $1 AND i.project_id = p.project_id AND i.invoked_at >= p.since AND i.invoked_at < p.until
				AND NOT EXISTS (SELECT 1 FROM (${STAGED}) s WHERE ${SAME_KEY('s', 'i')})
			RETURNING i.project_id, i.invoked_at),
		days AS (INSERT INTO push_touched SELECT DISTINCT project_id, ${DAY('invoked_at')} FROM gone)
		SELECT count(*)::integer AS n FROM gone`,
		[machine],
	);
	return row?.n ?? 0;
}

/**
 * New rows inserted, changed ones updated (ingested_at: now, for the pulls), the same ones left
 * as they are: a push of unchanged months writes nothing.
 */
async function upsertChanged(connection: TeamConnection, machine: string): Promise<{inserted: number; updated: number}> {
	await connection.query(
		`CREATE TEMP TABLE push_changes ON COMMIT DROP AS
		SELECT s.*, i.project_id IS NOT NULL AS stored
		FROM (${STAGED}) s LEFT JOIN ${S}.invocations i ON i.machine_id = $1 AND ${SAME_KEY('i', 's')}
		WHERE i.project_id IS NULL OR ${tuple('i')} IS DISTINCT FROM ${tuple('s')}`,
		[machine],
	);
	const names = TEAM_COLUMN_NAMES.join(', ');
	const inserted = await connection.client.query(
		`INSERT INTO ${S}.invocations (machine_id, project_id, ${names}, ingested_at)
		SELECT $1, project_id, ${names}, statement_timestamp() FROM push_changes WHERE NOT stored ORDER BY project_id, invoked_at`,
		[machine],
	).catch(error => {
		throw connection.fail(error);
	});
	const [updated] = await connection.query<{n: number}>(
		`WITH changed AS (
			UPDATE ${S}.invocations i SET ${[...CONTENT_COLUMNS, 'collected_at'].map(column => `${column} = c.${column}`).join(', ')}, ingested_at = statement_timestamp()
			FROM push_changes c WHERE c.stored AND i.machine_id = $1 AND ${SAME_KEY('i', 'c')} RETURNING 1)
		SELECT count(*)::integer AS n FROM changed`,
		[machine],
	);
	await connection.query(`INSERT INTO push_touched SELECT DISTINCT project_id, ${DAY('invoked_at')} FROM push_changes`);
	return {inserted: inserted.rowCount ?? 0, updated: updated?.n ?? 0};
}

export async function writeRows(connection: TeamConnection, machine: string): Promise<Written> {
	const deleted = await deleteGone(connection, machine);
	return {...(await upsertChanged(connection, machine)), deleted};
}

/** skill_daily's columns from invocations `i`: the sums of aggregator.ts's days, and the trigger counts. */
export const DAILY_SUMS = `count(*) FILTER (WHERE i.status <> 'pending'), count(*) FILTER (WHERE i.status = 'succeeded'),
	count(*) FILTER (WHERE i.status = 'failed'), count(*) FILTER (WHERE i.status = 'pending'),
	coalesce(sum(i.duration_ms) FILTER (WHERE i.status = 'succeeded'), 0), count(i.duration_ms) FILTER (WHERE i.status = 'succeeded'),
	coalesce(sum(i.followup_actions) FILTER (WHERE i.status <> 'pending'), 0),
	min(i.invoked_at) FILTER (WHERE i.status <> 'pending'), max(i.invoked_at) FILTER (WHERE i.status <> 'pending'),
	count(*) FILTER (WHERE i.outcome = 'clean'), count(*) FILTER (WHERE i.outcome = 'interrupted'), count(*) FILTER (WHERE i.outcome = 'rejected'),
	count(*) FILTER (WHERE i.outcome = 'errored'), count(*) FILTER (WHERE i.outcome = 'load_failed'), count(*) FILTER (WHERE i.retried),
	count(*) FILTER (WHERE i.trigger = 'model'), count(*) FILTER (WHERE i.trigger = 'user'), count(*) FILTER (WHERE i.trigger = 'subagent'),
	count(*) FILTER (WHERE i.trigger = 'unknown')`;

/** The touched days of this machine summed again from its rows (read through the key's range on time). */
export async function refreshDaily(connection: TeamConnection, machine: string): Promise<number> {
	await connection.query(`DELETE FROM ${S}.skill_daily d USING (SELECT DISTINCT project_id, day FROM push_touched) t
		WHERE d.machine_id = $1 AND d.project_id = t.project_id AND d.day = t.day`, [machine]);
	const [row] = await connection.query<{n: number}>(
		`WITH days AS (SELECT DISTINCT project_id, day FROM push_touched),
		summed AS (
			INSERT INTO ${S}.skill_daily
			SELECT ${DAY('i.invoked_at')}, i.machine_id, i.project_id, i.skill_name, ${DAILY_SUMS}
			FROM ${S}.invocations i JOIN push_scope p ON i.machine_id = $1 AND i.project_id = p.project_id AND i.invoked_at >= p.since AND i.invoked_at < p.until
			WHERE (i.project_id, ${DAY('i.invoked_at')}) IN (SELECT project_id, day FROM days)
			GROUP BY 1, 2, 3, 4)
		SELECT count(*)::integer AS n FROM days`,
		[machine],
	);
	return row?.n ?? 0;
}
