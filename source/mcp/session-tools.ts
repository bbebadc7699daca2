import {z} from 'zod';
import {adoption} from '../commands/adoption.js';
import {cousage} from '../commands/cousage.js';
import {next} from '../commands/next.js';
import {machine, project} from '../commands/options.js';
import {workflows} from '../commands/workflows.js';
import {defineTool, RATES, SESSIONS} from './tool.js';

/** The tools over sessions and time: what goes together, what comes next, what is new. */
export const SESSION_TOOLS = [
	defineTool({
		name: 'find_skills_used_together',
		title: 'Skills used together',
		description:
			'Pairs of skills used in the same sessions, highest lift first. `sessions` is the number of sessions in scope; per pair, `sessions_together` holds both, '
			+ '`sessions_a` and `sessions_b` each one. lift = P(A and B in the same session) / (P(A) · P(B)), probabilities over sessions '
			+ '(= sessions_together · sessions / (sessions_a · sessions_b)): above 1 the two are used together more often than chance, 1 as often, below 1 less. '
			+ 'With skill_name, only that skill\'s pairs (it is skill_a; an unknown name gives no pairs and did_you_mean); otherwise each pair once (skill_a before skill_b by name). '
			+ `${SESSIONS} Returns {project, skill, min_sessions, sessions, pairs} as \`skillscope cousage --json\`.`,
		schema: z.strictObject({
			skill_name: cousage.options.shape.skill,
			min_sessions: cousage.options.shape.minSessions,
			project_id: project,
			machine,
			since: cousage.options.shape.since,
			until: cousage.options.shape.until,
			limit: cousage.options.shape.limit,
		}),
		readOnly: true,
		run: async (context, args) =>
			cousage.run(context, {skill: args.skill_name, minSessions: args.min_sessions, project: args.project_id, machine: args.machine, since: args.since, until: args.until, limit: args.limit}),
	}),

	defineTool({
		name: 'predict_next_skill',
		title: 'Predict the next skill',
		description:
			'Which skills come right after a skill: within each session, invocations in invoked_at order (ties by skill name), each consecutive pair is one transition (A then A counts). '
			+ '`transitions` is every transition out of skill_name; per next skill, `count` is its transitions and probability = count / transitions, '
			+ 'the estimated chance (0-1) that it is the next skill used. Most frequent first. A skill that is used but never followed gives transitions 0 and no rows; '
			+ `an unknown name gives found: false and did_you_mean. ${SESSIONS} Returns {skill_name, found, project, transitions, next} as \`skillscope next <name> --json\`.`,
		schema: z.strictObject({
			skill_name: next.options.shape.skill,
			project_id: project,
			machine,
			since: next.options.shape.since,
			until: next.options.shape.until,
			limit: next.options.shape.limit,
		}),
		readOnly: true,
		run: async (context, args) => next.run(context, {skill: args.skill_name, project: args.project_id, machine: args.machine, since: args.since, until: args.until, limit: args.limit}),
	}),

	defineTool({
		name: 'get_workflow_patterns',
		title: 'Workflow patterns',
		description:
			'Workflows: a workflow is the ordered list of skills of one session (invoked_at order, ties by name); a session is failed once any invocation failed, '
			+ 'else running while its last invocation is pending, else completed; its duration is the sum of its invocations\' known durations. '
			+ '`sessions` counts every session in scope. `frequent`: the sequences run most often, with executions, completed, failed and running sessions, '
			+ 'success_rate = completed / (completed + failed) and avg_duration_ms. `fastest`: sequences completed at least min_sessions times with a known duration, '
			+ `lowest mean duration first (avg_duration_ms, min_duration_ms). ${SESSIONS} Returns {project, sessions, min_sessions, frequent, fastest} as \`skillscope workflows --json\`. ${RATES}`,
		schema: z.strictObject({
			project_id: project,
			machine,
			min_sessions: workflows.options.shape.minSessions,
			limit: workflows.options.shape.limit,
		}),
		readOnly: true,
		run: async (context, args) => workflows.run(context, {project: args.project_id, machine: args.machine, minSessions: args.min_sessions, limit: args.limit}),
	}),

	defineTool({
		name: 'get_skill_adoption',
		title: 'Skill adoption',
		description:
			'When each skill was first used: `skills` lists every skill with a finished invocation, earliest first, with first_used (its first finished invocation), '
			+ 'first_project and first_project_path (where that happened: two projects may share a name), last_used and total_invocations (finished); `new_in_window` the skills first used in the chosen day, week (from Monday) '
			+ `or month (bucket_start to bucket_end, local days of \`timezone\`), or all of them for all time. Returns {project, window, bucket_start, bucket_end, timezone, skills, new_in_window} as \`skillscope adoption --json\`. ${RATES}`,
		schema: z.strictObject({
			time_window: adoption.options.shape.window,
			at: adoption.options.shape.at,
			project_id: project,
			machine,
		}),
		readOnly: true,
		run: async (context, args) => adoption.run(context, {window: args.time_window, at: args.at, project: args.project_id, machine: args.machine}),
	}),
];
