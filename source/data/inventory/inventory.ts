import {type InstalledFile, type InstalledKind, type InstalledScope, listInstalled, type SkillProblem, type SourceProblem} from '../../formats/skills/files.js';
import type {Database} from '../store/database.js';
import {type ExposureColumns, exposureOfFiles, type RecordedListings, recordedListings} from './listings.js';
import {charCount, LISTING_BUDGET, listingChars, markSameNames, type SkillState, stateOf} from './rules.js';
import {projectFilter} from '../queries/scope.js';
import {listProjects, type Project} from '../registry/registry.js';

/*
 * What is installed joined with what is used (issue 13): `skillscope skills`. The skill folders
 * are read (read-only) on every call; nothing of them is stored.
 */

/** An installed entry, its use, and what the recorded listings say of it (issue 21: the exposure columns). */
export interface InventorySkill extends ExposureColumns {
	skill_name: string;
	kind: InstalledKind;
	scope: InstalledScope;
	plugin: string | null;
	path: string;
	description_chars: number;
	invocations: number;
	last_used: string | null;
	state: SkillState;
	problems: SkillProblem[];
	/** The model may call it (no `disable-model-invocation: true`). */
	model_invocable: boolean;
	/** Its text runs commands (`` !`…` ``) when loaded: it changes at every use (outcomes.md: dynamic). */
	runs_commands: boolean;
}

export interface NotInstalled {
	skill_name: string;
	invocations: number;
	last_used: string | null;
	unknown_skill_errors: number;
}

export interface Inventory {
	skills: InventorySkill[];
	not_installed: NotInstalled[];
	listing_chars: number;
	listing_budget: number;
	/** The listing as the model met it: the latest sessions that recorded one, and the descriptions cut there. */
	listings: RecordedListings;
	/** Files that could not be read at all (installed_plugins.json, a folder); the rest was listed. */
	problems: SourceProblem[];
}

export interface InventoryOptions {
	/** The Claude Code root. */
	root: string;
	now: Date;
	/** Only this project: its skills beside the user and plugin ones, and its invocations only. */
	project?: Project;
	state?: SkillState;
	scope?: InstalledScope;
}

interface Usage {
	project_id: string;
	skill_name: string;
	invocations: number;
	last_used: string | null;
	unknown_skill_errors: number;
}

/** Invocations per project and name, of the active projects (or the one asked for). */
async function usageRows(database: Database, project: Project | undefined): Promise<Usage[]> {
	const filter = projectFilter({project}, 'u');
	return database.all<Usage & Record<string, unknown>>(
		`SELECT u.project_id, u.skill_name, count(*)::INTEGER AS invocations, iso(max(u.invoked_at)) AS last_used,
			count(*) FILTER (WHERE u.error_type = $unknown)::INTEGER AS unknown_skill_errors
		FROM skill_usage u WHERE ${filter.sql} GROUP BY u.project_id, u.skill_name`,
		{...filter.params, unknown: 'unknown_skill'},
	);
}

function addUp(rows: readonly Usage[]): Omit<Usage, 'project_id'> {
	let last: string | null = null;
	for (const row of rows) if (row.last_used !== null && (last === null || row.last_used > last)) last = row.last_used;
	return {
		skill_name: rows[0]?.skill_name ?? '',
		invocations: rows.reduce((sum, row) => sum + row.invocations, 0),
		last_used: last,
		unknown_skill_errors: rows.reduce((sum, row) => sum + row.unknown_skill_errors, 0),
	};
}

const SCOPE_ORDER = {user: 0, plugin: 1, project: 2} as const;
const byPlace = (a: InstalledFile, b: InstalledFile) =>
	SCOPE_ORDER[a.scope] - SCOPE_ORDER[b.scope] || a.skill_name.localeCompare(b.skill_name) || a.kind.localeCompare(b.kind) || a.path.localeCompare(b.path);

export async function skillInventory(database: Database, options: InventoryOptions): Promise<Inventory> {
	const projects = options.project ? [options.project] : await listProjects(database, {activeOnly: true, counts: false, local: true});
	const installed = await listInstalled(options.root, projects.map(project => ({key: project.project_id, path: project.project_path})));
	const names = new Map(projects.map(project => [project.project_id, project.project_name]));
	markSameNames(installed.files, key => names.get(key) ?? key);

	const usage = await usageRows(database, options.project);
	const exposureOf = await exposureOfFiles(database, projects, options.project, new Set(installed.files.flatMap(file => (file.scope === 'project' && file.project ? [file.project] : []))));
	const byName = new Map<string, Usage[]>();
	for (const row of usage) byName.set(row.skill_name, [...(byName.get(row.skill_name) ?? []), row]);
	const skills = installed.files.toSorted(byPlace).map((file): InventorySkill => {
		const rows = (byName.get(file.skill_name) ?? []).filter(row => file.scope !== 'project' || row.project_id === file.project);
		const used = addUp(rows);
		const exposure = exposureOf(file);
		return {
			skill_name: file.skill_name,
			kind: file.kind,
			scope: file.scope,
			plugin: file.plugin,
			path: file.path,
			description_chars: charCount(file.description),
			invocations: used.invocations,
			last_used: used.last_used,
			state: stateOf(used.invocations, used.last_used, options.now, exposure),
			problems: file.problems,
			model_invocable: file.model_invocable,
			runs_commands: file.runs_commands,
			...exposure,
		};
	});

	const installedNames = new Set(installed.files.map(file => file.skill_name));
	const notInstalled = [...byName.entries()]
		.filter(([name]) => !installedNames.has(name))
		.map(([, rows]) => addUp(rows))
		.sort((a, b) => b.invocations - a.invocations || a.skill_name.localeCompare(b.skill_name));
	return {
		skills: skills.filter(skill => (options.state === undefined || skill.state === options.state) && (options.scope === undefined || skill.scope === options.scope)),
		not_installed: notInstalled,
		listing_chars: listingChars(installed.files),
		listing_budget: LISTING_BUDGET,
		listings: await recordedListings(database, options.project),
		problems: installed.problems,
	};
}

/** What the installed files of one name say of it (outcomes.md's first dynamic rule); none without a Claude Code root. */
export interface InstalledTraits {
	installed: boolean;
	/** One of its files runs commands (`` !`…` ``) when loaded. */
	runsCommands: boolean;
}

export async function installedTraits(database: Database, root: string | undefined, skillName: string): Promise<InstalledTraits> {
	if (root === undefined) return {installed: false, runsCommands: false};
	const projects = await listProjects(database, {activeOnly: true, counts: false, local: true});
	const installed = await listInstalled(root, projects.map(project => ({key: project.project_id, path: project.project_path})));
	const files = installed.files.filter(file => file.skill_name === skillName);
	return {installed: files.length > 0, runsCommands: files.some(file => file.runs_commands)};
}
