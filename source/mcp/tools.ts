import {z} from 'zod';
import {findProject, projectMetadata, setProjectMetadata, type Project} from '../data/registry.js';
import {SORT_FIELDS} from '../data/queries/top.js';
import {WINDOWS} from '../domain/time-window.js';
import type {RawFlags} from '../flags.js';
import {runCommand} from '../report/commands.js';
import type {CommandContext} from '../report/context.js';
import {workflowRecommendations} from './recommendations.js';

/*
 * The design's MCP tools. Each one runs the CLI command of the same question (report/commands.ts)
 * so that its result is exactly that command's `--json` document.
 */

export type ToolResultData = Record<string, unknown>;

export interface ToolDefinition<S extends z.ZodObject = z.ZodObject> {
	name: string;
	title: string;
	description: string;
	schema: S;
	/** Reads only (rollups may be brought up to date, as the CLI's reports do). */
	readOnly: boolean;
	run: (context: CommandContext, args: z.output<S>) => Promise<ToolResultData>;
}

export type ToolRegistrar = <S extends z.ZodObject>(definition: ToolDefinition<S>) => void;

const RATES = 'Rates are fractions 0-1, times ISO-8601 UTC, durations in ms.';

const projectRef = z
	.string()
	.trim()
	.min(1)
	.describe('A registered project: its project_id (or an id prefix of 4+ characters), its name, or its directory, as list_registered_projects shows them');
const optionalProject = projectRef.optional().describe(`${projectRef.description!}. Omit for every active project`);
const skillName = z.string().trim().min(1).describe('The skill name as recorded, e.g. "code-review" (get_top_skills lists them)');
const timeWindow = z.enum(WINDOWS);

const flags = (values: Partial<RawFlags> = {}): RawFlags => ({json: true, color: false, debug: false, ...values});

/** A command's `--json` document, as the tool's structured result. */
async function command(context: CommandContext, name: string, args: readonly string[], values?: Partial<RawFlags>): Promise<ToolResultData> {
	const result = await runCommand(name, context, args, flags(values));
	return result.data as ToolResultData;
}

const projectOf = (project: Project) => ({project_id: project.project_id, project_name: project.project_name});

export function registerTools(register: ToolRegistrar): void {
	register({
		name: 'register_project',
		title: 'Register a project',
		description:
			'Add a project directory whose skill metrics skillscope collects (read-only: it never writes into the project). '
			+ 'Registering a known directory again renames it, changes its type or reactivates it. Returns {project, created} as `skillscope register --json`, '
			+ 'plus the stored metadata when given. Run collect_skill_metrics next to load its invocations.',
		schema: z.strictObject({
			project_path: z.string().trim().min(1).describe('The project directory, absolute (a relative path resolves against the server\'s working directory)'),
			project_name: z.string().trim().min(1).describe('A short name to refer to the project by, e.g. "webapp"'),
			project_type: z.string().trim().min(1).optional().describe('A free-form kind, e.g. "web", "cli", "library" (default "unknown")'),
			metadata: z.record(z.string(), z.unknown()).optional().describe('Any JSON object to keep with the project (replaces what was stored)'),
		}),
		readOnly: false,
		async run(context, args) {
			const data = await command(context, 'register', [args.project_path], {name: args.project_name, type: args.project_type});
			if (args.metadata === undefined) return data;
			const {project_id: id} = (data as {project: Project}).project;
			await setProjectMetadata(context.database, id, args.metadata);
			return {...data, metadata: await projectMetadata(context.database, id)};
		},
	});

	register({
		name: 'unregister_project',
		title: 'Unregister a project',
		description:
			'Deactivate a project: it is no longer collected nor counted in cross-project figures; its collected invocations stay '
			+ '(register_project reactivates it). Returns {project, purged, deleted_rows} as `skillscope unregister --json`.',
		schema: z.strictObject({project_path: projectRef}),
		readOnly: false,
		run: async (context, args) => command(context, 'unregister', [args.project_path]),
	});

	register({
		name: 'list_registered_projects',
		title: 'List registered projects',
		description: `Every registered project, active or not, with its id, path, type, last collection, last errors and invocation count. Returns {projects} as \`skillscope projects --json\`. ${RATES}`,
		schema: z.strictObject({}),
		readOnly: true,
		run: async context => command(context, 'projects', []),
	});

	register({
		name: 'collect_skill_metrics',
		title: 'Collect skill metrics',
		description:
			'Read the skill metrics files of every active project, or of one, into the database (incremental: only what is new or changed), '
			+ 'then update the rollups. Returns {projects, totals} as `skillscope collect --json`; files that could not be read are listed '
			+ 'in each project\'s error_details and counted in totals.errors (the rest is still collected).',
		schema: z.strictObject({project_path: projectRef.optional().describe(`${projectRef.description!}. Omit to collect every active project`)}),
		readOnly: false,
		run: async (context, args) => command(context, 'collect', args.project_path === undefined ? [] : [args.project_path]),
	});

	register({
		name: 'compute_aggregates',
		title: 'Compute aggregates',
		description:
			'Bring the daily, weekly, monthly and all-time rollups up to date, for every project and across projects in one pass '
			+ '(the other tools do this themselves when data changed; force_refresh recomputes everything). '
			+ 'Returns {recomputed, rows, duration_ms, timezone} as `skillscope aggregate --json` (plus project when project_id is given).',
		schema: z.strictObject({
			project_id: projectRef.optional().describe(`${projectRef.description!}. Accepted for the design's signature: rollups of all projects are computed together`),
			time_window: timeWindow.optional().describe('daily | weekly | monthly | all. Accepted for the design\'s signature: every window is rolled up from the same pass'),
			force_refresh: z.boolean().optional().describe('Recompute even when the rollups are up to date (default false)'),
		}),
		readOnly: false,
		async run(context, args) {
			const project = args.project_id === undefined ? undefined : await findProject(context.database, args.project_id);
			const data = await command(context, 'aggregate', [], {window: args.time_window, force: args.force_refresh});
			return project ? {...data, project: projectOf(project)} : data;
		},
	});

	register({
		name: 'get_top_skills',
		title: 'Top skills',
		description:
			'The most used skills of a time window (the current day, week or month in the configured time zone, or all time), with counts, '
			+ `success rate, mean duration, follow-ups per use and last use. Returns {window, bucket_start, bucket_end, project, skills} as \`skillscope top --json\`. ${RATES}`,
		schema: z.strictObject({
			limit: z.int().min(1).max(100_000).optional().describe('How many skills, 1-100000 (default 10)'),
			project_id: optionalProject,
			time_window: timeWindow.optional().describe('daily | weekly | monthly: the current day, week (from Monday) or month; all: all time (default)'),
			min_success_rate: z.number().min(0).max(1).optional().describe('Only skills whose success rate is at least this fraction, 0-1 (e.g. 0.8)'),
			sort: z.enum(SORT_FIELDS).optional().describe('Order by this field (default total_invocations; names ascend, numbers descend)'),
		}),
		readOnly: true,
		run: async (context, args) =>
			command(context, 'top', [], {
				limit: args.limit === undefined ? undefined : String(args.limit),
				project: args.project_id,
				window: args.time_window,
				minSuccess: args.min_success_rate === undefined ? undefined : String(args.min_success_rate),
				sort: args.sort,
			}),
	});

	register({
		name: 'analyze_skill_effectiveness',
		title: 'Analyze one skill',
		description:
			'Effectiveness of one skill over all time: counts, success rate, mean/p50/p90 duration, follow-ups per use, insights '
			+ '(low success, below target, high follow-up rate, well-tuned), per-project rows, most common errors, follow-up actions and workflow paths. '
			+ `An unknown name gives found: false and did_you_mean. Returns the document of \`skillscope skill <name> --json\`. ${RATES}`,
		schema: z.strictObject({skill_name: skillName, project_id: optionalProject}),
		readOnly: true,
		run: async (context, args) => command(context, 'skill', [args.skill_name], {project: args.project_id}),
	});

	register({
		name: 'compare_skill_across_projects',
		title: 'Compare a skill across projects',
		description: `One row per active project that used the skill, busiest first: counts, success rate, mean duration, follow-ups, last use. Returns {skill_name, found, projects} as \`skillscope compare <name> --json\`. ${RATES}`,
		schema: z.strictObject({skill_name: skillName}),
		readOnly: true,
		run: async (context, args) => command(context, 'compare', [args.skill_name]),
	});

	register({
		name: 'get_skill_summary',
		title: 'Summary',
		description: `All-time totals (projects, unique skills, invocations, success rate, durations, follow-ups, first and last use) and the top 10 skills. Returns the document of \`skillscope summary --json\`. ${RATES}`,
		schema: z.strictObject({project_id: optionalProject}),
		readOnly: true,
		run: async (context, args) => command(context, 'summary', [], {project: args.project_id}),
	});

	register({
		name: 'get_workflow_recommendations',
		title: 'Workflow recommendations',
		description:
			'A minimal recommendation engine (the full one is not built yet): it applies the per-skill insight thresholds to every skill\'s all-time figures '
			+ '(the rows of get_top_skills with time_window all): success rate under 60% with 5+ finished uses is high priority, 60-70% medium, '
			+ 'more than 2 follow-up actions per use medium. Each recommendation carries the numbers behind it; skills with under 5 finished uses are listed as too_few_invocations. '
			+ 'No skill sequences or predictions. Returns {project, window, method, thresholds, skills_considered, too_few_invocations, recommendations}.',
		schema: z.strictObject({project_id: optionalProject}),
		readOnly: true,
		async run(context, args) {
			const scope = args.project_id === undefined ? {} : {project: await findProject(context.database, args.project_id)};
			return {...(await workflowRecommendations(context.database, scope, context.displayZone))};
		},
	});

	register({
		name: 'health_check',
		title: 'Health check',
		description:
			'Database file, schema version, row counts, last collection, whether the rollups are fresh, and each project\'s last sync and errors. '
			+ 'Returns the document of `skillscope health --json`.',
		schema: z.strictObject({}),
		readOnly: true,
		run: async context => command(context, 'health', []),
	});
}
