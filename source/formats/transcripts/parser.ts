import {answer, owners, settled, track, type TranscriptInvocation, type Tracked} from './invocation.js';

export type {InvocationKind, TranscriptInvocation, Trigger} from './invocation.js';
import {
	actionName,
	blocksOf,
	commandArgs,
	commandName,
	contentText,
	endsWindow,
	isCommandLine,
	isHumanPrompt,
	isObject,
	isSkillTool,
	messageOf,
	pluginOf,
	skillCallOf,
	timestampMs,
} from './lines.js';

type Json = Record<string, unknown>;

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

			if (!tracked.tentative) invocations.push(settled(tracked, tracked === this.current));
		}

		return {invocations, resumeOffset, resumeLine};
	}

	private open(tracked: Tracked): Tracked {
		this.closeWindow();
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
				const tracked = this.open(track({
					key: `cc:tu:${call.id}`,
					skillName: call.skillName,
					plugin: pluginOf(call.skillName),
					kind: 'skill',
					trigger: this.subagent ? 'subagent' : 'model',
					invokedAtMs: at,
					status: 'pending',
					...owners(line),
					args: call.args ?? null,
					line: lineNumber,
					offset,
					tentative: false,
					ownMessageId: typeof messageId === 'string' ? messageId : null,
				}));
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
		const tracked = this.open(track({
			key: `cc:cmd:${line.uuid}`,
			skillName: name,
			plugin: pluginOf(name),
			kind: 'command',
			trigger: 'user',
			invokedAtMs: at,
			status: 'succeeded',
			...owners(line),
			args: commandArgs(line) ?? null,
			line: lineNumber,
			offset,
			tentative: true,
			ownMessageId: null,
		}));
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
			answer(invoked, line, block);
		}

		const caller = this.followUpCalls.get(id);
		if (caller) {
			this.followUpCalls.delete(id);
			caller.awaiting -= 1;
			if (failed) caller.toolErrors += 1;
		}
	}
}
