import {z} from 'zod';
import {aggregate} from '../commands/aggregate.js';
import {collect} from '../commands/collect.js';
import {discover} from '../commands/discover.js';
import {projectRef} from '../commands/options.js';
import {projects} from '../commands/projects.js';
import {register} from '../commands/register.js';
import {unregister} from '../commands/unregister.js';
import {machines} from '../commands/machines.js';
import {findProject, projectMetadata, setProjectMetadata} from '../data/registry/registry.js';
import {defineTool, RATES} from './tool.js';

/** The tools that change what is registered or collected. */
export const PROJECT_TOOLS = [
	defineTool({
		name: 'register_project',
		title: 'Register a project',
		description:
			'Add a project directory whose skill metrics skillscope collects (read-only: it never writes into the project). '
			+ 'Registering a known directory again renames it, changes its type or reactivates it. Returns {project, created} as `skillscope register --json`, '
			+ 'plus the stored metadata when given. Run collect_skill_metrics next to load its invocations.',
		schema: z.strictObject({
			project_path: register.options.shape.path.unwrap().describe('The project directory, absolute (a relative path resolves against the server\'s working directory)'),
			project_name: register.options.shape.name,
			project_type: register.options.shape.type,
			metadata: z.record(z.string(), z.unknown()).optional().describe('Any JSON object to keep with the project (replaces what was stored)'),
		}),
		readOnly: false,
		async run(context, args) {
			const report = await register.run(context, {path: args.project_path, name: args.project_name, type: args.project_type});
			if (!('project' in report)) throw new Error('register with a path answers with its project');
			if (args.metadata === undefined) return report;
			const id = report.project.project_id;
			await setProjectMetadata(context.database, id, args.metadata);
			return {...report, metadata: await projectMetadata(context.database, id)};
		},
	}),

	defineTool({
		name: 'unregister_project',
		title: 'Unregister a project',
		description:
			'Deactivate a project: it is no longer collected nor counted in cross-project figures; its collected invocations stay '
			+ '(register_project reactivates it). Returns {project, purged, deleted_rows} as `skillscope unregister --json`.',
		schema: z.strictObject({project_path: projectRef}),
		readOnly: false,
		run: async (context, args) => unregister.run(context, {project: args.project_path}),
	}),

	defineTool({
		name: 'discover_projects',
		title: 'Discover projects in Claude Code transcripts',
		description:
			'The launch directories found in the Claude Code transcripts (the configured root, $CLAUDE_CONFIG_DIR or ~/.claude), grouped under '
			+ 'the outermost one that is itself a launch directory or a registered project, with sessions, invocations, first and last seen, '
			+ 'whether each is registered (or was unregistered) and still exists. Reads the transcripts, stores nothing. Returns {claude_dir, projects, problems} '
			+ 'as `skillscope discover --json`; register one with register_project (or all with `skillscope register --discovered`).',
		schema: z.strictObject({}),
		readOnly: true,
		run: async context => discover.run(context, {}),
	}),

	defineTool({
		name: 'list_registered_projects',
		title: 'List registered projects',
		description: `Every registered project, active or not, with its id, path, type, last collection, last errors and invocation count. Returns {projects} as \`skillscope projects --json\`. ${RATES}`,
		schema: z.strictObject({}),
		readOnly: true,
		run: async context => projects.run(context, {}),
	}),

	defineTool({
		name: 'list_machines',
		title: 'List machines',
		description:
			'The machines whose invocations this database holds: this one (is_local) and those pulled from a lake folder (`skillscope lake pull`), '
			+ 'each with its id, name, active projects, invocations and last push. Returns {machines} as `skillscope machines --json`; '
			+ 'the figures of every report are of all machines together.',
		schema: z.strictObject({}),
		readOnly: true,
		run: async context => machines.run(context, {}),
	}),

	defineTool({
		name: 'collect_skill_metrics',
		title: 'Collect skill metrics',
		description:
			'Read the skill metrics files and Claude Code transcripts of every active project, or of one, into the database (incremental: only what is new or changed), '
			+ 'then update the rollups. Returns {projects, totals} as `skillscope collect --json`; files that could not be read are listed '
			+ 'in each project\'s error_details and counted in totals.errors (the rest is still collected).',
		schema: z.strictObject({project_path: projectRef.optional().describe(`${projectRef.description!}. Omit to collect every active project`)}),
		readOnly: false,
		run: async (context, args) => collect.run(context, {projects: args.project_path === undefined ? undefined : [args.project_path]}),
	}),

	defineTool({
		name: 'compute_aggregates',
		title: 'Compute aggregates',
		description:
			'Bring the daily, weekly, monthly and all-time rollups up to date, for every project and across projects in one pass '
			+ '(the other tools do this themselves when data changed; force_refresh recomputes everything). '
			+ 'Returns {recomputed, rows, duration_ms, timezone} as `skillscope aggregate --json` (plus project when project_id is given).',
		schema: z.strictObject({
			project_id: projectRef.optional().describe(`${projectRef.description!}. Accepted for the design's signature: rollups of all projects are computed together`),
			time_window: aggregate.options.shape.window,
			force_refresh: aggregate.options.shape.force,
		}),
		readOnly: false,
		async run(context, args) {
			const project = args.project_id === undefined ? undefined : await findProject(context.database, args.project_id);
			const report = await aggregate.run(context, {window: args.time_window, force: args.force_refresh});
			return project ? {...report, project: {project_id: project.project_id, project_name: project.project_name}} : report;
		},
	}),
];
