import {BASH_COMMANDS, MODEL_SKILLS, SKILL_ARGS, UNKNOWN_SKILLS, USER_ONLY_SKILLS, skillFailure, type SkillFailure} from './transcript-content.js';
import {pick} from './transcript-ids.js';

/**
 * The tool calls of a model response: which tool, with which input, and for a Skill the failure
 * it meets (or none). The draws are made in a fixed order so that a plan always gives the same calls.
 */

export type Tool = 'Read' | 'Bash' | 'Edit' | 'Grep' | 'Glob' | 'TodoWrite' | 'Skill' | 'Task' | 'Image';

export interface PendingCall {
	id: string;
	tool: Tool;
	lineUuid: string;
	input: Record<string, unknown>;
	/** For a Skill: the failure it gets, or undefined when it loads. */
	failure?: SkillFailure;
	skill?: string;
}

const FILES = ['src/net/client.ts', 'src/api/orders.ts', 'lib/spotter/services/transcript_renderer.ex', 'config/dev.exs', 'test/net/client.test.ts', 'README.md'];

/** A Read of a screenshot: its result is the one line of 1–5 MB. */
export function imageCall(id: string, next: () => number, cwd: string): PendingCall {
	return {id, tool: 'Image', lineUuid: '', input: {file_path: `${cwd}/docs/screenshots/dashboard-${Math.floor(next() * 90)}.png`}};
}

/** A Task call whose subagent writes its own file. */
export function taskCall(id: string): PendingCall {
	const input = {description: 'Check OTEL hex package versions', subagent_type: 'general-purpose', prompt: 'Search hex.pm for the latest versions of opentelemetry_api, opentelemetry and opentelemetry_exporter and return the recommended version constraints for mix.exs.'};
	return {id, tool: 'Task', lineUuid: '', input};
}

/** Read, Bash, Edit, Grep, Glob or TodoWrite, by where `roll` falls. */
export function plainCall(id: string, next: () => number, cwd: string, roll: number): PendingCall {
	const tool: Tool = roll < 0.45 ? 'Read' : roll < 0.7 ? 'Bash' : roll < 0.82 ? 'Edit' : roll < 0.9 ? 'Grep' : roll < 0.96 ? 'Glob' : 'TodoWrite';
	// Drawn for every tool, used by two: the draws that follow stay where they were.
	const file = `${cwd}/${pick(next, FILES)}`;
	let input: Record<string, unknown>;
	if (tool === 'Read') input = {file_path: file};
	else if (tool === 'Bash') {
		const [command, description] = pick(next, BASH_COMMANDS);
		input = {command, description};
	} else if (tool === 'Edit') input = {file_path: file, old_string: '\tconst deadline = Date.now() + policy.budgetMs;', new_string: '\tconst deadline = started + policy.budgetMs;', replace_all: false};
	else if (tool === 'Grep') input = {pattern: 'retryBudget', path: `${cwd}/src`, output_mode: 'content', '-n': true};
	else if (tool === 'Glob') input = {pattern: '**/*.test.ts'};
	else input = {todos: [{content: 'Fix the retry timeout', status: 'completed', activeForm: 'Fixing the retry timeout'}, {content: 'Add tests', status: 'in_progress', activeForm: 'Adding tests'}]};
	return {id, tool, lineUuid: '', input};
}

/** A Skill call: most load, the rest fail the ways Claude Code reports (a sibling failure only beside another call). */
export function skillCall(id: string, next: () => number, width: number): PendingCall {
	const roll = next();
	let skill = MODEL_SKILLS[Math.floor(next() ** 1.7 * MODEL_SKILLS.length)]!;
	const args = pick(next, SKILL_ARGS);
	let input: Record<string, unknown> = args ? {skill, args} : {skill};
	let failure: SkillFailure | undefined;
	if (roll < 0.84) failure = undefined;
	else if (roll < 0.89) {
		skill = pick(next, UNKNOWN_SKILLS);
		input = {skill};
		failure = skillFailure('unknown', skill);
	} else if (roll < 0.91) {
		skill = pick(next, USER_ONLY_SKILLS);
		input = {skill};
		failure = skillFailure('not-invocable', skill);
	} else if (roll < 0.94) failure = skillFailure('preprocess', skill);
	else if (roll < 0.97) failure = skillFailure('rejected', skill);
	else if (roll < 0.985 && width > 1) failure = skillFailure('sibling', skill);
	else {
		input = {skill, args: ['--staged']};
		failure = skillFailure('invalid', skill);
	}

	return {id, tool: 'Skill', lineUuid: '', input, failure, skill};
}
