import {randomUUID} from 'node:crypto';
import os from 'node:os';
import type {Database} from '../store/database.js';
import type {Scope, ScopeMachine} from '../queries/scope.js';
import {UsageError} from '../../errors.js';
import {findProjectById, listProjects, LOCAL_MACHINE} from './registry.js';

/** One machine whose rows this database holds: itself, or one pulled from a lake. */
export interface Machine {
	machine_id: string;
	name: string;
	is_local: boolean;
	/** Its projects here (active ones), and the invocations stored under them. */
	projects: number;
	invocations: number;
	/** When it last pushed: this machine's own pushes, the manifest's time for a pulled one. */
	last_push_at: string | null;
}

export interface MachinesReport {
	machines: Machine[];
}

/**
 * When this database last took a new machine id (`machines --new-id`): settings `split:<old id>`
 * hold the instant of each. What it held then stays the old id's (that id's folder pushes it), so
 * a push sends only what was invoked from the last split on, and a pull of an old id's folder only
 * what that machine invoked after its split: no invocation counted twice, here or by other pullers.
 */
export const SPLIT_KEY = 'split:';
export const SPLIT_AT = `coalesce((SELECT max(value::TIMESTAMPTZ) FROM settings WHERE starts_with(key, '${SPLIT_KEY}')), '-infinity'::TIMESTAMPTZ)`;

/** The local machine goes by the host name until a name is set. */
const NAME = `coalesce(m.name, $host)`;

export async function listMachines(database: Database): Promise<Machine[]> {
	return database.all<Machine & Record<string, unknown>>(
		`SELECT m.machine_id, ${NAME} AS name, m.machine_id = ${LOCAL_MACHINE} AS is_local,
			(SELECT count(*) FROM projects p WHERE p.machine_id = m.machine_id AND p.is_active)::INTEGER AS projects,
			(SELECT count(*) FROM skill_usage u JOIN projects p USING (project_id) WHERE p.machine_id = m.machine_id)::INTEGER AS invocations,
			iso(m.pushed_at) AS last_push_at
		FROM machines m
		ORDER BY is_local DESC, name, m.machine_id`,
		{host: os.hostname()},
	);
}

export async function localMachine(database: Database): Promise<{machine_id: string; name: string}> {
	const row = await database.one<{machine_id: string; name: string}>(
		`SELECT m.machine_id, ${NAME} AS name FROM machines m WHERE m.machine_id = ${LOCAL_MACHINE}`,
		{host: os.hostname()},
	);
	if (!row) throw new Error('this database has no machine id (schema version 5 makes one)');
	return row;
}

export async function setLocalName(database: Database, name: string): Promise<void> {
	await database.run(`UPDATE machines SET name = $name WHERE machine_id = ${LOCAL_MACHINE}`, {name});
}

/** The machine ids this database had before a split, with the instant of each (`split:<id>`). */
export async function splitMachines(database: Database): Promise<Map<string, string>> {
	const rows = await database.all<{id: string; at: string}>(
		`SELECT substr(key, ${SPLIT_KEY.length + 1}) AS id, iso(value::TIMESTAMPTZ) AS at FROM settings WHERE starts_with(key, '${SPLIT_KEY}')`,
	);
	return new Map(rows.map(row => [row.id, row.at]));
}

/**
 * A new machine id for this database (`machines --new-id`: a copy of another machine's database
 * must not push as it), its own projects with it. What it holds up to `at` stays the old id's:
 * that id's folder (pushed by the database that keeps it) has it, so this one pushes only what is
 * invoked from `at` on, and pulls of the old id only what was invoked there from `at` on (SPLIT_AT).
 * Moving the history along instead had two folders hold it, and every puller counted it twice.
 */
export async function renewLocalId(database: Database, at: Date): Promise<{old_id: string; machine_id: string; split_at: string}> {
	const old = (await localMachine(database)).machine_id;
	const fresh = randomUUID();
	const splitAt = at.toISOString();
	await database.transaction(async () => {
		await database.run(`INSERT INTO machines (machine_id, name) SELECT $fresh, name FROM machines WHERE machine_id = $old`, {fresh, old});
		await database.run(`UPDATE projects SET machine_id = $fresh WHERE machine_id = $old`, {fresh, old});
		await database.run(`UPDATE settings SET value = $fresh WHERE key = 'machine_id'`, {fresh});
		await database.run(`DELETE FROM machines WHERE machine_id = $old`, {old});
		await database.run(`INSERT INTO settings VALUES ($key, $at) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, {key: `${SPLIT_KEY}${old}`, at: splitAt});
	});
	return {old_id: old, machine_id: fresh, split_at: splitAt};
}

/** A machine named the way a user would: its id, an id prefix of 4+ characters, or its name. */
export async function findMachine(database: Database, reference: string): Promise<Machine> {
	const machines = await listMachines(database);
	const exact = machines.filter(machine => machine.machine_id === reference);
	if (exact.length === 1) return exact[0]!;
	const matches = machines.filter(machine => machine.name === reference || (reference.length >= 4 && machine.machine_id.startsWith(reference)));
	if (matches.length === 1) return matches[0]!;
	if (matches.length > 1) {
		throw new UsageError(`"${reference}" names ${matches.length} machines: ${matches.map(m => `${m.name} (${m.machine_id})`).join(', ')}; use the id`);
	}

	throw new UsageError(`no machine "${reference}" (known: ${machines.map(machine => machine.name).join(', ')})`);
}

/** How the explorer names a machine as its scope, beside project ids: `machine:<id>`. */
export const MACHINE_SCOPE = 'machine:';

/**
 * The machines the explorer's scope cycles through, after "all" and before the projects: none
 * when this database holds one machine only (one query, no counting).
 */
export async function machineScopes(database: Database): Promise<Array<{id: string; name: string}>> {
	const rows = await database.all<{machine_id: string; name: string}>(
		`SELECT m.machine_id, ${NAME} AS name FROM machines m ORDER BY m.machine_id <> ${LOCAL_MACHINE}, name, m.machine_id`,
		{host: os.hostname()},
	);
	return rows.length > 1 ? rows.map(row => ({id: `${MACHINE_SCOPE}${row.machine_id}`, name: row.name})) : [];
}

/** What the explorer's scope key cycles through after "all": each machine (when several), then each active project. */
export async function scopeCycle(database: Database): Promise<string[]> {
	const projects = await listProjects(database, {activeOnly: true, counts: false});
	return [...(await machineScopes(database)).map(machine => machine.id), ...projects.map(project => project.project_id)];
}

/** A scope id of the explorer (null, a project id, or `machine:<id>`) as a query's scope. */
export async function scopeOfId(database: Database, id: string | null): Promise<Scope> {
	if (id === null) return {};
	if (!id.startsWith(MACHINE_SCOPE)) return {project: await findProjectById(database, id)};
	const machineId = id.slice(MACHINE_SCOPE.length);
	const row = await database.one<ScopeMachine & Record<string, unknown>>(`SELECT m.machine_id, ${NAME} AS name FROM machines m WHERE m.machine_id = $id`, {id: machineId, host: os.hostname()});
	if (!row) throw new UsageError(`no machine with id ${machineId}`);
	return {machine: row};
}
