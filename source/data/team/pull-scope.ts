import type {Database} from '../store/database.js';
import {getSetting, setSetting} from '../store/settings.js';
import {UsageError} from '../../errors.js';
import type {LakeManifest} from '../lake/manifest.js';
import {LAKE_FORMAT} from '../lake/layout.js';
import type {TeamConnection} from './connection.js';
import {TEAM_SCHEMA} from './server-schema.js';

/*
 * Which machines and projects of the server a pull takes, as the lake's manifests describe a
 * machine (so that the lake's upsert stores them), and how far each machine was pulled before:
 * per server, the server's own clock at the start of the last pull that took all of that
 * machine's rows (a pull narrowed by --project or --since moves no mark).
 */

export interface ServerMachine {
	machine_id: string;
	name: string;
	client_schema: number;
	anonymized: boolean;
	pushed_at: string;
	invocations: number;
}

const ISO = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export async function serverMachines(connection: TeamConnection): Promise<ServerMachine[]> {
	const rows = await connection.query<ServerMachine & {invocations: string}>(
		`SELECT machine_id, name, client_schema, anonymized, ${ISO('pushed_at')} AS pushed_at, invocations::text AS invocations
		FROM ${TEAM_SCHEMA}.machines ORDER BY name, machine_id`,
	);
	return rows.map(row => ({...row, invocations: Number(row.invocations)}));
}

/** A machine as a user names it on the command line: its id, an id prefix of 4+ characters, or its name. */
export function pickMachine(machines: readonly ServerMachine[], reference: string): ServerMachine {
	const exact = machines.find(machine => machine.machine_id === reference);
	if (exact) return exact;
	const matches = machines.filter(machine => machine.name === reference || (reference.length >= 4 && machine.machine_id.startsWith(reference)));
	if (matches.length === 1) return matches[0]!;
	if (matches.length > 1) throw new UsageError(`"${reference}" names ${matches.length} machines on the team server: ${matches.map(m => `${m.name} (${m.machine_id})`).join(', ')}; use the id`);
	throw new UsageError(`no machine "${reference}" on the team server (there: ${machines.map(machine => machine.name).join(', ') || 'none'})`);
}

type ManifestProject = LakeManifest['projects'][number];

/** Each machine's projects on the server, as a manifest lists them; only `project` (an id or a name) when given. */
export async function serverProjects(connection: TeamConnection, machines: readonly ServerMachine[], project: string | undefined): Promise<Map<string, ManifestProject[]>> {
	const rows = await connection.query<ManifestProject & {machine_id: string; rows: string}>(
		`SELECT machine_id, project_id, project_name, project_type, project_path, invocations::text AS rows
		FROM ${TEAM_SCHEMA}.projects WHERE machine_id = ANY($1::text[]) ORDER BY machine_id, project_id`,
		[machines.map(machine => machine.machine_id)],
	);
	const chosen = project === undefined ? rows : rows.filter(row => row.project_id === project || row.project_name === project);
	if (project !== undefined && chosen.length === 0) throw new UsageError(`no project "${project}" on the team server${machines.length === 1 ? ` for ${machines[0]!.name}` : ''}`);
	const byMachine = new Map<string, ManifestProject[]>();
	for (const {machine_id, rows: count, ...rest} of chosen) (byMachine.get(machine_id) ?? byMachine.set(machine_id, []).get(machine_id)!).push({...rest, rows: Number(count)});
	return byMachine;
}

export function manifestOf(machine: ServerMachine, projects: ManifestProject[]): LakeManifest {
	return {
		format: LAKE_FORMAT, schema_version: machine.client_schema, machine_id: machine.machine_id, name: machine.name,
		pushed_at: machine.pushed_at, anonymized: machine.anonymized, rows: machine.invocations, projects, files: [],
	};
}

const markKey = (serverId: string) => `team_pulled:${serverId}`;

/** machine id → the server's time at the start of the last pull that took all its rows. */
export async function pullMarks(database: Database, serverId: string): Promise<Record<string, string>> {
	const text = await getSetting(database, markKey(serverId));
	try {
		const parsed = text === undefined ? {} : (JSON.parse(text) as unknown);
		return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
	} catch {
		// A damaged mark only costs a whole pull (rows compared and left alone).
		return {};
	}
}

export async function savePullMarks(database: Database, serverId: string, marks: Record<string, string>): Promise<void> {
	await setSetting(database, markKey(serverId), JSON.stringify(marks));
}
