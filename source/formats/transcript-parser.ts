import type {Status} from '../domain/types.js';
import {
	actionName,
	blocksOf,
	commandArgs,
	commandName,
	contentText,
	endsWindow,
	errorTypeOf,
	isCommandLine,
	isHumanPrompt,
	isObject,
	isSkillTool,
	messageOf,
	pluginOf,
	resultText,
	skillCallOf,
	timestampMs,
} from './transcript-lines.js';

export type Trigger = 'model' | 'user' | 'subagent';
export type InvocationKind = 'skill' | 'command';

/** One skill or command invocation found in a transcript, with its window (transcripts.md). */
export interface TranscriptInvocation {
	/** `cc:tu:<tool_use id>` or `cc:cmd:<command line uuid>`: the same in every copy of the line. */
	key: string;
	skillName: string;
	plugin: string | null;
	kind: InvocationKind;
	trigger: Trigger;
	invokedAtMs: number;
	status: Status;
	errorType: string | null;
	errorText: string | null;
	loadMs: number | null;
	durationMs: number;
	followUps: string[];
	toolErrors: number;
	outputTokens: number;
	sessionId: string | null;
	agentId: string | null;
	args: string | null;
	/** 1-based line number and byte offset of the invocation's line in its file. */
	line: number;
	offset: number;
	/** Its window reaches the end of what was read: a later read may still change it. */
	windowOpen: boolean;
}

interface Tracked extends TranscriptInvocation {
	/** A user command line whose body line has not been seen (yet): a built-in until it is. */
	tentative: boolean;
	/** Calls (its own or its follow-ups') whose results are still to come. */
	awaiting: number;
	/** A human prompt or a command line came after it: whatever it still awaits will not come. */
	turnEnded: boolean;
	maxTimestampMs: number;
	ownMessageId: string | null;
	messageTokens: Map<string, number>;
}

type Json = Record<string, unknown>;

const ERROR_TEXT_CHARS = 300;

/**
 * The state machine of transcripts.md over one file's lines, in file order. Lines are fed parsed;
 * `idle` says when a line without any invocation marker can be skipped unparsed (nothing is open
 * that such a line could close, extend or answer).
 */
export class TranscriptParser {
	private readonly found: Tracked[] = [];
	private current: Tracked | undefined;
	private readonly results = new Map<string, Tracked>();
	private readonly followUpCalls = new Map<string, Tracked>();
	private readonly commandsByUuid = new Map<string, Tracked>();
	private readonly commandsByPrompt = new Map<string, Tracked>();
	/** The invocations of the turn in progress. */
	private turn: Tracked[] = [];

	constructor(private readonly subagent: boolean) {}

	/** Nothing open that a line without a marker could close or extend (results aside: see below). */
	get idle(): boolean {
		return this.current === undefined && this.commandsByUuid.size === 0;
	}

	/** Calls whose results are still to come: a line carrying a tool_result may answer one. */
	get awaitingResults(): boolean {
		return this.results.size > 0 || this.followUpCalls.size > 0;
	}

	feed(line: Json, offset: number, lineNumber: number): void {
		switch (line.type) {
			case 'assistant': {
				this.assistant(line, offset, lineNumber);
				break;
			}

			case 'user': {
				this.user(line, offset, lineNumber);
				break;
			}

			case 'system': {
				if (endsWindow(line)) this.endTurnOrWindow(line);
				break;
			}

			default: // progress, attachment, summary, snapshots, queue operations: never invocations.
		}
	}

	/** The invocations found, and where a later read must start again to settle the open ones. */
	finish(endOffset: number, endLine: number): {invocations: TranscriptInvocation[]; resumeOffset: number; resumeLine: number} {
		let resumeOffset = endOffset;
		let resumeLine = endLine;
		const invocations: TranscriptInvocation[] = [];
		for (const tracked of this.found) {
			const open = tracked === this.current || tracked.tentative || (tracked.awaiting > 0 && !tracked.turnEnded);
			if (open && tracked.offset < resumeOffset) {
				resumeOffset = tracked.offset;
				// The lines before the invocation's own: a read from there numbers it as before.
				resumeLine = tracked.line - 1;
			}

			if (tracked.tentative) continue;
			const windowOpen = tracked === this.current;
			const {tentative: _t, awaiting: _a, turnEnded: _e, maxTimestampMs, ownMessageId: _o, messageTokens, ...invocation} = tracked;
			invocations.push({
				...invocation,
				windowOpen,
				durationMs: maxTimestampMs - tracked.invokedAtMs,
				outputTokens: [...messageTokens.values()].reduce((sum, tokens) => sum + tokens, 0),
			});
		}

		return {invocations, resumeOffset, resumeLine};
	}

	private open(invocation: Omit<Tracked, 'maxTimestampMs' | 'messageTokens' | 'awaiting' | 'turnEnded'>): Tracked {
		this.closeWindow();
		const tracked: Tracked = {...invocation, awaiting: 0, turnEnded: false, maxTimestampMs: invocation.invokedAtMs, messageTokens: new Map()};
		this.found.push(tracked);
		this.turn.push(tracked);
		this.current = tracked;
		return tracked;
	}

	private closeWindow(): void {
		this.current = undefined;
	}

	/**
	 * A human prompt or command line ends the turn: a tentative command not confirmed was a
	 * built-in. A result may still come later in the file (transcripts.md pairs by id, not by
	 * turn), but a later read does not start again before the turn for it.
	 */
	private endTurnOrWindow(line: Json): void {
		this.closeWindow();
		if (!isHumanPrompt(line) && !isCommandLine(line)) return;
		for (const tracked of this.turn) tracked.turnEnded = true;
		this.turn = [];
		this.dropTentative();
	}

	private dropTentative(): void {
		for (const tracked of this.commandsByUuid.values()) {
			if (tracked.tentative) this.found.splice(this.found.indexOf(tracked), 1);
		}

		this.commandsByUuid.clear();
		this.commandsByPrompt.clear();
	}

	private activity(line: Json): void {
		const current = this.current;
		const at = timestampMs(line);
		if (!current) return;
		if (at !== undefined && at > current.maxTimestampMs) current.maxTimestampMs = at;
		if (line.type !== 'assistant') return;
		const message = messageOf(line);
		const id = typeof message?.id === 'string' ? message.id : undefined;
		const usage = isObject(message?.usage) ? message.usage : undefined;
		const tokens = typeof usage?.output_tokens === 'number' && Number.isFinite(usage.output_tokens) ? usage.output_tokens : 0;
		// One response spans several lines, each repeating its usage: each message counts once.
		if (id !== undefined && id !== current.ownMessageId) current.messageTokens.set(id, Math.max(current.messageTokens.get(id) ?? 0, tokens));
	}

	private assistant(line: Json, offset: number, lineNumber: number): void {
		const blocks = blocksOf(line);
		const calls = blocks.map(block => skillCallOf(block));
		if (!calls.some(Boolean)) this.activity(line);
		const messageId = messageOf(line)?.id;
		for (const [index, block] of blocks.entries()) {
			const call = calls[index];
			if (call) {
				const at = timestampMs(line);
				if (at === undefined) continue;
				const tracked = this.open({
					key: `cc:tu:${call.id}`,
					skillName: call.skillName,
					plugin: pluginOf(call.skillName),
					kind: 'skill',
					trigger: this.subagent ? 'subagent' : 'model',
					invokedAtMs: at,
					status: 'pending',
					errorType: null,
					errorText: null,
					loadMs: null,
					durationMs: 0,
					followUps: [],
					toolErrors: 0,
					outputTokens: 0,
					sessionId: typeof line.sessionId === 'string' ? line.sessionId : null,
					agentId: typeof line.agentId === 'string' ? line.agentId : null,
					args: call.args ?? null,
					line: lineNumber,
					offset,
					windowOpen: true,
					tentative: false,
					ownMessageId: typeof messageId === 'string' ? messageId : null,
				});
				tracked.awaiting += 1;
				this.results.set(call.id, tracked);
			} else if (block.type === 'tool_use' && !isSkillTool(block.name) && this.current) {
				const current = this.current;
				current.followUps.push(actionName(block));
				if (typeof block.id === 'string') {
					current.awaiting += 1;
					this.followUpCalls.set(block.id, current);
				}
			}
		}
	}

	private user(line: Json, offset: number, lineNumber: number): void {
		if (line.isMeta === true) {
			this.confirmCommand(line);
			return;
		}

		const results = blocksOf(line).filter(block => block.type === 'tool_result');
		if (results.length > 0) {
			this.activity(line);
			for (const result of results) this.result(line, result);
			return;
		}

		if (!endsWindow(line)) return;
		this.endTurnOrWindow(line);
		const name = commandName(line);
		const at = timestampMs(line);
		if (name === undefined || at === undefined || typeof line.uuid !== 'string') return;
		const tracked = this.open({
			key: `cc:cmd:${line.uuid}`,
			skillName: name,
			plugin: pluginOf(name),
			kind: 'command',
			trigger: 'user',
			invokedAtMs: at,
			status: 'succeeded',
			errorType: null,
			errorText: null,
			loadMs: null,
			durationMs: 0,
			followUps: [],
			toolErrors: 0,
			outputTokens: 0,
			sessionId: typeof line.sessionId === 'string' ? line.sessionId : null,
			agentId: typeof line.agentId === 'string' ? line.agentId : null,
			args: commandArgs(line) ?? null,
			line: lineNumber,
			offset,
			windowOpen: true,
			tentative: true,
			ownMessageId: null,
		});
		this.commandsByUuid.set(line.uuid, tracked);
		if (typeof line.promptId === 'string') this.commandsByPrompt.set(line.promptId, tracked);
	}

	/** The expanded prompt of a user command: it was a skill or a command, not a built-in. */
	private confirmCommand(line: Json): void {
		const byParent = typeof line.parentUuid === 'string' ? this.commandsByUuid.get(line.parentUuid) : undefined;
		const tracked = byParent ?? (typeof line.promptId === 'string' ? this.commandsByPrompt.get(line.promptId) : undefined);
		if (!tracked?.tentative) return;
		tracked.tentative = false;
		if (typeof tracked.key === 'string') this.commandsByUuid.delete(tracked.key.slice('cc:cmd:'.length));
		const body = contentText(messageOf(line)?.content).trimStart();
		tracked.kind = body.startsWith('Base directory for this skill:') ? 'skill' : 'command';
	}

	private result(line: Json, block: Json): void {
		const id = typeof block.tool_use_id === 'string' ? block.tool_use_id : undefined;
		if (id === undefined) return;
		const failed = block.is_error === true;
		const invoked = this.results.get(id);
		if (invoked) {
			this.results.delete(id);
			invoked.awaiting -= 1;
			const at = timestampMs(line);
			if (at !== undefined) invoked.loadMs = at - invoked.invokedAtMs;
			if (failed) {
				const text = resultText(block);
				invoked.status = 'failed';
				invoked.errorType = errorTypeOf(text, line.toolUseResult);
				invoked.errorText = text.slice(0, ERROR_TEXT_CHARS) || null;
			} else {
				invoked.status = 'succeeded';
			}
		}

		const caller = this.followUpCalls.get(id);
		if (caller) {
			this.followUpCalls.delete(id);
			caller.awaiting -= 1;
			if (failed) caller.toolErrors += 1;
		}
	}
}
