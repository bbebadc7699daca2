import path from 'node:path';
import type {Database} from '../store/database.js';
import {localMachine} from '../registry/machines.js';
import {SCHEMA_VERSION} from '../store/schema.js';
import {connectTeam, type TeamConnection} from './connection.js';
import {type LocalProject, localParts, ownProjects, type Part, type SentPart, writeOwnRows} from './local-rows.js';
import {refreshDaily, stageRows, stageScope, writeRows, type Written} from './push-server.js';
import {ensureSchema} from './schema.js';
import {TEAM_SCHEMA} from './server-schema.js';
import type {TeamSettings} from './settings.js';
import {withTransferFolder} from './transfer.js';

/*
 * `team push`: this machine's own rows onto the team server, in one transaction of the server's.
 * Only the project months whose digest differs from the last push's are sent and compared; rows
 * new, changed or gone are written, and the days they fall on summed again. A push killed at any
 * point (or a connection lost) rolls back: the server holds the last push whole, never half of one.
 * The local database is only read.
 */

export interface TeamPushOptions {
	anonymize: boolean;
	/** A test's hook (SKILLSCOPE_TEST_PAUSE): waits at a named point. */
	pause?: (point: string) => Promise<void>;
}

export interface TeamPushReport {
	server: string;
	machine_id: string;
	name: string;
	anonymized: boolean;
	projects: number;
	invocations: number;
	months: {total: number; sent: number; gone: number};
	rows_sent: number;
	inserted: number;
	updated: number;
	deleted: number;
	/** Rows of skill_daily written: the days touched, per skill. */
	daily_rows: number;
	pushed_at: string;
}

const S = TEAM_SCHEMA;

/**
 * The months whose digest differs from the server's (fresh: the server has none of them), and
 * those the server has and this machine no longer.
 */
function compare(local: readonly Part[], stored: readonly Part[]): {changed: SentPart[]; gone: SentPart[]} {
	const key = (part: Part) => `${part.project_id}/${part.month}`;
	const before = new Map(stored.map(part => [key(part), part.digest]));
	const now = new Set(local.map(key));
	return {
		changed: local.filter(part => before.get(key(part)) !== part.digest).map(part => ({...part, fresh: !before.has(key(part))})),
		gone: stored.filter(part => !now.has(key(part))).map(part => ({...part, fresh: false})),
	};
}

interface Pushed {
	machine: {machine_id: string; name: string};
	anonymize: boolean;
	projects: LocalProject[];
	parts: Part[];
	changed: Part[];
	gone: Part[];
	clientVersion: string;
}

/** The machine's row, its projects and its months as this push leaves them; the time of the push as the server says it. */
async function record(connection: TeamConnection, pushed: Pushed): Promise<string> {
	const id = pushed.machine.machine_id;
	const total = pushed.parts.reduce((sum, part) => sum + part.invocations, 0);
	const [row] = await connection.query<{pushed_at: string}>(
		`INSERT INTO ${S}.machines AS m VALUES ($1, $2, $3, $6, $4, now(), now(), $5)
		ON CONFLICT (machine_id) DO UPDATE SET name = excluded.name, client_version = excluded.client_version, client_schema = excluded.client_schema, anonymized = excluded.anonymized,
			pushed_at = excluded.pushed_at, invocations = excluded.invocations
		RETURNING to_char(m.pushed_at, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS pushed_at`,
		[id, pushed.machine.name, pushed.clientVersion, pushed.anonymize, total, SCHEMA_VERSION],
	);
	const projects = pushed.projects;
	const ids = projects.map(project => project.project_id);
	await connection.query(`DELETE FROM ${S}.projects WHERE machine_id = $1 AND NOT (project_id = ANY($2::text[]))`, [id, ids]);
	await connection.query(
		`INSERT INTO ${S}.projects SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[])
		ON CONFLICT (machine_id, project_id) DO UPDATE SET project_name = excluded.project_name, project_type = excluded.project_type,
			project_path = excluded.project_path, invocations = excluded.invocations`,
		[id, ids, projects.map(p => p.project_name), projects.map(p => p.project_type), projects.map(p => p.project_path), projects.map(p => p.invocations)],
	);
	const rewritten = [...pushed.changed, ...pushed.gone];
	await connection.query(`DELETE FROM ${S}.push_parts p USING unnest($2::text[], $3::text[]) AS t(project_id, month)
		WHERE p.machine_id = $1 AND p.project_id = t.project_id AND p.month = t.month`, [id, rewritten.map(part => part.project_id), rewritten.map(part => part.month)]);
	const changed = pushed.changed;
	await connection.query(
		`INSERT INTO ${S}.push_parts SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::text[])`,
		[id, changed.map(part => part.project_id), changed.map(part => part.month), changed.map(part => part.invocations), changed.map(part => part.digest)],
	);
	return row!.pushed_at;
}

async function storedParts(connection: TeamConnection, machine: string): Promise<Part[]> {
	const rows = await connection.query<Part & {invocations: string}>(
		`SELECT project_id, month, invocations::text AS invocations, digest FROM ${S}.push_parts WHERE machine_id = $1`,
		[machine],
	);
	return rows.map(row => ({...row, invocations: Number(row.invocations)}));
}

async function pushWithin(connection: TeamConnection, database: Database, settings: TeamSettings, options: TeamPushOptions): Promise<TeamPushReport> {
	const machine = await localMachine(database);
	const [parts, projects] = [await localParts(database, options.anonymize), await ownProjects(database, options.anonymize)];
	// Two pushes of one machine id (a copied database) wait for each other here, not write over each other.
	await connection.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`skillscope push ${machine.machine_id}`]);
	// Sorts and hashes of a first push (a million rows) in memory, not in files; this transaction only.
	await connection.query(`SET LOCAL work_mem = '64MB'`);
	const {changed, gone} = compare(parts, await storedParts(connection, machine.machine_id));
	await stageScope(connection, [...changed, ...gone]);
	if (changed.length > 0) {
		await withTransferFolder(settings.tmpdir, async folder => {
			const file = path.join(folder, 'push.csv');
			await writeOwnRows(database, options.anonymize, changed, file);
			await stageRows(connection, file, changed.some(part => !part.fresh));
		});
	}

	await options.pause?.('team-push-staged');
	const written: Written = changed.length + gone.length > 0 ? await writeRows(connection, machine.machine_id) : {inserted: 0, updated: 0, deleted: 0};
	const daily = await refreshDaily(connection, machine.machine_id);
	const pushedAt = await record(connection, {machine, anonymize: options.anonymize, projects, parts, changed, gone, clientVersion: settings.clientVersion});
	await options.pause?.('team-push-writing');
	return {
		server: connection.url.display, machine_id: machine.machine_id, name: machine.name, anonymized: options.anonymize,
		projects: projects.length, invocations: parts.reduce((sum, part) => sum + part.invocations, 0),
		months: {total: parts.length, sent: changed.length, gone: gone.length},
		rows_sent: changed.reduce((sum, part) => sum + part.invocations, 0),
		...written, daily_rows: daily, pushed_at: pushedAt,
	};
}

export async function pushTeam(database: Database, settings: TeamSettings | undefined, options: TeamPushOptions): Promise<TeamPushReport> {
	const connection = await connectTeam(settings);
	try {
		await ensureSchema(connection, true);
		await connection.query('BEGIN');
		try {
			const report = await pushWithin(connection, database, connection.settings, options);
			await connection.query('COMMIT');
			return report;
		} catch (error) {
			await connection.client.query('ROLLBACK').catch(() => undefined);
			throw error;
		}
	} finally {
		await connection.close();
	}
}
