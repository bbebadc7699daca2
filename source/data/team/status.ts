import type {Database} from '../store/database.js';
import {localMachine} from '../registry/machines.js';
import {isoOfText} from './columns.js';
import {connectTeam} from './connection.js';
import {pullMarks} from './pull-scope.js';
import {ensureSchema} from './schema.js';
import {TEAM_SCHEMA} from './server-schema.js';
import type {TeamSettings} from './settings.js';

/* `team status`: the server, its schema, and every machine on it with its last push and rows. */

export interface TeamMachineStatus {
	machine_id: string;
	name: string;
	is_local: boolean;
	anonymized: boolean;
	client_version: string;
	first_pushed_at: string;
	last_push_at: string;
	projects: number;
	invocations: number;
	/** The server's time when this database last pulled all of the machine's rows (null: never; always null for itself). */
	pulled_until: string | null;
}

export interface TeamStatusReport {
	server: string;
	server_version: string;
	schema_version: number;
	server_id: string;
	machine_id: string;
	machines: TeamMachineStatus[];
	totals: {machines: number; projects: number; invocations: number};
}

export async function teamStatus(database: Database, settings: TeamSettings | undefined): Promise<TeamStatusReport> {
	const connection = await connectTeam(settings);
	try {
		const schema = await ensureSchema(connection, false);
		const [{version}] = (await connection.query<{version: string}>(`SELECT current_setting('server_version') AS version`)) as [{version: string}];
		const own = await localMachine(database);
		const marks = await pullMarks(database, schema.serverId);
		const rows = await connection.query<{machine_id: string; name: string; anonymized: boolean; client_version: string; first: string; last: string; projects: number; invocations: string}>(
			`SELECT m.machine_id, m.name, m.anonymized, m.client_version, CAST(m.first_pushed_at AS text) AS first, CAST(m.pushed_at AS text) AS last,
				CAST((SELECT count(*) FROM ${TEAM_SCHEMA}.projects p WHERE p.machine_id = m.machine_id) AS integer) AS projects,
				CAST(m.invocations AS text) AS invocations
			FROM ${TEAM_SCHEMA}.machines m ORDER BY m.machine_id <> $1, m.name, m.machine_id`,
			[own.machine_id],
		);
		const machines = rows.map((row): TeamMachineStatus => ({
			machine_id: row.machine_id, name: row.name, is_local: row.machine_id === own.machine_id, anonymized: row.anonymized, client_version: row.client_version,
			first_pushed_at: isoOfText(row.first)!, last_push_at: isoOfText(row.last)!, projects: row.projects, invocations: Number(row.invocations),
			pulled_until: row.machine_id === own.machine_id ? null : isoOfText(marks[row.machine_id] ?? null),
		}));
		return {
			server: connection.url.display, server_version: version, schema_version: schema.version, server_id: schema.serverId, machine_id: own.machine_id, machines,
			totals: {machines: machines.length, projects: machines.reduce((sum, m) => sum + m.projects, 0), invocations: machines.reduce((sum, m) => sum + m.invocations, 0)},
		};
	} finally {
		await connection.close();
	}
}
