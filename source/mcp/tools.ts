import {z} from 'zod';
import {findProject, projectMetadata, setProjectMetadata, type Project} from '../data/registry.js';
import {DEFAULT_MIN_SESSIONS} from '../data/queries/cousage.js';
import {SORT_FIELDS} from '../data/queries/top.js';
import {WINDOWS} from '../domain/time-window.js';
import type {RawFlags} from '../flags.js';
import {runCommand} from '../report/commands.js';
import type {CommandContext} from '../report/context.js';

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
const trendWindow = z.enum(['daily', 'weekly', 'monthly']);
/** A local day of the configured time zone, as the CLI's --since/--until/--at take it (checked again there). */
const day = (meaning: string) =>
	z
		.string()
		.trim()
		.regex(/^(\d{4}-\d{2}-\d{2}|today|yesterday|\d{1,5}d)$/i, 'expected a day: YYYY-MM-DD, today, yesterday or Nd')
		.optional()
		.describe(`${meaning}: a local day of the configured time zone, YYYY-MM-DD, today, yesterday or Nd (N days ago)`);
const since = day('Only invocations on or after this day (inclusive; omit for no lower bound)');
const until = day('Only invocations on or before this day (inclusive; omit for up to today)');
const limit = (what: string) => z.int().min(1).max(100_000).optional().describe(`How many ${what}, 1-100000`);
const minSessions = (what: string) => z.int().min(1).max(1_000_000).optional().describe(`${what}, a whole number 1-1000000 (default ${DEFAULT_MIN_SESSIONS})`);
const text = (value: number | undefined) => (value === undefined ? undefined : String(value));

const SESSIONS =
	'A session is a distinct (project, session_id) pair with a non-empty session_id (the same id in two projects is two sessions); '
	+ 'invocations without a session_id (e.g. crackerjack files) take no part. Pending invocations count: they were invoked.';

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
		name: 'get_skill_trend',
		title: 'Skill trend',
		description:
			'One skill over time: the analyze_skill_effectiveness document (its figures over since-until when given) plus `trend`, one point per daily, weekly (from Monday) '
			+ 'or monthly bucket from the skill\'s first use (or the bucket holding since) to the bucket holding until (default today), empty buckets included with zero counts '
			+ 'and null rates; each point has bucket_start, total_invocations (finished), successful_completions, success_rate and avg_duration_ms. '
			+ '`trend_direction` is improving, declining or stable: `trend_slope` is the least-squares slope of success rate against the bucket\'s position over the last 8 buckets '
			+ 'that have finished uses (`trend_buckets_used` of them; empty buckets between count as time passing), in success rate per bucket; beyond +0.01 (one percentage point) '
			+ 'is improving, below -0.01 declining, within stable; with fewer than 3 such buckets the slope is null and the direction stable. '
			+ `An unknown name gives found: false, did_you_mean and no trend. Returns the document of \`skillscope skill <name> --window W --json\`. ${RATES}`,
		schema: z.strictObject({
			skill_name: skillName,
			time_window: trendWindow.optional().describe('daily | weekly | monthly: the bucket of each trend point (default weekly; weeks start on Monday)'),
			project_id: optionalProject,
			since,
			until,
		}),
		readOnly: true,
		run: async (context, args) =>
			command(context, 'skill', [args.skill_name], {window: args.time_window ?? 'weekly', project: args.project_id, since: args.since, until: args.until}),
	});

	register({
		name: 'find_skills_used_together',
		title: 'Skills used together',
		description:
			'Pairs of skills used in the same sessions, highest lift first. `sessions` is the number of sessions in scope; per pair, `sessions_together` holds both, '
			+ '`sessions_a` and `sessions_b` each one. lift = P(A and B in the same session) / (P(A) · P(B)), probabilities over sessions '
			+ '(= sessions_together · sessions / (sessions_a · sessions_b)): above 1 the two are used together more often than chance, 1 as often, below 1 less. '
			+ 'With skill_name, only that skill\'s pairs (it is skill_a; an unknown name gives no pairs and did_you_mean); otherwise each pair once (skill_a before skill_b by name). '
			+ `${SESSIONS} Returns {project, skill, min_sessions, sessions, pairs} as \`skillscope cousage --json\`.`,
		schema: z.strictObject({
			skill_name: skillName.optional().describe('Only the pairs of this skill, as recorded, e.g. "code-review". Omit for every pair'),
			min_sessions: minSessions('Only pairs seen together in at least this many sessions'),
			project_id: optionalProject,
			since,
			until,
			limit: limit('pairs (default all)'),
		}),
		readOnly: true,
		run: async (context, args) =>
			command(context, 'cousage', [], {
				skill: args.skill_name,
				minSessions: text(args.min_sessions),
				project: args.project_id,
				since: args.since,
				until: args.until,
				limit: text(args.limit),
			}),
	});

	register({
		name: 'predict_next_skill',
		title: 'Predict the next skill',
		description:
			'Which skills come right after a skill: within each session, invocations in invoked_at order (ties by skill name), each consecutive pair is one transition (A then A counts). '
			+ '`transitions` is every transition out of skill_name; per next skill, `count` is its transitions and probability = count / transitions, '
			+ 'the estimated chance (0-1) that it is the next skill used. Most frequent first. A skill that is used but never followed gives transitions 0 and no rows; '
			+ `an unknown name gives found: false and did_you_mean. ${SESSIONS} Returns {skill_name, found, project, transitions, next} as \`skillscope next <name> --json\`.`,
		schema: z.strictObject({
			skill_name: skillName,
			project_id: optionalProject,
			since,
			until,
			limit: limit('next skills (default all)'),
		}),
		readOnly: true,
		run: async (context, args) =>
			command(context, 'next', [args.skill_name], {project: args.project_id, since: args.since, until: args.until, limit: text(args.limit)}),
	});

	register({
		name: 'get_workflow_patterns',
		title: 'Workflow patterns',
		description:
			'Workflows: a workflow is the ordered list of skills of one session (invoked_at order, ties by name); a session is failed once any invocation failed, '
			+ 'else running while its last invocation is pending, else completed; its duration is the sum of its invocations\' known durations. '
			+ '`sessions` counts every session in scope. `frequent`: the sequences run most often, with executions, completed, failed and running sessions, '
			+ 'success_rate = completed / (completed + failed) and avg_duration_ms. `fastest`: sequences completed at least min_sessions times with a known duration, '
			+ `lowest mean duration first (avg_duration_ms, min_duration_ms). ${SESSIONS} Returns {project, sessions, min_sessions, frequent, fastest} as \`skillscope workflows --json\`. ${RATES}`,
		schema: z.strictObject({
			project_id: optionalProject,
			min_sessions: minSessions('For `fastest`: only sequences completed in at least this many sessions'),
			limit: limit('sequences in each list (default 10)'),
		}),
		readOnly: true,
		run: async (context, args) =>
			command(context, 'workflows', [], {project: args.project_id, minSessions: text(args.min_sessions), limit: text(args.limit)}),
	});

	register({
		name: 'get_skill_adoption',
		title: 'Skill adoption',
		description:
			'When each skill was first used: `skills` lists every skill with a finished invocation, earliest first, with first_used (its first finished invocation), '
			+ 'first_project (where that happened), last_used and total_invocations (finished); `new_in_window` the skills first used in the chosen day, week (from Monday) '
			+ `or month (bucket_start to bucket_end, local days of \`timezone\`), or all of them for all time. Returns {project, window, bucket_start, bucket_end, timezone, skills, new_in_window} as \`skillscope adoption --json\`. ${RATES}`,
		schema: z.strictObject({
			time_window: timeWindow.optional().describe('daily | weekly | monthly: the day, week or month holding `at`; all: all time (default)'),
			at: day('Which bucket of time_window: the one holding this day (default today; ignored for all)'),
			project_id: optionalProject,
		}),
		readOnly: true,
		run: async (context, args) => command(context, 'adoption', [], {window: args.time_window, at: args.at, project: args.project_id}),
	});

	register({
		name: 'get_workflow_recommendations',
		title: 'Workflow recommendations',
		description:
			'Advice per skill from its all-time and weekly figures, highest priority first, then the busiest skill: success rate under 0.6 is high priority (low_success_rate), '
			+ '0.6 to under 0.7 medium (below_target), more than 2 follow-up actions per use medium (high_followup_rate), a declining weekly trend medium (declining_trend: '
			+ 'least-squares slope of weekly success rate over the last 8 weeks with uses below -0.01 per week); these need 5 finished invocations. '
			+ 'No use in the last 30 days though used before is low (unused). Each recommendation is {skill, priority, issue, action, evidence}: '
			+ '`action` says what to do, `evidence` holds the numbers behind it and the threshold crossed. '
			+ `Returns {project, generated_at, skills_considered, thresholds, recommendations} as \`skillscope recommend --json\`. ${RATES}`,
		schema: z.strictObject({project_id: optionalProject}),
		readOnly: true,
		run: async (context, args) => command(context, 'recommend', [], {project: args.project_id}),
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
