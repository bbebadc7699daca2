import {z} from 'zod';
import {machine, project} from '../commands/options.js';
import {versions} from '../commands/versions.js';
import {defineTool, RATES} from './tool.js';

/*
 * The versions of a skill (outcomes.md) for an assistant: the document of `skillscope versions
 * <name> --json`. A skill's text may be private: no answer carries a body unless the diff of two
 * versions is asked for by name.
 */
export const VERSION_TOOLS = [
	defineTool({
		name: 'get_skill_versions',
		title: 'Versions of a skill',
		description:
			'Each text a skill was given (its versions, read from Claude Code transcripts), labelled v1, v2, … by first use across the whole database '
			+ '(a dynamic plugin skill: by plugin version), with its figures in the scope and days asked: uses, clean_finishes, clean_rate and its Wilson 95% '
			+ 'interval (clean_rate_low, clean_rate_high), interrupted, rejected, errored, load_failed, retried, avg_duration_ms, avg_followup_actions, '
			+ 'avg_tool_errors, avg_output_tokens, and against the version listed before it (compared_with) the lines added and removed, a verdict '
			+ '(better or worse when a two-sided Fisher exact test on clean finishes gives p < 0.05, else unclear; null for the first) and p_value. '
			+ 'A use without a text of its own runs the version in force (the latest first used before it). `dynamic` (with dynamic_reason): its text '
			+ 'changes at every use (its installed SKILL.md runs commands, or 3+ texts seen once make half its uses). '
			+ 'Returns {skill_name, project, since, until, dynamic, dynamic_reason, versions} as `skillscope versions <name> --json`; no text of the skill. '
			+ `With \`diff\` {from, to}: only the unified diff of those two versions' texts, {skill_name, from, to, diff}. ${RATES}`,
		schema: z.strictObject({
			skill_name: versions.options.shape.skill,
			project_id: project,
			machine,
			since: versions.options.shape.since,
			until: versions.options.shape.until,
			diff: z
				.strictObject({
					from: z.string().trim().min(1).describe('A label (v2) or 4+ characters of the fingerprint of the version the diff starts from'),
					to: z.string().trim().min(1).describe('The version the diff goes to, named the same way'),
				})
				.optional()
				.describe('Ask for the unified diff of two versions\' texts (and nothing else); without it no text is returned'),
		}),
		readOnly: true,
		run: async (context, args) =>
			versions.run(context, {
				skill: args.skill_name,
				project: args.project_id,
				machine: args.machine,
				since: args.since,
				until: args.until,
				...(args.diff ? {diff: args.diff.from, to: args.diff.to} : {}),
			}),
	}),
];
