import {z} from 'zod';
import {discoverProjects} from '../data/transcripts/discovery.js';
import {type Project, registerDiscovered, registerProject} from '../data/registry/registry.js';
import {CommandUsageError} from '../errors.js';
import {defineCommand} from './command.js';
import {flag} from './options.js';

/** `register <path>`: the project and whether it is new; `register --discovered`: those added. */
export type RegisterReport =
	| {project: Project; created: boolean}
	| {claude_dir: string; registered: Project[]; already_registered: number; left_unregistered: string[]};

export const register = defineCommand({
	name: 'register',
	usage: 'register <path> [--name N] [--type T] | register --discovered',
	summary:
		'add a project directory (again: rename, reactivate); --discovered: every project found in Claude Code transcripts '
		+ 'that is not registered yet (those once unregistered stay so; missing directories too)',
	positionals: [{key: 'path', label: '<path>', optional: true}],
	options: z.strictObject({
		path: z.string().trim().min(1, 'needs a value').optional().describe('The project directory (a relative path resolves against the working directory)'),
		name: z.string().trim().min(1, 'needs a value').optional().describe('A short name to refer to the project by, e.g. "webapp" (default: the directory name)'),
		type: z.string().trim().min(1, 'needs a value').optional().describe('A free-form kind, e.g. "web", "cli", "library" (default "unknown")'),
		discovered: flag('Register every launch directory found in the Claude Code transcripts (skillscope discover) not registered yet'),
	}),
	async run(context, options): Promise<RegisterReport> {
		if (options.discovered) {
			if (options.path !== undefined || options.name !== undefined || options.type !== undefined) {
				throw new CommandUsageError('--discovered registers every discovered project: give no <path>, --name or --type with it');
			}

			const found = await discoverProjects(context.database, context.claudeRoot, context.tuning?.limits);
			const candidates = found.projects.filter(project => !project.registered && !project.unregistered).map(project => project.path);
			const registered = await registerDiscovered(context.database, candidates);
			return {
				claude_dir: found.claude_dir,
				registered,
				already_registered: found.projects.filter(project => project.registered).length,
				left_unregistered: found.projects.filter(project => project.unregistered).map(project => project.path),
			};
		}

		if (options.path === undefined) throw new CommandUsageError('register needs a <path>, or --discovered');
		return registerProject(context.database, options.path, {name: options.name, type: options.type});
	},
	text(report) {
		if ('project' in report) {
			const {project, created} = report;
			return `${created ? 'Registered' : 'Updated'} ${project.project_name} (${project.project_id}, ${project.project_type}) at ${project.project_path}\n`;
		}

		const lines = report.registered.map(project => `Registered ${project.project_name} (${project.project_id}) at ${project.project_path}`);
		if (report.registered.length === 0) lines.push(`Nothing new to register from ${report.claude_dir}`);
		if (report.already_registered > 0) lines.push(`${report.already_registered} already registered`);
		for (const path of report.left_unregistered) lines.push(`left unregistered (you unregistered it): ${path}`);
		return `${lines.join('\n')}\n`;
	},
});
