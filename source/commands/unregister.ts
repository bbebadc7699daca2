import {z} from 'zod';
import {unregisterProject} from '../data/registry/registry.js';
import {formatCount} from '../domain/format.js';
import {defineCommand} from './command.js';
import {flag, projectRef} from './options.js';

export const unregister = defineCommand({
	name: 'unregister',
	usage: 'unregister <path|name|id> [--purge]',
	summary: 'deactivate a project; --purge deletes its rows too',
	positionals: [{key: 'project', label: '<path|name|id>'}],
	options: z.strictObject({
		project: projectRef,
		purge: flag('Delete the project and its collected invocations too (default: keep them, inactive)'),
	}),
	async run(context, options) {
		const {project, deletedRows} = await unregisterProject(context.database, options.project, {purge: options.purge});
		return {project: {...project, is_active: false}, purged: Boolean(options.purge), deleted_rows: deletedRows};
	},
	text(report) {
		const {project} = report;
		return report.purged
			? `Purged ${project.project_name} (${project.project_id}): ${formatCount(report.deleted_rows)} invocations deleted\n`
			: `Deactivated ${project.project_name} (${project.project_id}); its ${formatCount(project.invocations)} invocations stay (use --purge to delete them)\n`;
	},
});
