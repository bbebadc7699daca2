import type {Database} from '../store/database.js';
import {createLakeRows, dedupeLakeRows, LAKE_ROWS} from '../lake/read.js';
import type {LakeManifest} from '../lake/manifest.js';
import {localMachine} from '../registry/machines.js';
import {connectTeam, type TeamConnection} from './connection.js';
import {dropInvalidRows, fetchRows} from './pull-rows.js';
import {manifestOf, pickMachine, pullMarks, serverMachines, serverProjects} from './pull-scope.js';
import {storePulled, type Stored} from './pull-store.js';
import {ensureSchema} from './schema.js';
import type {TeamSettings} from './settings.js';

/*
 * `team pull`: the other machines' rows that the server took in since this database last pulled
 * them (each machine's mark, less an overlap), read in one snapshot of the server, then stored as
 * `lake pull` stores a lake's: into `lake_rows`, upserted by key plus machine in one transaction
 * (the lake's own functions), the rollups refreshed. This machine's own rows are never pulled.
 */

export interface TeamPullOptions {
	/** Rows invoked from this instant (ISO) on only; the marks stay where they are. */
	since?: string;
	/** One project (an id or name on the server) only; the marks stay where they are. */
	project?: string;
	/** One machine (id, prefix or name on the server) only. */
	machine?: string;
	timezone: string;
	pause?: (point: string) => Promise<void>;
}

export interface TeamPulledMachine {
	machine_id: string;
	name: string;
	pushed_at: string;
	anonymized: boolean;
	projects: number;
	/** Its rows on the server, and those this pull fetched (new since its mark, or in the overlap). */
	rows: number;
	fetched: number;
	inserted: number;
	updated: number;
	deleted: number;
	/** Rows dropped because they fail the checks of a stored row (a value no skillscope writes). */
	invalid: number;
}

export interface TeamPullReport {
	server: string;
	/** Whether each machine was pulled from its mark (true), or whole (false: the first pull of it, or a narrowed one). */
	incremental: boolean;
	machines: TeamPulledMachine[];
	totals: {machines: number; fetched: number; inserted: number; updated: number; deleted: number; invalid: number};
}

interface Fetched {
	serverId: string;
	snapshot: string;
	manifests: LakeManifest[];
	fetched: Map<string, number>;
	marks: Record<string, string>;
	incremental: boolean;
}

/** One repeatable-read snapshot of the server: which machines and projects, then their rows into lake_rows. */
async function fetchFromServer(connection: TeamConnection, database: Database, options: TeamPullOptions): Promise<Fetched> {
	const {serverId} = await ensureSchema(connection, true);
	const own = await localMachine(database);
	await connection.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
	try {
		const [clock] = await connection.query<{now: string}>(`SELECT now()::text AS now`);
		const others = (await serverMachines(connection)).filter(machine => machine.machine_id !== own.machine_id);
		const chosen = options.machine === undefined ? others : [pickMachine(others, options.machine)];
		const projects = await serverProjects(connection, chosen, options.project);
		const machines = chosen.filter(machine => options.project === undefined || projects.has(machine.machine_id));
		const marks = await pullMarks(database, serverId);
		const narrowed = options.project !== undefined || options.since !== undefined;
		const scope = {
			machines: machines.map(machine => ({machine_id: machine.machine_id, after: marks[machine.machine_id] ?? null})),
			projects: options.project === undefined ? null : [...projects].flatMap(([machine, list]) => list.map(project => `${machine}/${project.project_id}`)),
			since: options.since ?? null,
		};
		const fetched = await fetchRows(connection, database, scope, connection.settings.tmpdir);
		await connection.query('COMMIT');
		const manifests = machines.map(machine => manifestOf(machine, projects.get(machine.machine_id) ?? []));
		// The marks move for the machines pulled whole: to the server's clock when this snapshot began.
		const moved = narrowed ? marks : {...marks, ...Object.fromEntries(machines.map(machine => [machine.machine_id, clock!.now]))};
		return {serverId, snapshot: clock!.now, manifests, fetched, marks: moved, incremental: scope.machines.every(machine => machine.after !== null)};
	} catch (error) {
		await connection.client.query('ROLLBACK').catch(() => undefined);
		throw error;
	}
}

function report(connection: TeamConnection, fetched: Fetched, stored: Stored, invalid: Map<string, number>): TeamPullReport {
	const machines = fetched.manifests.map((manifest): TeamPulledMachine => ({
		machine_id: manifest.machine_id, name: manifest.name, pushed_at: manifest.pushed_at, anonymized: manifest.anonymized,
		projects: manifest.projects.length, rows: manifest.rows, fetched: fetched.fetched.get(manifest.machine_id) ?? 0,
		...(stored.written.get(manifest.machine_id) ?? {inserted: 0, updated: 0}), deleted: stored.deleted.get(manifest.machine_id) ?? 0,
		invalid: invalid.get(manifest.machine_id) ?? 0,
	}));
	const sum = (key: 'fetched' | 'inserted' | 'updated' | 'deleted' | 'invalid') => machines.reduce((total, machine) => total + machine[key], 0);
	return {
		server: connection.url.display, incremental: fetched.incremental, machines,
		totals: {machines: machines.length, fetched: sum('fetched'), inserted: sum('inserted'), updated: sum('updated'), deleted: sum('deleted'), invalid: sum('invalid')},
	};
}

export async function pullTeam(database: Database, settings: TeamSettings | undefined, options: TeamPullOptions): Promise<TeamPullReport> {
	const connection = await connectTeam(settings);
	try {
		await createLakeRows(database);
		try {
			const fetched = await fetchFromServer(connection, database, options);
			// The server closes before the local write: nothing of it waits on this database.
			await connection.close();
			const invalid = await dropInvalidRows(database);
			await dedupeLakeRows(database);
			const stored = await storePulled(database, fetched, options);
			return report(connection, fetched, stored, invalid);
		} finally {
			await database.run(`DROP TABLE IF EXISTS temp.${LAKE_ROWS}`);
		}
	} finally {
		await connection.close();
	}
}
