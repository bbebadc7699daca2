import {z} from 'zod';
import {compare} from '../commands/compare.js';
import {health} from '../commands/health.js';
import {machine, project} from '../commands/options.js';
import {recommend} from '../commands/recommend.js';
import {skill} from '../commands/skill.js';
import {skills} from '../commands/skills.js';
import {summary} from '../commands/summary.js';
import {top} from '../commands/top.js';
import {SORT_FIELDS} from '../data/queries/top.js';
import {defineTool, EXPOSURE, OUTCOMES, RATES} from './tool.js';

/** The tools that read figures of skills (the rollups may be brought up to date first). */
export const REPORT_TOOLS = [
	defineTool({
		name: 'get_top_skills',
		title: 'Top skills',
		description:
			'The most used skills of a time window (the current day, week or month in the configured time zone, or all time), with counts, '
			+ `success rate, mean duration, follow-ups per use and last use, and the outcome fields. ${OUTCOMES} `
			+ `Returns {window, bucket_start, bucket_end, project, skills} as \`skillscope top --json\`. ${RATES}`,
		schema: z.strictObject({
			limit: top.options.shape.limit,
			project_id: project,
			machine,
			time_window: top.options.shape.window,
			min_success_rate: top.options.shape.minSuccess,
			sort: z.enum(SORT_FIELDS).optional().describe('Order by this field (default total_invocations; names ascend, numbers descend)'),
			trigger: top.options.shape.trigger,
			source: top.options.shape.source,
		}),
		readOnly: true,
		run: async (context, args) =>
			top.run(context, {
				limit: args.limit,
				project: args.project_id, machine: args.machine,
				window: args.time_window,
				minSuccess: args.min_success_rate,
				sort: args.sort && {field: args.sort},
				trigger: args.trigger,
				source: args.source,
			}),
	}),

	defineTool({
		name: 'analyze_skill_effectiveness',
		title: 'Analyze one skill',
		description:
			'Effectiveness of one skill over all time: counts, success rate, mean/p50/p90 duration, follow-ups per use, insights '
			+ '(low success, below target, high follow-up rate, well-tuned), per-project rows, most common errors, follow-up actions and workflow paths. '
			+ `${OUTCOMES} versions_count: how many texts of it were read (get_skill_versions compares them); dynamic: its text changes at every use. `
			+ `\`exposure\`: what the model was offered against what it picked, also for a skill never invoked. ${EXPOSURE} `
			+ `An unknown name gives found: false and did_you_mean. Returns the document of \`skillscope skill <name> --json\`. ${RATES}`,
		schema: z.strictObject({skill_name: skill.options.shape.skill, project_id: project, machine}),
		readOnly: true,
		run: async (context, args) => skill.run(context, {skill: args.skill_name, project: args.project_id, machine: args.machine}),
	}),

	defineTool({
		name: 'compare_skill_across_projects',
		title: 'Compare a skill across projects',
		description: `One row per active project that used the skill, busiest first: counts, success rate, mean duration, follow-ups, last use, the outcome fields. ${OUTCOMES} Returns {skill_name, found, projects} as \`skillscope compare <name> --json\`. ${RATES}`,
		schema: z.strictObject({skill_name: compare.options.shape.skill, machine}),
		readOnly: true,
		run: async (context, args) => compare.run(context, {skill: args.skill_name, machine: args.machine}),
	}),

	defineTool({
		name: 'get_skill_summary',
		title: 'Summary',
		description: `All-time totals (projects, unique skills, invocations, success rate, durations, follow-ups, first and last use, the outcome fields) and the top 10 skills. ${OUTCOMES} Returns the document of \`skillscope summary --json\`. ${RATES}`,
		schema: z.strictObject({project_id: project, machine}),
		readOnly: true,
		run: async (context, args) => summary.run(context, {project: args.project_id, machine: args.machine}),
	}),

	defineTool({
		name: 'get_skill_trend',
		title: 'Skill trend',
		description:
			'One skill over time: the analyze_skill_effectiveness document (its figures and its `exposure` over since-until when given) plus `trend`, one point per daily, weekly (from Monday) '
			+ 'or monthly bucket from the skill\'s first use (or the bucket holding since) to the bucket holding until (default today), empty buckets included with zero counts '
			+ 'and null rates; each point has bucket_start, total_invocations (finished), successful_completions, success_rate, avg_duration_ms and clean_rate. '
			+ '`trend_direction` is improving, declining or stable: `trend_slope` is the least-squares slope of success rate against the bucket\'s position over the last 8 buckets '
			+ 'that have finished uses (`trend_buckets_used` of them; empty buckets between count as time passing), in success rate per bucket; beyond +0.01 (one percentage point) '
			+ 'is improving, below -0.01 declining, within stable; with fewer than 3 such buckets the slope is null and the direction stable. '
			+ `An unknown name gives found: false, did_you_mean and no trend. Returns the document of \`skillscope skill <name> --window W --json\`. ${RATES}`,
		schema: z.strictObject({
			skill_name: skill.options.shape.skill,
			time_window: skill.options.shape.window.describe('daily | weekly | monthly: the bucket of each trend point (default weekly; weeks start on Monday)'),
			project_id: project,
			machine,
			since: skill.options.shape.since,
			until: skill.options.shape.until,
		}),
		readOnly: true,
		run: async (context, args) =>
			skill.run(context, {skill: args.skill_name, window: args.time_window ?? 'weekly', project: args.project_id, machine: args.machine, since: args.since, until: args.until}),
	}),

	defineTool({
		name: 'get_workflow_recommendations',
		title: 'Workflow recommendations',
		description:
			'Advice per skill from its all-time and weekly figures, highest priority first, then the busiest skill: success rate under 0.6 is high priority (low_success_rate), '
			+ '0.6 to under 0.7 medium (below_target), more than 2 follow-up actions per use medium (high_followup_rate), a declining weekly trend medium (declining_trend: '
			+ 'least-squares slope of weekly success rate over the last 8 weeks with uses below -0.01 per week); these need 5 finished invocations. '
			+ 'No use in the last 30 days though used before is low (unused). From outcomes and versions: the version in use worse than the one before it '
			+ '(Fisher p < 0.05 on clean finishes) is high (worse_version); interrupted in 20% or more of 10 or more uses with a known outcome is medium '
			+ '(often_interrupted); an installed skill the model may call but the user typed in 80% or more of 5 or more uses is low (rarely_model_picked). '
			+ 'From the skill listings Claude Code records: listed in 20 or more sessions and picked by the model in under 5% of them is medium (low_trigger_rate); '
			+ 'its description cut in more than half the sessions that recorded a listing is medium (description_cut; the action names the installed skills never used). '
			+ '`sessions_with_listings`: the sessions those two rules rest on. '
			+ 'Each recommendation is {skill, priority, issue, action, evidence}: '
			+ '`action` says what to do, `evidence` holds the numbers behind it and the threshold crossed. '
			+ `Returns {project, generated_at, skills_considered, thresholds, sessions_with_listings, recommendations} as \`skillscope recommend --json\`. ${RATES}`,
		schema: z.strictObject({project_id: project, machine}),
		readOnly: true,
		run: async (context, args) => recommend.run(context, {project: args.project_id, machine: args.machine}),
	}),

	defineTool({
		name: 'get_skill_inventory',
		title: 'Installed skills',
		description:
			'What is installed for Claude Code (read-only, on each call): user skills (<root>/skills/<dir>/SKILL.md), plugin skills and commands '
			+ '(from <root>/plugins/installed_plugins.json, named plugin:name), project skills (<project>/.claude/skills), commands (<root>/commands, '
			+ '<project>/.claude/commands), each with kind, scope, path, description_chars, invocations (every stored one of that name; for a project skill, in its project), '
			+ 'last_used, its exposure (sessions_listed, sessions_model_invoked, trigger_rate, sessions_user_typed, sessions_description_cut: for a project skill, of its project\'s sessions), '
			+ 'state (never-used; never-picked: listed to the model and never picked by it, only typed; stale: last used more than 30 days ago; else active) and problems ({type, message}: no_frontmatter, malformed_frontmatter, '
			+ 'no_description, name_differs_from_folder, same_name (a skill wins over a command, then user over project), too_long (over 500 lines), unreadable). '
			+ '`not_installed`: names invoked but installed nowhere, with unknown_skill_errors; `listing_chars`: description characters of the user and plugin skills, '
			+ 'which every session carries, against `listing_budget` (15000), an estimate from the files; `listings`: the listing as recorded (recent_sessions: the last 20 sessions '
			+ 'that recorded one, recent_sessions_cut: of them those where a description was cut, descriptions_cut: distinct skills cut there, sessions_with_listings: what the '
			+ `exposure fields rest on); \`problems\`: files that could not be read. ${EXPOSURE} Returns the document of \`skillscope skills --json\`.`,
		schema: z.strictObject({state: skills.options.shape.state, scope: skills.options.shape.scope, project_id: skills.options.shape.project}),
		readOnly: true,
		run: async (context, args) => skills.run(context, {state: args.state, scope: args.scope, project: args.project_id}),
	}),

	defineTool({
		name: 'health_check',
		title: 'Health check',
		description:
			'Database file, schema version, row counts, last collection, whether the rollups are fresh, and each project\'s last sync and errors. '
			+ 'Returns the document of `skillscope health --json`.',
		schema: z.strictObject({}),
		readOnly: true,
		run: async context => health.run(context, {}),
	}),
];
