import {z} from 'zod';
import {listProjects} from '../data/registry/registry.js';
import {formatCount, formatInstant, truncate} from '../domain/format.js';
import {fitPaths, projectLabels} from '../domain/fit/paths.js';
import {projectPlace} from '../domain/project-place.js';
import {defineCommand} from './command.js';

export const projects = defineCommand({
	name: 'projects',
	usage: 'projects',
	summary: 'list registered projects',
	options: z.strictObject({}),
	async run(context) {
		return {projects: await listProjects(context.database)};
	},
	text({projects: list}, view) {
		if (list.length === 0) return 'No projects registered. Add one with: skillscope register <path>\n';
		// The machine only when there are several; a pulled project's path is where its machine has it.
		const machines = new Set(list.map(project => project.machine_id)).size > 1;
		// Two projects of one name show the folder that tells them apart; paths keep it (issue 27).
		const places = list.map(project => projectPlace(project).path);
		const names = projectLabels(list.map((project, index) => ({name: project.project_name, path: places[index]!})), 36);
		const paths = fitPaths(places, 48, view.home);
		const rows = list.map((project, index) => ({
			name: names[index]!,
			...(machines ? {machine: truncate(project.machine_name, 16)} : {}),
			id: project.project_id,
			type: truncate(project.project_type, 12),
			path: paths[index]!,
			active: project.is_active ? 'yes' : 'no',
			invocations: formatCount(project.invocations),
			'last sync': formatInstant(project.last_sync_at, view.displayZone),
			errors: project.last_error_count,
		}));
		return `${view.table(rows)}\n`;
	},
});
