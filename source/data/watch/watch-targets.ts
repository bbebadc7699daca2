import {readdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {SOURCE_SPECS} from '../../formats/trackers/sources.js';
import type {Database} from '../store/database.js';
import {listProjects} from '../registry/registry.js';

/** What live collection follows: the transcript tree, and the metrics files of this machine's active projects (pulled ones have no files here). */
export interface WatchTargets {
	/** `<claude root>/projects`, when transcripts are read. */
	tree?: string;
	/** Every metrics file an active project may hold, present or not (formats.md's paths). */
	files: string[];
}

export async function watchTargets(database: Database, claudeRoot: string | undefined): Promise<WatchTargets> {
	const projects = await listProjects(database, {activeOnly: true, counts: false, local: true});
	return {
		...(claudeRoot ? {tree: path.join(claudeRoot, 'projects')} : {}),
		files: projects.flatMap(project => SOURCE_SPECS.map(spec => path.join(project.project_path, spec.relativePath))),
	};
}

function folders(directory: string): string[] {
	try {
		return readdirSync(directory, {withFileTypes: true}).filter(entry => entry.isDirectory()).map(entry => path.join(directory, entry.name));
	} catch {
		return [];
	}
}

/**
 * The folders of the transcript tree where sessions and subagents appear (transcripts.md): the
 * tree, its project folders, their session folders and those's `subagents/`. `tool-results/` and
 * anything deeper never hold a transcript.
 */
export function treeFolders(tree: string): string[] {
	const found = [tree];
	for (const project of folders(tree)) {
		found.push(project);
		for (const session of folders(project)) {
			if (path.basename(session) === 'tool-results') continue;
			found.push(session);
			const subagents = path.join(session, 'subagents');
			if (folders(session).includes(subagents)) found.push(subagents);
		}
	}

	return found;
}

/** The inode of a folder, or undefined when it is not one (any more). */
export function folderIdentity(directory: string): number | undefined {
	try {
		const info = statSync(directory);
		return info.isDirectory() ? info.ino : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Which folder to watch for each target and which names in it matter: a file's own folder, or,
 * while that is missing, the nearest folder above that exists (its creation is the change).
 * The tree's folders are watched whole (`'tree'`).
 */
export function watchPlan(targets: WatchTargets): Map<string, Set<string> | 'tree'> {
	const plan = new Map<string, Set<string> | 'tree'>();
	// A metrics file's folder, then its project; the tree's parent (the Claude root), then the root's
	// parent, no higher: a project gone from disk has nothing to watch, but a Claude root deleted and
	// made again (issue 22, D14) is seen coming back.
	const missing = targets.files.map(file => ({target: file, levels: 2}));
	if (targets.tree && folderIdentity(targets.tree) !== undefined) {
		for (const folder of treeFolders(targets.tree)) plan.set(folder, 'tree');
	} else if (targets.tree) {
		missing.push({target: targets.tree, levels: 2});
	}

	for (const {target, levels} of missing) {
		let child = target;
		for (let level = 0; level < levels; level++, child = path.dirname(child)) {
			const parent = path.dirname(child);
			if (folderIdentity(parent) === undefined) continue;
			const names = plan.get(parent);
			if (names !== 'tree') plan.set(parent, (names ?? new Set()).add(path.basename(child)));
			break;
		}
	}

	return plan;
}
