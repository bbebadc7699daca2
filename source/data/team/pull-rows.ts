import path from 'node:path';
import {listValue} from '../store/duckdb.js';
import type {Database} from '../store/database.js';
import {LAKE_ROWS, pulledProjectId} from '../lake/read.js';
import {OUTCOMES} from '../../domain/types.js';
import {TEAM_COLUMN_NAMES, TEAM_COLUMNS} from './columns.js';
import type {TeamConnection} from './connection.js';
import {TEAM_SCHEMA} from './server-schema.js';
import {copyOut, withTransferFolder} from './transfer.js';

/*
 * The rows a pull asks for, from the server into `lake_rows` (the lake's table of pulled rows,
 * lake/read.ts), where the lake's upsert takes them from: the rows of the machines in `scope`
 * that the server took in after each one's mark, less an overlap (a push's rows carry the time of
 * its statement, and become visible at its commit, seconds later), and of the projects and since
 * the instant asked for.
 */

/** Longer than any push takes from its row statements to its commit: rows seen twice are compared and left alone. */
export const OVERLAP = '15 minutes';

export interface PullScope {
	/** Each machine, with the server time after which its rows are new to this database (null: all). */
	machines: Array<{machine_id: string; after: string | null}>;
	/** `<machine>/<project>` keys, or null for every project of those machines. */
	projects: string[] | null;
	/** Rows invoked from this instant on (ISO), or null. */
	since: string | null;
}

/*
 * COPY takes no parameters: the scope is bound to a setting of this transaction with
 * set_config($1) and read back from it, so no value is ever written into the statement.
 */
const ROWS = `COPY (
	WITH params AS (SELECT current_setting('skillscope.pull')::jsonb AS p),
	scope AS (SELECT * FROM jsonb_to_recordset((SELECT p -> 'machines' FROM params)) AS w(machine_id text, after timestamptz))
	SELECT i.machine_id, i.project_id, ${TEAM_COLUMN_NAMES.map(name => `i.${name}`).join(', ')}
	FROM ${TEAM_SCHEMA}.invocations i JOIN scope w ON i.machine_id = w.machine_id
	WHERE i.ingested_at > coalesce(w.after - INTERVAL '${OVERLAP}', '-infinity')
		AND (jsonb_typeof((SELECT p -> 'projects' FROM params)) <> 'array' OR (SELECT p -> 'projects' FROM params) ? (i.machine_id || '/' || i.project_id))
		AND i.invoked_at >= coalesce((SELECT p ->> 'since' FROM params)::timestamptz, '-infinity')
) TO STDOUT (FORMAT csv)`;

/** read_csv's column types: TEAM_COLUMNS' own names and types, fixed text of ours. */
const CSV_COLUMNS = `{'machine_id': 'VARCHAR', 'project_id': 'VARCHAR', ${TEAM_COLUMNS.map(([name, type]) => `'${name}': '${type}'`).join(', ')}}`;

/**
 * The server's rows of the scope into `lake_rows`, each project under its local id (as a lake
 * pull stores it); returns how many came of each machine. A value the server holds is of the
 * column's type already, so the file parses whole or the call fails.
 */
export async function fetchRows(connection: TeamConnection, database: Database, scope: PullScope, tmpdir: string): Promise<Map<string, number>> {
	const keys = await connection.query<{machine_id: string; project_id: string}>(
		`SELECT machine_id, project_id FROM ${TEAM_SCHEMA}.projects WHERE machine_id = ANY($1::text[])`,
		[scope.machines.map(machine => machine.machine_id)],
	);
	await connection.query(`SELECT set_config('skillscope.pull', $1, true)`, [JSON.stringify(scope)]);
	await withTransferFolder(tmpdir, async folder => {
		const file = path.join(folder, 'pull.csv');
		await copyOut(connection, ROWS, file);
		if (keys.length === 0) return;
		await database.run(
			`INSERT INTO ${LAKE_ROWS}
			SELECT r.machine_id, ids.local_id, ${TEAM_COLUMN_NAMES.map(name => `r.${name}`).join(', ')}
			FROM read_csv($file, columns = ${CSV_COLUMNS}, header = false, auto_detect = false, allow_quoted_nulls = false,
				delim = ',', quote = '"', escape = '"', max_line_size = 16777216, buffer_size = 67108864) r
			JOIN (SELECT unnest($machines) AS machine_id, unnest($origins) AS origin, unnest($ids) AS local_id) ids
				ON ids.machine_id = r.machine_id AND ids.origin = r.project_id`,
			{
				file,
				machines: listValue(keys.map(key => key.machine_id)),
				origins: listValue(keys.map(key => key.project_id)),
				ids: listValue(keys.map(key => pulledProjectId(key.machine_id, key.project_id))),
			},
		);
	});
	const counts = await database.all<{machine_id: string; n: number}>(`SELECT machine_id, count(*)::INTEGER AS n FROM ${LAKE_ROWS} GROUP BY machine_id`);
	return new Map(counts.map(row => [row.machine_id, row.n]));
}

/** How many rows of each machine fail the checks a stored row must pass; those rows are dropped here. */
export async function dropInvalidRows(database: Database): Promise<Map<string, number>> {
	const INVALID = `status NOT IN ('succeeded', 'failed', 'pending') OR skill_name = '' OR followup_actions < 0
		OR invoked_at < TIMESTAMPTZ '1970-01-01 00:00:00+00' OR invoked_at >= TIMESTAMPTZ '2200-01-01 00:00:00+00'
		OR trigger NOT IN ('model', 'user', 'subagent', 'unknown') OR kind NOT IN ('skill', 'command')
		OR outcome NOT IN (${OUTCOMES.map(outcome => `'${outcome}'`).join(', ')})`;
	const rows = await database.all<{machine_id: string; n: number}>(`SELECT machine_id, count(*)::INTEGER AS n FROM ${LAKE_ROWS} WHERE ${INVALID} GROUP BY machine_id`);
	if (rows.length > 0) await database.run(`DELETE FROM ${LAKE_ROWS} WHERE ${INVALID}`);
	return new Map(rows.map(row => [row.machine_id, row.n]));
}
