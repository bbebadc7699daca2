import {listValue} from '../store/duckdb.js';
import {realpath, stat} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {projectIdForPath} from '../../domain/project-id.js';
import {projectPlace} from '../../domain/project-place.js';
import {projectOfLaunch} from '../../formats/transcripts/files.js';
import {UsageError} from '../../errors.js';
import type {Database} from '../store/database.js';
import {deleteProjectRows} from '../store/project-rows.js';
import {markDataChanged} from '../store/settings.js';

export interface Project {
	project_id: string;
	project_name: string;
	project_type: string;
	project_path: string;
	registered_at: string;
	last_sync_at: string | null;
	is_active: boolean;
	last_error_count: number;
	last_error: string | null;
	invocations: number;
	/** The machine whose project this is: this one's, or one pulled from a lake. */
	machine_id: string;
	machine_name: string;
}


/** Any spelling of a directory (relative, with `..`, through a link) resolves to one project. */
export async function resolveProjectPath(input: string): Promise<string> {
	const absolute = path.resolve(input);
	let info: Awaited<ReturnType<typeof stat>>;
	try {
		info = await stat(absolute);
	} catch {
		throw new UsageError(`${absolute}: no such directory`);
	}

	if (!info.isDirectory()) throw new UsageError(`${absolute}: not a directory (register a project's directory, not a file)`);
	return realpath(absolute);
}

/** The id of this database's machine (migrations/v5-machines.ts), as SQL. */
export const LOCAL_MACHINE = `(SELECT value FROM settings WHERE key = 'machine_id')`;

/** The name of the machine of project `p`: the local one goes by the host name ($host) until named. */
export const MACHINE_NAME = `(SELECT coalesce(m.name, $host) FROM machines m WHERE m.machine_id = p.machine_id)`;
/** A project's path as its machine knows it: a pulled one is stored under `<machine id>:<path>` (domain/project-place.ts). */
export const OWN_PATH = `CASE WHEN starts_with(p.project_path, p.machine_id || ':') THEN p.project_path[length(p.machine_id) + 2:] ELSE p.project_path END`;
export const hostParam = () => ({host: os.hostname()});

const PROJECT_FIELDS = `
	p.project_id, p.project_name, p.project_type, p.project_path,
	iso(p.registered_at) AS registered_at, iso(p.last_sync_at) AS last_sync_at,
	p.is_active, p.last_error_count, p.last_error, p.machine_id, ${MACHINE_NAME} AS machine_name`;
const PROJECT_COLUMNS = `${PROJECT_FIELDS},
	(SELECT count(*) FROM skill_usage u WHERE u.project_id = p.project_id)::INTEGER AS invocations`;

export async function registerProject(
	database: Database,
	input: string,
	options: {name?: string; type?: string} = {},
): Promise<{project: Project; created: boolean}> {
	const projectPath = await resolveProjectPath(input);
	const projectId = projectIdForPath(projectPath);
	const existing = await database.one(`SELECT 1 FROM projects WHERE project_id = $id`, {id: projectId});
	const name = options.name?.trim() || (existing ? undefined : path.basename(projectPath) || projectPath);
	await database.run(
		`INSERT INTO projects (project_id, project_path, project_name, project_type, registered_at, is_active, machine_id, origin_project_id)
		 VALUES ($id, $path, $name, $type, now(), TRUE, ${LOCAL_MACHINE}, $id)
		 ON CONFLICT (project_id) DO UPDATE SET
			project_name = COALESCE($given_name, projects.project_name),
			project_type = COALESCE($given_type, projects.project_type),
			is_active = TRUE`,
		{
			id: projectId,
			path: projectPath,
			name: name ?? path.basename(projectPath),
			type: options.type?.trim() || 'unknown',
			// eslint-disable-next-line @typescript-eslint/naming-convention
			given_name: options.name?.trim() || null,
			// eslint-disable-next-line @typescript-eslint/naming-convention
			given_type: options.type?.trim() || null,
		},
	);
	// Reactivating a project changes the cross-project figures.
	await markDataChanged(database);
	const project = await getProject(database, projectId);
	if (!project) throw new Error(`project ${projectId} vanished after registering it`);
	return {project, created: !existing};
}

/**
 * Registers launch directories found in transcripts, as Claude Code wrote them (no link is
 * resolved: the transcripts' `cwd` must fall inside the path). A path may no longer exist (a
 * deleted worktree): its history is still worth keeping. A project already known is left as it
 * is: one that was unregistered stays inactive, for the user said no.
 */
export async function registerDiscovered(database: Database, paths: readonly string[]): Promise<Project[]> {
	const wanted = new Map<string, string>();
	for (const given of paths) {
		const projectPath = given.length > 1 ? given.replace(/[/\\]+$/, '') : given;
		wanted.set(projectIdForPath(projectPath), projectPath);
	}

	if (wanted.size === 0) return [];
	const ids = [...wanted.keys()];
	const added = await database.transaction(async () => {
		// One statement for all, not a query and an insert a path: the new ones are those no row has yet.
		const fresh = await database.all<{project_id: string}>(
			`SELECT c.id AS project_id FROM (SELECT unnest($ids) AS id, unnest($paths) AS path) c
			WHERE NOT EXISTS (SELECT 1 FROM projects p WHERE p.project_id = c.id OR p.project_path = c.path)`,
			{ids: listValue(ids), paths: listValue(ids.map(id => wanted.get(id)!))},
		);
		// In the order asked for: the anti-join returns its rows in any order (a test saw them swapped).
		const isFresh = new Set(fresh.map(row => row.project_id));
		const freshIds = ids.filter(id => isFresh.has(id));
		if (freshIds.length === 0) return [];
		await database.run(
			`INSERT INTO projects (project_id, project_path, project_name, project_type, registered_at, is_active, machine_id, origin_project_id)
			 SELECT unnest($ids), unnest($paths), unnest($names), 'unknown', now(), TRUE, ${LOCAL_MACHINE}, unnest($ids)`,
			{
				ids: listValue(freshIds),
				paths: listValue(freshIds.map(id => wanted.get(id)!)),
				names: listValue(freshIds.map(id => path.basename(wanted.get(id)!) || wanted.get(id)!)),
			},
		);
		return freshIds;
	});
	if (added.length === 0) return [];
	await markDataChanged(database);
	const projects = await database.all<Project & Record<string, unknown>>(
		`SELECT ${PROJECT_COLUMNS} FROM projects p WHERE list_contains($ids, p.project_id)`,
		{ids: listValue(added), ...hostParam()},
	);
	// In the order they were asked for.
	return added.map(id => projects.find(project => project.project_id === id)!);
}

export async function getProject(database: Database, projectId: string): Promise<Project | undefined> {
	return database.one<Project & Record<string, unknown>>(`SELECT ${PROJECT_COLUMNS} FROM projects p WHERE p.project_id = $id`, {id: projectId, ...hostParam()});
}

export async function findProjectById(database: Database, projectId: string): Promise<Project> {
	const project = await getProject(database, projectId);
	if (!project) throw new UsageError(`no registered project with id ${projectId}`);
	return project;
}

/**
 * `counts: false` skips counting each project's rows (a scan of skill_usage): `invocations` is
 * then -1. The collector, which does not show them, lists projects that way.
 */
export async function listProjects(database: Database, options: {activeOnly?: boolean; counts?: boolean; local?: boolean} = {}): Promise<Project[]> {
	const columns = options.counts === false ? `${PROJECT_FIELDS}, -1 AS invocations` : PROJECT_COLUMNS;
	// `local`: the projects of this machine, the only ones with a directory here to read.
	const where = [options.activeOnly && 'p.is_active', options.local && `p.machine_id = ${LOCAL_MACHINE}`].filter(Boolean);
	return database.all<Project & Record<string, unknown>>(
		`SELECT ${columns} FROM projects p ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY p.project_name, p.project_path`,
		hostParam(),
	);
}

/**
 * A project named the way a user would: id, id prefix, name, or its directory (any spelling).
 * Ambiguity is a usage error listing the candidates, never a guess.
 */
export async function findProject(database: Database, reference: string, machineId?: string, options: {inside?: boolean} = {}): Promise<Project> {
	const all = await listProjects(database);
	const projects = machineId === undefined ? all : all.filter(project => project.machine_id === machineId);
	const byId = projects.filter(project => project.project_id === reference);
	if (byId.length === 1) return byId[0]!;
	let resolvedPath: string | undefined;
	try {
		resolvedPath = await realpath(path.resolve(reference));
	} catch {
		// The directory may be gone (a deleted project is what one unregisters): its path as written.
		resolvedPath = path.resolve(reference);
	}

	const matches = projects.filter(
		project =>
			project.project_name === reference
			|| (reference.length >= 4 && project.project_id.startsWith(reference))
			|| (resolvedPath !== undefined && project.project_path === resolvedPath),
	);
	if (matches.length === 1) return matches[0]!;
	if (matches.length > 1) {
		throw new UsageError(`"${reference}" names ${matches.length} projects: ${matches.map(p => `${p.project_name} (${p.project_id})`).join(', ')}; use the id`);
	}

	const known = projects.map(project => project.project_name).join(', ') || 'none registered';
	if (options.inside) {
		const holder = projectHolding(projects, [resolvedPath, path.resolve(reference)]);
		if (holder) return holder;
		throw new UsageError(`no registered project "${reference}" and none holds ${resolvedPath} (known: ${known})`);
	}

	throw new UsageError(`no registered project "${reference}" (known: ${known})`);
}

/**
 * `inside`: a directory within a project's names it too, the longest project path that holds it
 * winning, as a transcript's launch directory is assigned (transcripts.md): `collect <dir>` and the
 * plugin's hook, whose session may have been started in `repo/packages/core`. The directory is
 * tried as given and through its links, since registered paths are resolved and discovered ones
 * are as Claude Code wrote them.
 */
function projectHolding(projects: readonly Project[], directories: readonly string[]): Project | undefined {
	const local = projects.filter(project => projectPlace(project).local);
	for (const directory of directories) {
		const holder = projectOfLaunch(directory, local);
		if (holder) return holder;
	}

	return undefined;
}

export async function unregisterProject(database: Database, reference: string, options: {purge?: boolean} = {}): Promise<{project: Project; deletedRows: number}> {
	const project = await findProject(database, reference);
	let deletedRows = 0;
	await database.transaction(async () => {
		if (options.purge) {
			deletedRows = project.invocations;
			await deleteProjectRows(database, [project.project_id]);
			await database.run(`DELETE FROM projects WHERE project_id = $id`, {id: project.project_id});
		} else {
			await database.run(`UPDATE projects SET is_active = FALSE WHERE project_id = $id`, {id: project.project_id});
		}
	});
	await markDataChanged(database);
	return {project, deletedRows};
}

/** Free-form JSON kept with a project (the design's `metadata`); null clears it. */
export async function setProjectMetadata(database: Database, projectId: string, metadata: Record<string, unknown> | null): Promise<void> {
	await database.run(`UPDATE projects SET metadata = $metadata::JSON WHERE project_id = $id`, {
		id: projectId,
		metadata: metadata === null ? null : JSON.stringify(metadata),
	});
}

export async function projectMetadata(database: Database, projectId: string): Promise<Record<string, unknown> | null> {
	const row = await database.one<{metadata: string | null}>(`SELECT metadata::VARCHAR AS metadata FROM projects WHERE project_id = $id`, {id: projectId});
	return row?.metadata ? (JSON.parse(row.metadata) as Record<string, unknown>) : null;
}
