import {readdir, readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import {parseFrontmatter, textField} from './frontmatter.js';
import {readInstalledPlugins, type SourceProblem} from './plugins.js';

export type {SourceProblem} from './plugins.js';

/*
 * The skills and commands installed for Claude Code, read-only (nothing is written, renamed or
 * locked): `<root>/skills/<dir>/SKILL.md`, the skills and commands of the plugins listed in
 * `<root>/plugins/installed_plugins.json`, `<project>/.claude/skills/<dir>/SKILL.md`, and the
 * commands `<root>/commands/*.md` and `<project>/.claude/commands/*.md`.
 */

export type InstalledKind = 'skill' | 'command';
export type InstalledScope = 'user' | 'plugin' | 'project';

export type FileProblemType = 'no_frontmatter' | 'malformed_frontmatter' | 'no_description' | 'name_differs_from_folder' | 'too_long' | 'unreadable';

export interface SkillProblem {
	type: FileProblemType | 'same_name';
	message: string;
}

export interface InstalledFile {
	skill_name: string;
	kind: InstalledKind;
	scope: InstalledScope;
	plugin: string | null;
	/** The SKILL.md or command file. */
	path: string;
	/** The key of the project it belongs to (project scope), as the caller passed it. */
	project: string | null;
	description: string | null;
	lines: number;
	problems: SkillProblem[];
	/** Its text runs shell commands (`` !`…` ``) when loaded, so it changes at every use (outcomes.md: dynamic). */
	runs_commands: boolean;
	/** The model may call it: no `disable-model-invocation: true` in its frontmatter. */
	model_invocable: boolean;
}

export interface Installed {
	files: InstalledFile[];
	problems: SourceProblem[];
}

/** Past this, Claude Code's guidance says to split the skill (its body is loaded whole on use). */
export const MAX_SKILL_LINES = 500;
/** A skill file bigger than this is not read into memory. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

interface Place {
	scope: InstalledScope;
	plugin: string | null;
	project: string | null;
}

export async function listInstalled(root: string, projects: ReadonlyArray<{key: string; path: string}>): Promise<Installed> {
	const found: Installed = {files: [], problems: []};
	const user: Place = {scope: 'user', plugin: null, project: null};
	await readSkillsDir(path.join(root, 'skills'), user, found);
	await readCommandsDir(path.join(root, 'commands'), user, found);
	const plugins = await readInstalledPlugins(path.join(root, 'plugins', 'installed_plugins.json'));
	found.problems.push(...plugins.problems);
	for (const plugin of plugins.plugins) {
		if (!(await isDirectory(plugin.installPath))) {
			found.problems.push({file: plugin.installPath, message: `${plugin.installPath}: the install directory of plugin ${plugin.key} is missing`});
			continue;
		}

		const place: Place = {scope: 'plugin', plugin: plugin.name, project: null};
		await readSkillsDir(path.join(plugin.installPath, 'skills'), place, found);
		await readCommandsDir(path.join(plugin.installPath, 'commands'), place, found);
	}

	for (const project of projects) {
		if (!(await isDirectory(project.path))) continue;
		const place: Place = {scope: 'project', plugin: null, project: project.key};
		await readSkillsDir(path.join(project.path, '.claude', 'skills'), place, found);
		await readCommandsDir(path.join(project.path, '.claude', 'commands'), place, found);
	}

	return found;
}

const isDirectory = async (directory: string) => stat(directory).then(info => info.isDirectory(), () => false);

/** The entries of a directory; an absent one is none, an unreadable one a problem. */
async function entriesOf(directory: string, found: Installed): Promise<string[]> {
	try {
		return (await readdir(directory)).filter(name => !name.startsWith('.')).sort();
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code !== 'ENOENT' && code !== 'ENOTDIR') found.problems.push({file: directory, message: `${directory}: cannot be listed: ${(error as Error).message}`});
		return [];
	}
}

async function readSkillsDir(directory: string, place: Place, found: Installed): Promise<void> {
	for (const folder of await entriesOf(directory, found)) {
		const file = path.join(directory, folder, 'SKILL.md');
		// A folder without SKILL.md is not a skill (Claude Code skips it too).
		if (!(await stat(file).then(info => info.isFile(), () => false))) continue;
		found.files.push(await readSkillFile(file, folder, 'skill', place));
	}
}

async function readCommandsDir(directory: string, place: Place, found: Installed): Promise<void> {
	for (const name of await entriesOf(directory, found)) {
		if (!name.endsWith('.md')) continue;
		const file = path.join(directory, name);
		if (!(await stat(file).then(info => info.isFile(), () => false))) continue;
		found.files.push(await readSkillFile(file, name.slice(0, -'.md'.length), 'command', place));
	}
}

async function readSkillFile(file: string, folder: string, kind: InstalledKind, place: Place): Promise<InstalledFile> {
	const named = (name: string) => (place.plugin === null ? name : `${place.plugin}:${name}`);
	const entry: InstalledFile = {skill_name: named(folder), kind, ...place, path: file, description: null, lines: 0, problems: [], runs_commands: false, model_invocable: true};
	let text: string;
	try {
		const size = (await stat(file)).size;
		if (size > MAX_FILE_BYTES) throw new Error(`${size} bytes, over ${MAX_FILE_BYTES}: not read`);
		text = await readFile(file, 'utf8');
	} catch (error) {
		entry.problems.push({type: 'unreadable', message: `cannot be read: ${(error as Error).message}`});
		return entry;
	}

	entry.lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
	const frontmatter = parseFrontmatter(text);
	const name = textField(frontmatter.fields, 'name')?.trim() ?? null;
	if (name !== null) entry.skill_name = named(name);
	entry.description = textField(frontmatter.fields, 'description');
	entry.runs_commands = text.includes('!`');
	entry.model_invocable = textField(frontmatter.fields, 'disable-model-invocation')?.trim().toLowerCase() !== 'true';
	const what = kind === 'skill' ? 'folder' : 'file';
	if (!frontmatter.found) entry.problems.push({type: 'no_frontmatter', message: 'no frontmatter (a "---" block with name and description at the top)'});
	if (frontmatter.malformed !== null) entry.problems.push({type: 'malformed_frontmatter', message: `malformed frontmatter, ${frontmatter.malformed}`});
	if (entry.description === null) entry.problems.push({type: 'no_description', message: 'no description: the model cannot tell when to use it'});
	if (name !== null && name !== folder) entry.problems.push({type: 'name_differs_from_folder', message: `named "${name}" but its ${what} is "${folder}"`});
	if (entry.lines > MAX_SKILL_LINES) entry.problems.push({type: 'too_long', message: `${entry.lines} lines, over ${MAX_SKILL_LINES}: split it into referenced files`});
	return entry;
}
