import {z} from 'zod';
import {registerProject} from '../data/registry.js';
import {defineCommand} from './command.js';

export const register = defineCommand({
	name: 'register',
	usage: 'register <path> [--name N] [--type T]',
	summary: 'add a project directory (again: rename, reactivate)',
	positionals: [{key: 'path', label: '<path>'}],
	options: z.strictObject({
		path: z.string().trim().min(1, 'needs a value').describe('The project directory (a relative path resolves against the working directory)'),
		name: z.string().trim().min(1, 'needs a value').optional().describe('A short name to refer to the project by, e.g. "webapp" (default: the directory name)'),
		type: z.string().trim().min(1, 'needs a value').optional().describe('A free-form kind, e.g. "web", "cli", "library" (default "unknown")'),
	}),
	async run(context, options) {
		return registerProject(context.database, options.path, {name: options.name, type: options.type});
	},
	text({project, created}) {
		return `${created ? 'Registered' : 'Updated'} ${project.project_name} (${project.project_id}, ${project.project_type}) at ${project.project_path}\n`;
	},
});
