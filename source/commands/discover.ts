import {z} from 'zod';
import {discoverProjects} from '../data/transcripts/discovery.js';
import {fitPaths} from '../domain/fit/paths.js';
import {formatCount, formatInstant} from '../domain/format.js';
import {defineCommand} from './command.js';

export const discover = defineCommand({
	name: 'discover',
	usage: 'discover',
	summary: 'the projects found in Claude Code transcripts (launch directories), registered or not',
	options: z.strictObject({}),
	run: async context => discoverProjects(context.database, context.claudeRoot, context.tuning?.limits),
	partial: report => report.problems.length > 0,
	text(report, view) {
		if (report.projects.length === 0) return `No Claude Code transcripts under ${report.claude_dir} (set --claude-dir or CLAUDE_CONFIG_DIR to read another root).\n`;
		// The start and the tail no other row ends with (issue 27), ~ for the home folder.
		const paths = fitPaths(report.projects.map(project => project.path), 60, view.home);
		const table = view.table(report.projects.map((project, index) => ({
			path: paths[index]!,
			sessions: formatCount(project.sessions),
			invocations: formatCount(project.invocations),
			'last seen': formatInstant(project.last_seen, view.displayZone),
			registered: project.registered ? 'yes' : project.unregistered ? 'no (unregistered)' : 'no',
			exists: project.exists ? 'yes' : 'missing',
		})));
		const fresh = report.projects.filter(project => !project.registered && !project.unregistered).length;
		const hint = fresh > 0 ? `${fresh} not registered yet: skillscope register --discovered\n` : '';
		const problems = report.problems.map(problem => `${problem.message}\n`).join('');
		return `Claude Code transcripts under ${report.claude_dir}\n${table}\n${hint}${problems}`;
	},
});
