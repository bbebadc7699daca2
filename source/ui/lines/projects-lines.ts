import type {DiscoveredProject} from '../../data/transcripts/discovery.js';
import type {Project} from '../../data/registry/registry.js';
import {formatCount, formatInstant, middleCut, truncate} from '../../domain/format.js';
import {fitPaths, homePath, projectLabels} from '../../domain/fit/paths.js';
import {visible} from '../../domain/terminal-text.js';
import {projectPlace} from '../../domain/project-place.js';
import type {TableRow} from '../table-lines.js';
import type {ConfirmId} from '../state.js';

/** Below this width the table leaves out the type and shows the last error as a count. */
export const WIDE_PROJECTS = 100;

/** One path alone, cut in its middle: its start (`~` for home) and its last folders stay. */
export function shortenPath(path: string, width: number, home?: string): string {
	return fitPaths([path], width, home)[0]!;
}

/** After the path of a project whose directory is gone. */
const MISSING = ' (missing)';

/** The registry's table rows: at 80 columns it fits the screen instead of wrapping. */
export function projectRows(projects: readonly Project[], width: number, zone: string, home?: string, missing?: ReadonlySet<string>): TableRow[] {
	const wide = width >= WIDE_PROJECTS;
	// Two projects of one name show beside it the folder that tells them apart (issue 27): at 80
	// columns `shop (workSpace)` still fits the name's 16, and the path keeps the rest.
	const names = projectLabels(projects.map(project => ({name: project.project_name, path: projectPlace(project).path})), wide ? 28 : 16);
	// Narrow, the errors column only when a project has errors: empty, its 9 columns go to the path.
	const failing = projects.some(project => project.last_error_count > 0);
	// The path takes what the other columns leave (each is its widest cell and a space either side;
	// narrow, the marker, the borders, active, the date of the last sync and errors are 39 columns,
	// and under 70 columns the last sync gives way).
	const synced = width >= 70;
	const usesWidth = Math.max(4, ...projects.map(project => formatCount(project.invocations).length));
	const nameWidth = Math.max(4, ...names.map(name => name.length));
	const pathWidth = wide ? Math.max(16, width - 90 - Math.max(0, nameWidth - 20)) : Math.max(8, width - (synced ? 39 : 26) + (failing ? 0 : 9) - (nameWidth + 2) - (usesWidth + 2) - 1);
	// Several machines (a lake was pulled): each path says whose it is.
	const machines = new Set(projects.map(project => project.machine_id)).size > 1;
	const owners = projects.map(project => (machines ? `${visible(project.machine_name)}:` : ''));
	const afters = projects.map(project => (missing?.has(project.project_path) ? MISSING : ''));
	// The column at once, each path keeping the tail no other row ends with; the owner and
	// "(missing)" take their room from the widest of them.
	const extra = Math.max(0, ...projects.map((_, index) => owners[index]!.length + afters[index]!.length));
	const paths = fitPaths(projects.map(project => projectPlace(project).path), Math.max(4, pathWidth - extra), home);
	return projects.map((project, index) => {
		const common = {
			name: names[index]!,
			path: `${owners[index]}${paths[index]}${afters[index]}`,
			active: project.is_active ? 'yes' : 'no',
			uses: formatCount(project.invocations),
			'last sync': formatInstant(project.last_sync_at, zone),
		};
		const errors = project.last_error_count > 0 ? formatCount(project.last_error_count) : '';
		if (!wide) {
			const {'last sync': last, ...rest} = common;
			return {...rest, ...(synced ? {'last sync': last.slice(0, 10)} : {}), ...(failing ? {errors} : {})};
		}
		const {name, ...rest} = common;
		return {
			name,
			type: truncate(project.project_type, 10),
			...rest,
			'last error': project.last_error_count > 0 ? truncate(`${project.last_error_count}: ${project.last_error ?? ''}`, 24) : '',
		};
	});
}

/** What a yes/no question on a project asks, naming what it changes. */
export function confirmQuestion(confirm: ConfirmId, project: Project): string {
	if (confirm === 'purge-project') {
		return `Purge ${project.project_name}? This deletes its ${formatCount(project.invocations)} collected invocations and its aggregates; the project's own files are not touched.`;
	}

	return project.is_active
		? `Deactivate ${project.project_name}? It is left out of collection and cross-project figures; its rows stay.`
		: `Reactivate ${project.project_name}?`;
}

/** A typed directory as the registry takes it: `~` is the home directory. */
export function typedPath(text: string, home?: string): string {
	return text.trim().replace(/^~(?=\/|$)/, home ?? '~');
}

/** A directory found in transcripts and not registered (active) now. */
export type FoundRow = DiscoveredProject;

/**
 * The discovered directories to list under the registered projects: those no active project
 * holds, flagged by the registry as it is now (`projects`: a registration since the discovery
 * ran shows at once), else as the discovery saw it.
 */
export function foundRows(found: readonly DiscoveredProject[], projects: readonly Project[] | undefined): FoundRow[] {
	const byPath = projects && new Map(projects.map(project => [project.project_path, project]));
	return found.flatMap(row => {
		if (!byPath) return row.registered ? [] : [row];
		const project = byPath.get(row.path);
		if (project?.is_active) return [];
		return [{...row, registered: false, unregistered: project !== undefined}];
	});
}

/** What a found directory is: new or unregistered (the user said no), and missing when gone. */
export function foundState(row: FoundRow): string {
	return `${row.unregistered ? 'unregistered' : 'new'}${row.exists ? '' : ', missing'}`;
}

/** The found directories' table rows, fitted to the width as the registry's are. */
export function foundTableRows(rows: readonly FoundRow[], width: number, zone: string, home?: string): TableRow[] {
	const wide = width >= WIDE_PROJECTS;
	const counts = (key: 'sessions' | 'invocations') => Math.max(key === 'sessions' ? 8 : 4, ...rows.map(row => formatCount(row[key]).length));
	const stateWidth = Math.max(5, ...rows.map(row => foundState(row).length));
	const seenWidth = wide ? 16 : 10;
	// The marker, the borders and the padding take 18 columns; the path what the others leave.
	const pathWidth = Math.max(12, Math.min(60, width - 18 - counts('sessions') - counts('invocations') - seenWidth - stateWidth - 1));
	const paths = fitPaths(rows.map(row => row.path), pathWidth, home);
	return rows.map((row, index) => ({
		directory: paths[index]!,
		sessions: formatCount(row.sessions),
		uses: formatCount(row.invocations),
		'last seen': formatInstant(row.last_seen, zone).slice(0, seenWidth),
		state: foundState(row),
	}));
}

/**
 * The lines over the found directories; on a first start (nothing registered) they say what A
 * does. One line when it fits `width`, else the sentence is split where it pauses.
 */
export function foundHeading(rows: readonly FoundRow[], registered: number, root: string, width: number, home?: string): string[] {
	const fresh = rows.filter(row => !row.unregistered).length;
	const [template, keys] = registered === 0 && fresh > 0
		? [`${formatCount(fresh)} ${fresh === 1 ? 'project' : 'projects'} found in Claude Code transcripts under ROOT`, 'A registers them all']
		: ['Not registered, found in Claude Code transcripts under ROOT', 'a registers one, A all'];
	const shown = homePath(root, home);
	const line = (path: string) => `${template.replace('ROOT', path)} — ${keys}`;
	// The root takes what the words leave, cut in its middle (where it sits and what it is named
	// both show): one line that never reaches the last column, wherever the root lies.
	const room = width - 1 - line('').length;
	if (room >= 12) return [line(middleCut(shown, room))];
	return [template.replace('ROOT', shortenPath(root, Math.max(12, width - 1 - (template.length - 4)), home)), `— ${keys}`];
}

/** The question before A: how many, how many are gone, and that an unregistered one stays so. */
export function registerAllQuestion(rows: readonly FoundRow[]): string {
	const fresh = rows.filter(row => !row.unregistered);
	const missing = fresh.filter(row => !row.exists).length;
	const kept = rows.length - fresh.length;
	return [
		`Register ${formatCount(fresh.length)} ${fresh.length === 1 ? 'directory' : 'directories'} found in transcripts`,
		missing > 0 ? ` (${formatCount(missing)} missing)` : '',
		kept > 0 ? `; ${formatCount(kept)} unregistered stay so` : '',
		'?',
	].join('');
}
