/**
 * Builders for synthetic Claude Code transcripts (transcripts.md), line by line, in the shapes the
 * real files of fixtures/claude-code hold (field names copied from them). Tests compute their
 * expected values by hand from the lines they build, so every builder says exactly what it writes:
 * timestamps are explicit seconds after the session's start (`at`), never "now".
 */
import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';

export type Line = Record<string, unknown>;

export const VERSION = '2.1.39';

/** Claude Code's folder name for a launch directory: every character not an ASCII letter or digit becomes `-`. */
export function folderOf(cwd: string): string {
	return cwd.replaceAll(/[^a-zA-Z0-9]/g, '-');
}

export interface SessionOptions {
	sessionId: string;
	cwd: string;
	/** ISO-8601 instant of `at: 0`. */
	start?: string;
	/** A subagent file: every line gets `isSidechain: true` and this `agentId`; `sessionId` stays the parent's. */
	agentId?: string;
	gitBranch?: string;
}

export interface At {
	/** Seconds after the session's start (fractions allowed); the previous line's plus one when left out. */
	at?: number;
}

export interface AssistantOptions extends At {
	/** `message.id`: lines of one model response share it and repeat its usage. */
	messageId?: string;
	outputTokens?: number;
}

export interface ToolUse {
	type: 'tool_use';
	id: string;
	name: string;
	input: Record<string, unknown>;
}

/** Builds one session file's lines in order; every method appends one line and returns what tests need. */
export class Session {
	readonly lines: Line[] = [];
	readonly sessionId: string;
	cwd: string;
	private readonly startMs: number;
	private lastAt = -1;
	private lastUuid: string | null = null;
	private counter = 0;

	constructor(private readonly options: SessionOptions) {
		this.sessionId = options.sessionId;
		this.cwd = options.cwd;
		this.startMs = Date.parse(options.start ?? '2026-03-02T10:00:00.000Z');
	}

	/** The ISO timestamp `seconds` after the start. */
	iso(seconds: number): string {
		return new Date(this.startMs + Math.round(seconds * 1000)).toISOString();
	}

	/** Epoch ms of `seconds` after the start. */
	ms(seconds: number): number {
		return this.startMs + Math.round(seconds * 1000);
	}

	/** A fresh id with a readable prefix, unique within the session. */
	id(prefix: string): string {
		this.counter += 1;
		return `${prefix}${this.sessionId.slice(0, 8)}${String(this.counter).padStart(6, '0')}`;
	}

	uuid(): string {
		this.counter += 1;
		const tail = String(this.counter).padStart(12, '0');
		return `${this.sessionId.slice(0, 8)}-0000-4000-8000-${tail}`;
	}

	private timestamp(at: number | undefined): string {
		const seconds = at ?? this.lastAt + 1;
		this.lastAt = seconds;
		return this.iso(seconds);
	}

	private envelope(fields: Line, at: number | undefined, options: {uuid?: string; parentUuid?: string | null} = {}): Line {
		const uuid = options.uuid ?? this.uuid();
		const line: Line = {
			parentUuid: options.parentUuid === undefined ? this.lastUuid : options.parentUuid,
			isSidechain: this.options.agentId !== undefined,
			userType: 'external',
			cwd: this.cwd,
			sessionId: this.sessionId,
			version: VERSION,
			gitBranch: this.options.gitBranch ?? 'main',
			...(this.options.agentId === undefined ? {} : {agentId: this.options.agentId}),
			...fields,
			uuid,
			timestamp: this.timestamp(at),
		};
		this.lastUuid = uuid;
		this.lines.push(line);
		return line;
	}

	/** A line given whole (for shapes no builder makes). */
	raw(line: Line): Line {
		this.lines.push(line);
		return line;
	}

	/** What a human typed. */
	prompt(text: string, options: At & {promptId?: string} = {}): string {
		const line = this.envelope({type: 'user', message: {role: 'user', content: text}, ...(options.promptId ? {promptId: options.promptId} : {})}, options.at);
		return line.uuid as string;
	}

	/** One `assistant` line with these content blocks. */
	assistant(content: unknown[], options: AssistantOptions = {}): string {
		const messageId = options.messageId ?? this.id('msg_01');
		this.envelope(
			{
				message: {
					model: 'claude-opus-4-6',
					id: messageId,
					type: 'message',
					role: 'assistant',
					content,
					stop_reason: null,
					stop_sequence: null,
					usage: {input_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 1000, output_tokens: options.outputTokens ?? 0, service_tier: 'standard'},
				},
				requestId: `req_${messageId}`,
				type: 'assistant',
			},
			options.at,
		);
		return messageId;
	}

	text(text: string, options: AssistantOptions = {}): string {
		return this.assistant([{type: 'text', text}], options);
	}

	/** A `tool_use` block (not written: pass it to `assistant`, or use `tool`). */
	block(name: string, input: Record<string, unknown>, id = this.id('toolu_01')): ToolUse {
		return {type: 'tool_use', id, name, input};
	}

	/** An assistant line calling one tool; returns the tool_use id. */
	tool(name: string, input: Record<string, unknown>, options: AssistantOptions & {id?: string} = {}): string {
		const block = this.block(name, input, options.id);
		this.assistant([block], options);
		return block.id;
	}

	/** The model calls a skill: `Skill` with `input.skill` (or the early `input.command`). */
	skill(name: string, options: AssistantOptions & {id?: string; args?: string; field?: 'skill' | 'command'} = {}): string {
		const input: Record<string, unknown> = {[options.field ?? 'skill']: name};
		if (options.args !== undefined) input.args = options.args;
		return this.tool('Skill', input, options);
	}

	/** The legacy tool (1.0.123–2.1.2): `SlashCommand` with `input.command: "/name args"`. */
	slashCommand(command: string, options: AssistantOptions & {id?: string} = {}): string {
		return this.tool('SlashCommand', {command}, options);
	}

	/** A user line with tool_result blocks (one per entry), as Claude Code writes results. */
	results(entries: Array<{id: string; content?: unknown; isError?: boolean}>, options: At & {toolUseResult?: unknown} = {}): string {
		const content = entries.map(entry => ({
			type: 'tool_result',
			tool_use_id: entry.id,
			content: entry.content ?? 'ok',
			...(entry.isError === undefined ? {} : {is_error: entry.isError}),
		}));
		const line = this.envelope(
			{
				type: 'user',
				message: {role: 'user', content},
				...(options.toolUseResult === undefined ? {} : {toolUseResult: options.toolUseResult}),
			},
			options.at,
		);
		return line.uuid as string;
	}

	/** The result of one tool call. */
	result(id: string, options: At & {content?: unknown; isError?: boolean; toolUseResult?: unknown} = {}): string {
		return this.results([{id, content: options.content, isError: options.isError}], options);
	}

	/** A skill loaded: its result (`Launching skill: name`) then the `isMeta` body with `sourceToolUseID`. */
	skillLoaded(id: string, name: string, options: At & {body?: string; dir?: string} = {}): void {
		const resultUuid = this.result(id, {at: options.at, content: `Launching skill: ${name}`, toolUseResult: {success: true, commandName: name}});
		const dir = options.dir ?? `/home/u/.claude/skills/${name}`;
		this.envelope(
			{type: 'user', message: {role: 'user', content: [{type: 'text', text: `Base directory for this skill: ${dir}\n\n${options.body ?? `# ${name}`}`}]}, isMeta: true, sourceToolUseID: id},
			this.lastAt,
			{parentUuid: resultUuid},
		);
	}

	/** Claude Code's echo of a model's call as a command line (`sourceToolUseID`, no leading `/`), as some builds write it. */
	echo(id: string, name: string, options: At = {}): string {
		const line = this.envelope({type: 'user', message: {role: 'user', content: `<command-message>The "${name}" skill is running</command-message>\n<command-name>${name}</command-name>`}, sourceToolUseID: id}, options.at);
		return line.uuid as string;
	}

	/**
	 * The user types `/name args`: the command line as Claude Code writes it (`<command-message>`
	 * first, as 2.1.38 does; `order: 'name-first'` as other builds do). Returns its uuid.
	 */
	command(name: string, options: At & {args?: string; order?: 'message-first' | 'name-first'; promptId?: string} = {}): string {
		const message = `<command-message>${name.replace(/^\//, '')}</command-message>`;
		const named = `<command-name>/${name.replace(/^\//, '')}</command-name>`;
		const args = options.args === undefined ? '' : `\n<command-args>${options.args}</command-args>`;
		const content = options.order === 'name-first' ? `${named}\n            ${message}${args}` : `${message}\n${named}${args}`;
		const line = this.envelope({type: 'user', message: {role: 'user', content}, ...(options.promptId ? {promptId: options.promptId} : {})}, options.at);
		return line.uuid as string;
	}

	/** The expanded prompt of a user command: `isMeta: true`, child of the command line (or paired by `promptId` only). */
	body(parentUuid: string | null, text: string, options: At & {promptId?: string} = {}): string {
		const line = this.envelope(
			{type: 'user', message: {role: 'user', content: [{type: 'text', text}]}, isMeta: true, ...(options.promptId ? {promptId: options.promptId} : {})},
			options.at,
			{parentUuid},
		);
		return line.uuid as string;
	}

	/** The body of a SKILL.md typed by the user. */
	skillBody(parentUuid: string, name: string, options: At & {promptId?: string} = {}): string {
		return this.body(parentUuid, `Base directory for this skill: /home/u/.claude/skills/${name}\n\n# ${name}\n\nDo the thing.`, options);
	}

	/** A built-in typed by the user, as `user` lines: caveat, command line, `<local-command-stdout>`. */
	builtIn(name: string, options: At & {stdout?: string} = {}): string {
		this.envelope(
			{type: 'user', message: {role: 'user', content: '<local-command-caveat>Caveat: The messages below were generated by the user while running local commands. DO NOT respond to these messages or otherwise consider them in your response unless the user explicitly asks you to.</local-command-caveat>'}, isMeta: true},
			options.at,
		);
		const uuid = this.envelope({type: 'user', message: {role: 'user', content: `<command-name>/${name}</command-name>\n            <command-message>${name}</command-message>\n            <command-args></command-args>`}}, this.lastAt).uuid as string;
		this.envelope({type: 'user', message: {role: 'user', content: `<local-command-stdout>${options.stdout ?? 'Done'}</local-command-stdout>`}}, this.lastAt);
		return uuid;
	}

	/** A built-in recorded as `system/local_command` lines (command, then its stdout). */
	localCommand(name: string, options: At & {stdout?: string} = {}): void {
		this.envelope({type: 'system', subtype: 'local_command', content: `<command-name>/${name}</command-name>\n            <command-message>${name}</command-message>\n            <command-args></command-args>`, level: 'info', isMeta: false}, options.at);
		this.envelope({type: 'system', subtype: 'local_command', content: `<local-command-stdout>${options.stdout ?? 'Done'}</local-command-stdout>`, level: 'info', isMeta: false}, this.lastAt);
	}

	/** `system` lines: `turn_duration`, `stop_hook_summary`, `compact_boundary`, or any other subtype. */
	system(subtype: string, options: At = {}): void {
		const fields: Line = {type: 'system', subtype, isMeta: false};
		if (subtype === 'turn_duration') fields.durationMs = 12_345;
		if (subtype === 'stop_hook_summary') Object.assign(fields, {hookCount: 1, hookInfos: [{command: 'hook.sh'}], hookErrors: [], preventedContinuation: false, stopReason: '', hasOutput: false, level: 'suggestion'});
		if (subtype === 'compact_boundary') Object.assign(fields, {content: 'Conversation compacted', level: 'info', compactMetadata: {trigger: 'auto', preTokens: 167_731}});
		this.envelope(fields, options.at, subtype === 'compact_boundary' ? {parentUuid: null} : {});
	}

	/** A `progress/hook_progress` line. */
	hookProgress(options: At & {toolUseId?: string} = {}): void {
		this.envelope(
			{type: 'progress', data: {type: 'hook_progress', hookEvent: 'PostToolUse', hookName: 'PostToolUse:Skill', command: 'hook.sh'}, ...(options.toolUseId ? {parentToolUseID: options.toolUseId, toolUseID: options.toolUseId} : {})},
			options.at,
		);
	}

	/** A `progress/agent_progress` line: a copy of a subagent's message (here an assistant line with these blocks). */
	agentProgress(content: unknown[], options: At & {agentId?: string; parentToolUseId?: string; messageType?: 'assistant' | 'user'} = {}): void {
		const at = options.at ?? this.lastAt + 1;
		const inner = options.messageType === 'user'
			? {type: 'user', message: {role: 'user', content}, uuid: this.uuid(), timestamp: this.iso(at)}
			: {type: 'assistant', timestamp: this.iso(at), message: {model: 'claude-haiku-4-5-20251001', id: this.id('msg_01'), type: 'message', role: 'assistant', content, usage: {input_tokens: 2, output_tokens: 77}}, requestId: 'req_x', uuid: this.uuid()};
		this.envelope(
			{type: 'progress', data: {message: inner, normalizedMessages: [], type: 'agent_progress', prompt: 'Do it', agentId: options.agentId ?? 'a1b2c3d'}, toolUseID: `agent_msg_${this.counter}`, parentToolUseID: options.parentToolUseId ?? 'toolu_parent'},
			at,
		);
	}

	/** An `attachment` line (a skill listing or a skill body re-injected after compaction). */
	attachment(content: string, options: At & {attachmentType?: string} = {}): void {
		this.envelope({type: 'attachment', attachment: {type: options.attachmentType ?? 'invoked_skills', content}}, options.at);
	}

	/** The user line a compaction writes: `isCompactSummary: true`. */
	compactSummary(text: string, options: At = {}): void {
		this.envelope({type: 'user', message: {role: 'user', content: text}, isCompactSummary: true, isVisibleInTranscriptOnly: true}, options.at);
	}

	/** A `<task-notification>` written as a plain user string line (not a human prompt). */
	taskNotification(options: At = {}): void {
		this.envelope(
			{type: 'user', message: {role: 'user', content: '<task-notification>\n<task-id>be613ab</task-id>\n<status>completed</status>\n<summary>Background command completed (exit code 0)</summary>\n</task-notification>'}},
			options.at,
		);
	}

	/** A user line Claude Code writes itself (`<system-reminder>…`, `[Request interrupted by user]`, …). */
	userText(content: string, options: At & {isMeta?: boolean} = {}): void {
		this.envelope({type: 'user', message: {role: 'user', content}, ...(options.isMeta ? {isMeta: true} : {})}, options.at);
	}

	/** Lines that are never invocations and carry no timestamp of interest. */
	snapshot(): void {
		const messageId = this.uuid();
		this.lines.push({type: 'file-history-snapshot', messageId, snapshot: {messageId, trackedFileBackups: {}, timestamp: this.iso(Math.max(0, this.lastAt))}, isSnapshotUpdate: false});
	}

	queueOperation(content: string, options: At = {}): void {
		this.lines.push({type: 'queue-operation', operation: 'enqueue', timestamp: this.timestamp(options.at), sessionId: this.sessionId, content});
	}

	summary(text: string): void {
		this.lines.push({type: 'summary', summary: text, leafUuid: this.lastUuid});
	}

	/** The file's text: one JSON object a line, each ending in a newline. */
	jsonl(): string {
		return toJsonl(this.lines);
	}
}

export function toJsonl(lines: readonly Line[]): string {
	return lines.map(line => `${JSON.stringify(line)}\n`).join('');
}

/** Where a session's file lives under a Claude Code root (2.1.2 on; `legacy` puts subagents beside sessions). */
export function transcriptPath(root: string, file: {cwd: string; sessionId: string; agentId?: string; folder?: string; legacy?: boolean}): string {
	const folder = path.join(root, 'projects', file.folder ?? folderOf(file.cwd));
	if (file.agentId === undefined) return path.join(folder, `${file.sessionId}.jsonl`);
	if (file.legacy) return path.join(folder, `agent-${file.agentId}.jsonl`);
	return path.join(folder, file.sessionId, 'subagents', `agent-${file.agentId}.jsonl`);
}

/** Writes a session (or subagent) file under `root`; returns its path. */
export async function writeSession(root: string, session: Session, options: {agentId?: string; folder?: string; legacy?: boolean; text?: string | Buffer} = {}): Promise<string> {
	const file = transcriptPath(root, {cwd: firstCwd(session), sessionId: session.sessionId, ...options});
	await mkdir(path.dirname(file), {recursive: true});
	await writeFile(file, options.text ?? session.jsonl());
	return file;
}

/** The launch directory Claude Code would file the session under: the first line's `cwd`. */
function firstCwd(session: Session): string {
	const line = session.lines.find(entry => typeof entry.cwd === 'string');
	return (line?.cwd as string | undefined) ?? session.cwd;
}
