/**
 * What one transcript line says, as the invocation rules of transcripts.md read it. Pure: no I/O.
 * `toolUseResult` and `content` change shape between builds (string, object, array of blocks),
 * so every field is read defensively: a line of an unexpected shape is simply not an invocation.
 */

import {instantOutOfRange, MAX_SKILL_NAME_LENGTH} from '../bounds.js';

type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The text of a `content` that is a string, or the text blocks of an array joined. */
export function contentText(content: unknown): string {
	if (typeof content === 'string') return content;
	if (!Array.isArray(content)) return '';
	let text = '';
	for (const block of content) {
		if (isObject(block) && block.type === 'text' && typeof block.text === 'string') text += block.text;
	}

	return text;
}

export function messageOf(line: Json): Json | undefined {
	return isObject(line.message) ? line.message : undefined;
}

export function blocksOf(line: Json): Json[] {
	const content = messageOf(line)?.content;
	return Array.isArray(content) ? content.filter(isObject) : [];
}

/** Prefixes of user lines that Claude Code writes itself: not what a human typed. */
const NOT_HUMAN_PREFIXES = [
	'<command-name>',
	'<command-message>',
	'<local-command-stdout>',
	'<local-command-caveat>',
	'<system-reminder>',
	'<bash-input>',
	'<bash-stdout>',
	'<task-notification>',
	'<user-prompt-submit-hook>',
	'[Request interrupted by user',
];

export function hasToolResult(line: Json): boolean {
	return blocksOf(line).some(block => block.type === 'tool_result');
}

export function isHumanPrompt(line: Json): boolean {
	if (line.type !== 'user' || line.isMeta === true || line.isCompactSummary === true) return false;
	if (hasToolResult(line)) return false;
	const text = contentText(messageOf(line)?.content).trimStart();
	return !NOT_HUMAN_PREFIXES.some(prefix => text.startsWith(prefix));
}

/** The text of a command line (user or `system/local_command`), or undefined if it is none. */
function commandText(line: Json): string | undefined {
	let text: string;
	if (line.type === 'user') {
		if (line.isMeta === true || line.isCompactSummary === true) return undefined;
		text = contentText(messageOf(line)?.content);
	} else if (line.type === 'system' && typeof line.content === 'string') {
		text = line.content;
	} else {
		return undefined;
	}

	const start = text.trimStart();
	return start.startsWith('<command-name>') || start.startsWith('<command-message>') ? start : undefined;
}

export function isCommandLine(line: Json): boolean {
	return commandText(line) !== undefined;
}

/** The name a user command line names (`/name` → `name`), trimmed; undefined when it names none. */
export function commandName(line: Json): string | undefined {
	if (line.type !== 'user') return undefined;
	const text = commandText(line);
	if (text === undefined) return undefined;
	const named = /<command-name>([^<]*)<\/command-name>/.exec(text)?.[1] ?? /<command-message>([^<]*)<\/command-message>/.exec(text)?.[1];
	const name = named?.trim().replace(/^\//, '').trim();
	return name ? name : undefined;
}

export function commandArgs(line: Json): string | undefined {
	const text = commandText(line);
	const args = text === undefined ? undefined : /<command-args>([\s\S]*?)<\/command-args>/.exec(text)?.[1]?.trim();
	return args ? args : undefined;
}

const WINDOW_END_SUBTYPES = new Set(['turn_duration', 'stop_hook_summary', 'compact_boundary']);

/** A line that closes the open window (transcripts.md, "The window"), other than an invocation. */
export function endsWindow(line: Json): boolean {
	if (line.type === 'system' && typeof line.subtype === 'string' && WINDOW_END_SUBTYPES.has(line.subtype)) return true;
	return isHumanPrompt(line) || isCommandLine(line);
}

/** A skill tool call: the name it calls (plugin prefix kept) and its arguments. */
export interface SkillCall {
	id: string;
	skillName: string;
	args?: string;
	/** The arguments as the call gave them, untrimmed: a body was expanded with these. */
	rawArgs?: string;
}

/** A `Skill` (or legacy `SlashCommand`) tool_use block as a call, or undefined for any other block. */
export function skillCallOf(block: Json): SkillCall | undefined {
	if (block.type !== 'tool_use' || typeof block.id !== 'string' || !isObject(block.input)) return undefined;
	const input = block.input;
	let name: string | undefined;
	let rawArgs: string | undefined;
	if (block.name === 'Skill') {
		// Early 2.0.x builds wrote `command` where later ones write `skill`.
		const raw = typeof input.skill === 'string' ? input.skill : typeof input.command === 'string' ? input.command : undefined;
		name = raw?.trim().replace(/^\//, '').trim();
		if (typeof input.args === 'string') rawArgs = input.args;
	} else if (block.name === 'SlashCommand') {
		if (typeof input.command !== 'string') return undefined;
		const [first = '', ...rest] = input.command.trim().split(/\s+/);
		name = first.replace(/^\//, '');
		if (rest.length > 0) rawArgs = rest.join(' ');
	} else {
		return undefined;
	}

	if (!name) return undefined;
	const args = rawArgs?.trim();
	return {id: block.id, skillName: name, ...(args ? {args, rawArgs: rawArgs!} : {})};
}

export const isSkillTool = (name: unknown) => name === 'Skill' || name === 'SlashCommand';

/** `plugin:name` → `plugin` (before the last colon); NULL without one. */
export function pluginOf(skillName: string): string | null {
	const colon = skillName.lastIndexOf(':');
	return colon > 0 ? skillName.slice(0, colon) : null;
}

/** The text of a tool_result's content: a string, or the text blocks of an array. */
export function resultText(block: Json): string {
	return contentText(block.content);
}

/** transcripts.md, "Status and errors": first match wins. */
export function errorTypeOf(text: string, toolUseResult: unknown): string {
	if (text.includes('Unknown skill')) return 'unknown_skill';
	if (text.includes('disable-model-invocation')) return 'not_model_invocable';
	if (text.includes('Bash command failed for pattern')) return 'preprocess_failed';
	if (text.includes("doesn't want to proceed") || toolUseResult === 'User rejected tool use') return 'user_rejected';
	if (text.includes('Sibling tool call errored')) return 'sibling_error';
	if (text.includes('InputValidationError')) return 'invalid_input';
	return 'error';
}

/** A follow-up action's name; a Bash call is refined by the program it runs (`Bash:git`). */
export function actionName(block: Json): string {
	const name = typeof block.name === 'string' ? block.name : 'unknown';
	if (name !== 'Bash' || !isObject(block.input) || typeof block.input.command !== 'string') return name;
	const words = block.input.command.trim().split(/\s+/);
	// Skip leading VAR=value assignments and `sudo`/`env`, which say nothing of what ran.
	const program = words.find(word => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word) && word !== 'sudo' && word !== 'env');
	const base = program?.split('/').at(-1);
	return base && /^[\w.+-]{1,40}$/.test(base) ? `Bash:${base}` : name;
}

/** A line's instant, when it has one that is a date between 1970 and 2199 (the trackers' rule). */
export function timestampMs(line: Json): number | undefined {
	if (typeof line.timestamp !== 'string') return undefined;
	const ms = Date.parse(line.timestamp);
	return Number.isFinite(ms) && instantOutOfRange(ms * 1000) === undefined ? ms : undefined;
}

/** Why an invocation line's timestamp cannot be its instant (issue 22, D5 and D8). */
export function timestampProblem(line: Json): string {
	const shown = JSON.stringify(typeof line.timestamp === 'string' ? line.timestamp.slice(0, 40) : (line.timestamp ?? null));
	if (typeof line.timestamp !== 'string' || !Number.isFinite(Date.parse(line.timestamp))) return `timestamp ${shown} is not a date; the invocation is skipped`;
	return `timestamp ${shown} is ${instantOutOfRange(Date.parse(line.timestamp) * 1000)}; the invocation is skipped`;
}

/** A name longer than a tracker's is damage or an attack, not a skill (issue 22, D3). */
export function nameProblem(name: string): string | undefined {
	return name.length > MAX_SKILL_NAME_LENGTH ? `a skill name of ${name.length} characters (at most ${MAX_SKILL_NAME_LENGTH}); the invocation is skipped` : undefined;
}
