import {CONTENT_COLUMNS, isInstant, pgType, TEAM_COLUMN_NAMES, TEAM_COLUMNS} from './columns.js';
import type {TeamConnection} from './connection.js';
import type {SentPart} from './local-rows.js';
import {TEAM_SCHEMA} from './server-schema.js';
import {copyIn} from './transfer.js';

/*
 * The server's half of a push, inside the caller's transaction. The months sent are staged
 * (COPY). A month the server holds nothing of yet ("fresh": a first push, a new month) is
 * inserted and summed straight from the stage; the others are compared with what the server
 * holds by a hash join, only the rows new, changed or gone are written, and the days they fall
 * on are summed again from the table. Statements are fixed text; every value is a $n parameter
 * ($1 is always the machine).
 */

const S = TEAM_SCHEMA;
const STAGE_COLUMNS = `project_id text COLLATE "C", fresh boolean, ${TEAM_COLUMNS.map(([name, type]) => `${name} ${isInstant(type) ? 'bigint' : pgType(type)}`).join(', ')}`;

/** An epoch-microsecond column of the stage as the instant it is (exact: the interval is scaled in whole microseconds). */
const instant = (column: string) => `(TIMESTAMPTZ 'epoch' + ${column} * INTERVAL '1 microsecond')`;
/** The stage's rows with their instants restored, columns named as the server's. */
const staged = (fresh: boolean) =>
	`SELECT project_id, ${TEAM_COLUMNS.map(([name, type]) => (isInstant(type) ? `${instant(`s.${name}`)} AS ${name}` : `s.${name}`)).join(', ')} FROM push_stage s WHERE ${fresh ? '' : 'NOT '}s.fresh`;
const SAME_KEY = (a: string, b: string) => `${a}.project_id = ${b}.project_id AND ${a}.invoked_at = ${b}.invoked_at AND ${a}.skill_name = ${b}.skill_name AND ${a}.session_key = ${b}.session_key`;
const tuple = (alias: string) => `(${CONTENT_COLUMNS.map(column => `${alias}.${column}`).join(', ')})`;
const DAY = (column: string) => `(${column} AT TIME ZONE 'UTC')::date`;
const NAMES = TEAM_COLUMN_NAMES.join(', ');

/** The months this push rewrites (sent or gone), with their bounds; the tables of the rows staged and the days touched. */
export async function stageScope(connection: TeamConnection, parts: readonly SentPart[]): Promise<void> {
	await connection.query(`CREATE TEMP TABLE push_scope (project_id text COLLATE "C", month text, since timestamptz, until timestamptz, fresh boolean) ON COMMIT DROP`);
	await connection.query(`CREATE TEMP TABLE push_touched (project_id text COLLATE "C", day date) ON COMMIT DROP`);
	await connection.query(`CREATE TEMP TABLE push_stage (${STAGE_COLUMNS}) ON COMMIT DROP`);
	await connection.query(
		`INSERT INTO push_scope SELECT p, m, (m || '-01')::timestamp AT TIME ZONE 'UTC', ((m || '-01')::date + INTERVAL '1 month')::timestamp AT TIME ZONE 'UTC', f
		FROM unnest($1::text[], $2::text[], $3::boolean[]) AS t(p, m, f)`,
		[parts.map(part => part.project_id), parts.map(part => part.month), parts.map(part => part.fresh)],
	);
}

export async function stageRows(connection: TeamConnection, file: string, compared: boolean): Promise<void> {
	await copyIn(connection, `COPY push_stage FROM STDIN (FORMAT csv)`, file);
	// The planner's row estimate of a fresh temp table is a guess: the hash join of the months compared needs the real one.
	if (compared) await connection.query('ANALYZE push_stage');
}

export interface Written {
	inserted: number;
	updated: number;
	deleted: number;
}

/** Rows of the months compared that the push no longer has: deleted, their days touched. */
async function deleteGone(connection: TeamConnection, machine: string): Promise<number> {
	const [row] = await connection.query<{n: number}>(
		`WITH gone AS (
			DELETE FROM ${S}.invocations i USING push_scope p
			WHERE NOT p.fresh AND i.machine_id = $1 AND i.project_id = p.project_id AND i.invoked_at >= p.since AND i.invoked_at < p.until
				AND NOT EXISTS (SELECT 1 FROM (${staged(false)}) s WHERE ${SAME_KEY('s', 'i')})
			RETURNING i.project_id, i.invoked_at),
		days AS (INSERT INTO push_touched SELECT DISTINCT project_id, ${DAY('invoked_at')} FROM gone)
		SELECT count(*)::integer AS n FROM gone`,
		[machine],
	);
	return row?.n ?? 0;
}

async function count(connection: TeamConnection, sql: string, params: unknown[]): Promise<number> {
	try {
		return (await connection.client.query(sql, params)).rowCount ?? 0;
	} catch (error) {
		throw connection.fail(error);
	}
}

/**
 * The rows of fresh months inserted as they are; of the others, new rows inserted, changed ones
 * updated (ingested_at: now, for the pulls), the same ones left as they are: a push of
 * unchanged months writes nothing.
 */
async function upsertChanged(connection: TeamConnection, machine: string): Promise<{inserted: number; updated: number}> {
	const fresh = await count(connection, `INSERT INTO ${S}.invocations (machine_id, project_id, ${NAMES}, ingested_at) SELECT $1, project_id, ${NAMES}, statement_timestamp() FROM (${staged(true)}) s`, [machine]);
	await connection.query(
		`CREATE TEMP TABLE push_changes ON COMMIT DROP AS
		SELECT s.*, i.project_id IS NOT NULL AS stored
		FROM (${staged(false)}) s LEFT JOIN ${S}.invocations i ON i.machine_id = $1 AND ${SAME_KEY('i', 's')}
		WHERE i.project_id IS NULL OR ${tuple('i')} IS DISTINCT FROM ${tuple('s')}`,
		[machine],
	);
	const inserted = await count(connection, `INSERT INTO ${S}.invocations (machine_id, project_id, ${NAMES}, ingested_at)
		SELECT $1, project_id, ${NAMES}, statement_timestamp() FROM push_changes WHERE NOT stored`, [machine]);
	const updated = await count(connection, `UPDATE ${S}.invocations i SET ${[...CONTENT_COLUMNS, 'collected_at'].map(column => `${column} = c.${column}`).join(', ')}, ingested_at = statement_timestamp()
		FROM push_changes c WHERE c.stored AND i.machine_id = $1 AND ${SAME_KEY('i', 'c')}`, [machine]);
	await connection.query(`INSERT INTO push_touched SELECT DISTINCT project_id, ${DAY('invoked_at')} FROM push_changes`);
	return {inserted: fresh + inserted, updated};
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

/**
 * The days the push touched summed again (returns the skill_daily rows written): those of fresh months from the stage (all their rows
 * are there), the others from the table, a range of its key (machine, project, time) per day, so
 * that a push of one day reads one day.
 */
export async function refreshDaily(connection: TeamConnection, machine: string): Promise<number> {
	await connection.query(`CREATE TEMP TABLE push_days ON COMMIT DROP AS SELECT DISTINCT project_id, day FROM push_touched`);
	// The planner's estimate of a fresh temp table is a guess; a wrong one chose a plan 100x slower at 1 M rows.
	await connection.query('ANALYZE push_days');
	await connection.query(`DELETE FROM ${S}.skill_daily d USING push_days t WHERE d.machine_id = $1 AND d.project_id = t.project_id AND d.day = t.day`, [machine]);
	const compared = await count(connection, `INSERT INTO ${S}.skill_daily
		SELECT t.day, $1, t.project_id, i.skill_name, ${DAILY_SUMS}
		FROM push_days t JOIN ${S}.invocations i ON i.machine_id = $1 AND i.project_id = t.project_id
			AND i.invoked_at >= t.day::timestamp AT TIME ZONE 'UTC' AND i.invoked_at < (t.day + 1)::timestamp AT TIME ZONE 'UTC'
		GROUP BY t.day, t.project_id, i.skill_name`, [machine]);
	const fresh = await count(connection, `INSERT INTO ${S}.skill_daily
		SELECT ${DAY('i.invoked_at')}, $1, i.project_id, i.skill_name, ${DAILY_SUMS} FROM (${staged(true)}) i
		GROUP BY 1, 3, 4`, [machine]);
	return compared + fresh;
}
