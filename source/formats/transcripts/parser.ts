import {type Carry, carryFrom, noCarry, pendingGhosts, type Settlement, settlementsOf, watchedGhosts} from './carry.js';
import {Commands} from './commands.js';
import {type Listed, listedSkills} from './listing.js';
import {answer, noteActivity, owners, type Report, settled, takeBody, track, type TranscriptInvocation, type Tracked} from './invocation.js';

export type {InvocationKind, TranscriptInvocation, Trigger} from './invocation.js';
import {
	actionName,
	blocksOf,
	contentText,
	endsWindow,
	isCommandLine,
	isHumanPrompt,
	isSkillTool,
	messageOf,
	nameProblem,
	pluginOf,
	skillCallOf,
	timestampMs,
	timestampProblem,
} from './lines.js';
import {markInterrupt, markResult, resultBlocks} from './outcome.js';

type Json = Record<string, unknown>;

/**
 * The state machine of transcripts.md (invocations, windows) and outcomes.md (outcomes, retries,
 * bodies) over one file's lines, in file order. Lines are fed parsed; `idle` says when a line
 * without any invocation marker can be skipped unparsed.
 */
export class TranscriptParser {
	private readonly found: Tracked[] = [];
	private current: Tracked | undefined;
	private readonly results = new Map<string, Tracked>();
	private readonly followUpCalls = new Map<string, Tracked>();
	/** Model calls whose body line (`isMeta`, `sourceToolUseID`) is still to come. */
	private readonly bodies = new Map<string, Tracked>();
	private readonly commands = new Commands();
	/** Invocations that may still be retried: fewer than two human prompts since them. */
	private watched: Tracked[] = [];
	/** The invocations of the turn in progress. */
	private turn: Tracked[] = [];
	/** Where the human prompts of this read are: a carried horizon counts those before the next resume. */
	private readonly promptOffsets: number[] = [];
	/** The skills offered to the model in this read (listing.ts). */
	private readonly listed: Listed[] = [];
	/** Invocations of earlier reads this one may still settle (carry.ts). */
	private readonly ghosts: Tracked[];

	constructor(
		private readonly subagent: boolean,
		private readonly report: Report = () => undefined,
		carry: Carry = noCarry(),
	) {
		const watched = watchedGhosts(carry);
		const pending = pendingGhosts(carry);
		this.ghosts = [...watched, ...pending];
		this.watched.push(...watched);
		for (const tracked of pending) this.results.set(tracked.callId!, tracked);
	}

	/** Nothing open that a line without a marker could close, extend, answer or give a body to. */
	get idle(): boolean {
		return this.current === undefined && this.commands.idle && this.bodies.size === 0 && this.watched.length === 0;
	}

	/** Only the retry horizons are open: of the lines without a marker, only human prompts matter. */
	get onlyPrompts(): boolean {
		return this.current === undefined && this.commands.idle && this.bodies.size === 0;
	}

	/** Calls whose results are still to come: a line carrying a tool_result may answer one. */
	get awaitingResults(): boolean {
		return this.results.size > 0 || this.followUpCalls.size > 0;
	}

	feed(line: Json, offset: number, lineNumber: number): void {
		if (line.type === 'assistant') this.assistant(line, offset, lineNumber);
		else if (line.type === 'user') this.user(line, offset, lineNumber);
		else if (line.type === 'system' && endsWindow(line)) this.endTurnOrWindow(line, offset);
		else if (line.type === 'attachment') this.listed.push(...listedSkills(line));
		// progress, other attachments, summary, snapshots, queue operations: never invocations.
	}

	/** The invocations found, and where a later read must start again to settle the open ones. */
	finish(endOffset: number, endLine: number): {invocations: TranscriptInvocation[]; resumeOffset: number; resumeLine: number; carry: Carry; settlements: Settlement[]; listed: Listed[]} {
		let resumeOffset = endOffset;
		let resumeLine = endLine;
		const invocations: TranscriptInvocation[] = [];
		for (const tracked of this.found) {
			const windowOpen = tracked === this.current;
			const open = windowOpen || tracked.tentative || (tracked.awaiting > 0 && !tracked.turnEnded);
			if (open && tracked.offset < resumeOffset) {
				resumeOffset = tracked.offset;
				// The lines before the invocation's own: a read from there numbers it as before.
				resumeLine = tracked.line - 1;
			}

			if (!tracked.tentative) invocations.push(settled(tracked, windowOpen));
		}

		const waiting = [...this.found, ...this.ghosts].filter(tracked => tracked.status === 'pending');
		const carry = carryFrom(this.watched, waiting, this.promptOffsets, resumeOffset);
		return {invocations, resumeOffset, resumeLine, carry, settlements: settlementsOf(this.ghosts), listed: this.listed};
	}

	private open(tracked: Tracked): Tracked {
		this.closeWindow();
		this.found.push(tracked);
		this.turn.push(tracked);
		this.current = tracked;
		if (!tracked.tentative) this.watch(tracked);
		return tracked;
	}

	/** outcomes.md, `retried`: the same skill again before the second human prompt after an earlier use. */
	private watch(tracked: Tracked): void {
		for (const earlier of this.watched) if (earlier.skillName === tracked.skillName) earlier.retried = true;
		this.watched.push(tracked);
	}

	private closeWindow(): void {
		this.current = undefined;
	}

	/**
	 * A human prompt or command line ends the turn: a tentative command not confirmed was a
	 * built-in. A result may still come later in the file (transcripts.md pairs by id, not by
	 * turn), but a later read does not start again before the turn for it.
	 */
	private endTurnOrWindow(line: Json, offset: number): void {
		if (this.current) markInterrupt(this.current.marks, line);
		this.closeWindow();
		const human = isHumanPrompt(line);
		if (!human && !isCommandLine(line)) return;
		for (const tracked of this.turn) tracked.turnEnded = true;
		this.turn = [];
		this.bodies.clear();
		for (const dropped of this.commands.dropTentative()) this.found.splice(this.found.indexOf(dropped), 1);
		if (!human || this.watched.length === 0) return;
		this.promptOffsets.push(offset);
		for (const tracked of this.watched) tracked.promptsAfter += 1;
		this.watched = this.watched.filter(tracked => tracked.promptsAfter < 2);
	}

	private assistant(line: Json, offset: number, lineNumber: number): void {
		const blocks = blocksOf(line);
		const calls = blocks.map(block => skillCallOf(block));
		if (!calls.some(Boolean)) if (this.current) noteActivity(this.current, line);
		const messageId = messageOf(line)?.id;
		for (const [index, block] of blocks.entries()) {
			const call = calls[index];
			if (call) {
				const at = timestampMs(line);
				const problem = at === undefined ? timestampProblem(line) : nameProblem(call.skillName);
				if (problem) {
					this.report(lineNumber, problem);
					continue;
				}

				const tracked = this.open(track({
					key: `cc:tu:${call.id}`,
					skillName: call.skillName,
					plugin: pluginOf(call.skillName),
					kind: 'skill',
					trigger: this.subagent ? 'subagent' : 'model',
					invokedAtMs: at!,
					status: 'pending',
					...owners(line),
					args: call.rawArgs ?? null,
					line: lineNumber,
					offset,
					tentative: false,
					ownMessageId: typeof messageId === 'string' ? messageId : null,
					callId: call.id,
				}));
				tracked.awaiting += 1;
				this.results.set(call.id, tracked);
				this.bodies.set(call.id, tracked);
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
		// Claude Code's own lines about a model's call: its echo as a command line, its body.
		if (typeof line.sourceToolUseID === 'string') {
			const called = this.bodies.get(line.sourceToolUseID);
			if (line.isMeta === true && called) {
				this.bodies.delete(line.sourceToolUseID);
				takeBody(called, contentText(messageOf(line)?.content));
			}

			return;
		}

		if (line.isMeta === true) {
			const confirmed = this.commands.confirm(line);
			if (confirmed) this.watch(confirmed);
			return;
		}

		const results = resultBlocks(line);
		if (results.length > 0) {
			if (this.current) noteActivity(this.current, line);
			for (const result of results) this.result(line, result);
			return;
		}

		if (!endsWindow(line)) {
			if (this.current) markInterrupt(this.current.marks, line);
			return;
		}

		this.endTurnOrWindow(line, offset);
		const command = this.commands.typed(line, offset, lineNumber, this.report);
		if (command) this.open(command);
	}

	private result(line: Json, block: Json): void {
		const id = typeof block.tool_use_id === 'string' ? block.tool_use_id : undefined;
		if (this.current) markResult(this.current.marks, line, block, this.current.callId);
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
