import type {Project} from '../../data/registry.js';
import {formatCount, formatInstant, truncate} from '../../domain/format.js';
import type {TableRow} from '../table-lines.js';
import type {ConfirmId} from '../state.js';

/** Below this width the table leaves out the type and shows the last error as a count. */
export const WIDE_PROJECTS = 100;

export function shortenPath(path: string, width: number, home?: string): string {
	const short = home && path.startsWith(home) ? `~${path.slice(home.length)}` : path;
	return short.length <= width ? short : `…${short.slice(short.length - width + 1)}`;
}

/** The registry's table rows: at 80 columns it fits the screen instead of wrapping. */
export function projectRows(projects: readonly Project[], width: number, zone: string, home?: string): TableRow[] {
	const wide = width >= WIDE_PROJECTS;
	const names = projects.map(project => truncate(project.project_name, wide ? 20 : 16));
	// Narrow: the path takes what the other columns leave (each is its widest cell and a space either
	// side; the marker, the borders, active, last sync and errors are 45 columns).
	const usesWidth = Math.max(4, ...projects.map(project => formatCount(project.invocations).length));
	const nameWidth = Math.max(4, ...names.map(name => name.length));
	const pathWidth = wide ? Math.max(16, width - 90) : Math.max(8, width - 45 - (nameWidth + 2) - (usesWidth + 2) - 1);
	return projects.map((project, index) => {
		const common = {
			name: names[index]!,
			path: shortenPath(project.project_path, pathWidth, home),
			active: project.is_active ? 'yes' : 'no',
			uses: formatCount(project.invocations),
			'last sync': formatInstant(project.last_sync_at, zone),
		};
		if (!wide) return {...common, errors: project.last_error_count > 0 ? formatCount(project.last_error_count) : ''};
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
