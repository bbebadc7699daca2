import {DEFAULT_READ_LIMITS, type ReadLimits} from '../../formats/limits.js';
import {stat} from 'node:fs/promises';
import {isInside, listTranscriptFiles} from '../../formats/transcripts/files.js';
import {readTranscript} from '../../formats/transcripts/reader.js';
import type {Database} from '../store/database.js';
import {listProjects} from '../registry/registry.js';

/** A launch directory (or a group of them) found in transcripts: `skillscope discover`. */
export interface DiscoveredProject {
	path: string;
	sessions: number;
	invocations: number;
	first_seen: string | null;
	last_seen: string | null;
	/** An active registered project at this path. */
	registered: boolean;
	/** Registered once and then unregistered: `register --discovered` leaves it so. */
	unregistered: boolean;
	exists: boolean;
}

export interface Discovery {
	claude_dir: string;
	projects: DiscoveredProject[];
	/** Files that could not be read, with why; the others were still counted. */
	problems: Array<{file: string; message: string}>;
}

interface Group {
	sessions: Set<string>;
	keys: Set<string>;
	firstMs: number;
	lastMs: number;
}

/**
 * Every launch directory in the transcripts under `root`, grouped under the outermost one that is
 * itself a launch directory or a registered project (transcripts.md), with its sessions and
 * invocations (copies counted once). Reads the files; stores nothing.
 */
export async function discoverProjects(database: Database, root: string, limits: ReadLimits = DEFAULT_READ_LIMITS): Promise<Discovery> {
	const projects = await listProjects(database, {counts: false});
	const problems: Discovery['problems'] = [];
	const launches: Array<{cwd: string; sessionId: string | null; subagent: boolean; keys: string[]; firstMs: number | null; lastMs: number | null}> = [];
	for (const file of await listTranscriptFiles(root)) {
		if (file.problem) {
			problems.push({file: file.path, message: `${file.path}: ${file.problem}`});
			continue;
		}

		try {
			// One read gives the launch directory (its first lines) and the invocations.
			const read = await readTranscript(file.path, {fromOffset: 0, fromLine: 0, subagent: file.subagent, maxLineBytes: limits.maxLineBytes});
			if (read.cwd === null) continue;
			launches.push({
				cwd: read.cwd,
				sessionId: read.sessionId,
				subagent: file.subagent,
				keys: read.invocations.map(invocation => invocation.key),
				firstMs: read.firstTimestampMs,
				lastMs: read.lastTimestampMs,
			});
		} catch (error) {
			problems.push({file: file.path, message: `${file.path}: cannot be read: ${(error as Error).message}`});
		}
	}

	const anchors = [...new Set([...launches.map(launch => launch.cwd), ...projects.map(project => project.project_path)])].sort((a, b) => a.length - b.length);
	const groups = new Map<string, Group>();
	for (const launch of launches) {
		const anchor = anchors.find(candidate => isInside(launch.cwd, candidate)) ?? launch.cwd;
		let group = groups.get(anchor);
		if (!group) {
			group = {sessions: new Set(), keys: new Set(), firstMs: Number.POSITIVE_INFINITY, lastMs: Number.NEGATIVE_INFINITY};
			groups.set(anchor, group);
		}

		if (!launch.subagent && launch.sessionId !== null) group.sessions.add(launch.sessionId);
		for (const key of launch.keys) group.keys.add(key);
		if (launch.firstMs !== null) group.firstMs = Math.min(group.firstMs, launch.firstMs);
		if (launch.lastMs !== null) group.lastMs = Math.max(group.lastMs, launch.lastMs);
	}

	const byPath = new Map(projects.map(project => [project.project_path, project]));
	const discovered: DiscoveredProject[] = [];
	for (const [directory, group] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
		const project = byPath.get(directory);
		discovered.push({
			path: directory,
			sessions: group.sessions.size,
			invocations: group.keys.size,
			first_seen: Number.isFinite(group.firstMs) ? new Date(group.firstMs).toISOString() : null,
			last_seen: Number.isFinite(group.lastMs) ? new Date(group.lastMs).toISOString() : null,
			registered: project?.is_active ?? false,
			unregistered: project !== undefined && !project.is_active,
			exists: await stat(directory).then(info => info.isDirectory(), () => false),
		});
	}

	return {claude_dir: root, projects: discovered, problems};
}
