import {EnvelopeWriter, type CopyToParent, type SubagentFile} from './session-envelope.js';
import {imageCall, plainCall, skillCall, taskCall, type PendingCall} from './tool-calls.js';
import {resultBody} from './tool-results.js';
import {ASSISTANT_TEXTS, BUILT_INS, MODEL_SKILLS, skillListing, HOOKS_POST, HOOKS_PRE, PLUGIN_ROOT, PROMPTS, SKILL_ARGS, THOUGHTS, USER_COMMANDS, USER_SKILLS, CAVEAT, COMPACT_SUMMARY, COMPACTION_REMINDER, commandBody, skillBody} from './transcript-content.js';
import {HEX, iso, pick, token, uuid} from './transcript-ids.js';
import {drawSeed} from './transcript-random.js';

/**
 * One Claude Code session written line by line the way Claude Code 2.1.39 writes it (modelled on
 * the real files in samples/claude-code/): one model response is several `assistant` lines
 * sharing `message.id` and `requestId` and repeating `usage`, tool calls are followed by hook
 * `progress` lines and a `user` line with the `tool_result`, a loaded skill by its `isMeta` body,
 * a turn ends with `stop_hook_summary` and `turn_duration`. A seeded PRNG drives every choice, so
 * the same plan always gives the same bytes (whatever `sessionId` it is written under: a resumed
 * session is its original replayed under the new id, then continued).
 */

export class SessionWriter extends EnvelopeWriter {
	readonly subagentFiles: SubagentFile[] = [];
	private turnStarted = 0;
	private lastAgentId = '';
	private subagentsLeft = this.plan.subagents;
	private bigLinesLeft = this.plan.bigLines;
	private turns = 0;

	/** SessionStart hooks: how every real session file begins. */
	start(): void {
		const hookId = uuid(this.next);
		if (!this.agent) {
			for (const command of ['bd prime', `${PLUGIN_ROOT}/scripts/notify-session.sh`]) this.progress('SessionStart', 'startup', command, hookId, 1);
			// What the model was offered (issue 21): most sessions record a listing, with a few descriptions cut.
			if (this.next() < 0.8) {
				const listing = {type: 'skill_listing', content: skillListing(this.next() < 0.5 ? 4 : 0), skillCount: MODEL_SKILLS.length, isInitial: true};
				this.line('attachment', `"attachment":${JSON.stringify(listing)},`, 5);
			}
		}
	}

	/** Is the file big enough? */
	full(): boolean {
		return this.counts.bytes >= this.plan.targetBytes;
	}

	/** One turn: a prompt (typed, or a `/name`), the model's rounds of tool calls, the turn's end. */
	turn(): void {
		this.turns += 1;
		this.turnStarted = this.clock;
		// Some sessions `cd` into a subfolder: later lines carry the new cwd.
		if (!this.agent && this.turns === 3 && this.next() < 0.1) {
			this.cwd = `${this.plan.cwd}/assets`;
			this.rebuildHead();
		}

		if (!this.agent && this.context > 160_000) this.autoCompaction();
		const roll = this.next();
		if (!this.agent && roll < 0.04) {
			this.builtIn();
			return;
		}

		if (!this.agent && roll < 0.04 + this.plan.userCommandRate) this.userTyped();
		else this.prompt(pick(this.next, PROMPTS));
		if (!this.slugged && !this.agent) {
			this.slugged = true;
			this.rebuildHead();
		}

		const rounds = 1 + Math.floor(this.next() * (this.agent ? 4 : 6));
		for (let round = 0; round < rounds; round++) this.round(round === 0 && this.bigLinesLeft > 0 && this.counts.bytes >= this.nextImageAt());
		this.finalText();
		if (!this.agent) this.endTurn();
	}

	/** One screenshot in the first turn; several (the 1.5 GB file) spread evenly through the file. */
	private nextImageAt(): number {
		const shown = this.plan.bigLines - this.bigLinesLeft;
		return this.plan.bigLines <= 1 ? 0 : (shown * this.plan.targetBytes) / this.plan.bigLines;
	}

	/** Subagents of an ordinary session may start at once; the 1.5 GB file's are spread through it. */
	private nextSubagentAt(): number {
		const started = this.plan.subagents - this.subagentsLeft;
		return this.plan.subagents <= 2 ? 0 : (started * this.plan.targetBytes) / this.plan.subagents;
	}

	private prompt(text: string): void {
		const written = this.userLine(JSON.stringify({role: 'user', content: text}), ',"thinkingMetadata":{"maxThinkingTokens":31999},"todos":[],"permissionMode":"bypassPermissions"');
		if (!this.agent) this.snapshot(written.uuid);
		if (!this.agent && this.next() < 0.05) {
			this.emit(`{"type":"queue-operation","operation":"enqueue","timestamp":"${iso(this.clock + 900)}","sessionId":"${this.plan.sessionId}","content":${JSON.stringify(pick(this.next, PROMPTS))}}`);
			this.emit(`{"type":"queue-operation","operation":"remove","timestamp":"${iso(this.clock + 1400)}","sessionId":"${this.plan.sessionId}"}`);
		}
	}

	/** `/name args` typed by the user, then the isMeta body whose parentUuid is the command line. */
	private userTyped(): void {
		const isSkill = this.next() < 0.5;
		const name = pick(this.next, isSkill ? USER_SKILLS : USER_COMMANDS);
		const args = pick(this.next, SKILL_ARGS);
		const command = this.userLine(JSON.stringify({role: 'user', content: `<command-message>${name}</command-message>\n<command-name>/${name}</command-name>${args ? `\n<command-args>${args}</command-args>` : ''}`}));
		this.metaLine(command, isSkill ? `${skillBody(name, this.plan.home)}${args}` : commandBody(name, args));
		if (isSkill) this.counts.userSkills += 1;
		else this.counts.userCommands += 1;
	}

	/** A built-in (`/model`, `/compact`…): caveat, command line, its stdout; never an invocation. */
	private builtIn(): void {
		const name = pick(this.next, BUILT_INS);
		this.line('user', `"message":${JSON.stringify({role: 'user', content: CAVEAT})},"isMeta":true,`, 5000);
		this.line('user', `"message":${JSON.stringify({role: 'user', content: `<command-name>/${name}</command-name>\n            <command-message>${name}</command-message>\n            <command-args></command-args>`})},`, 1);
		const stdout = name === 'compact' ? '\u001B[2mCompacted (ctrl+o to see full summary)\u001B[22m' : name === 'model' ? 'Kept model as \u001B[1mDefault (recommended)\u001B[22m' : `${name} dialog dismissed`;
		this.line('user', `"message":${JSON.stringify({role: 'user', content: `<local-command-stdout>${stdout}</local-command-stdout>`})},`, 1);
		this.counts.builtIns += 1;
		if (name === 'compact') this.compaction('manual');
	}

	/** A writer for a subagent's own file, on this session's clock and cwd; its lines go to `lines`. */
	private subWriter(agentId: string, copy: CopyToParent, lines: string[]): SessionWriter {
		const sub = new SessionWriter({...this.plan, cwd: this.cwd, seed: drawSeed(this.next), startMs: this.clock, subagents: 0, bigLines: 0, targetBytes: 0}, {push: line => lines.push(line)}, {agentId, copy});
		sub.slugged = this.slugged;
		sub.rebuildHead();
		return sub;
	}

	/** Context ran full: the compaction agent's own file (never a user subagent), then the boundary. */
	private autoCompaction(): void {
		const agentId = `acompact-${HEX[Math.floor(this.next() * 256)]!}${HEX[Math.floor(this.next() * 256)]!}${HEX[Math.floor(this.next() * 256)]!}`;
		const lines: string[] = [];
		const sub = this.subWriter(agentId, () => undefined, lines);
		for (let i = 0; i < 3; i++) sub.line('user', `"message":${JSON.stringify({role: 'user', content: COMPACTION_REMINDER})},"isMeta":true,`, 2000);
		sub.finalText();
		this.clock = Math.max(this.clock, sub.clock);
		this.subagentFiles.push({agentId, lines});
		this.counts.compactionFiles += 1;
		this.compaction('auto');
	}

	/** compact_boundary (parentUuid null, logicalParentUuid) and the isCompactSummary user line. */
	compaction(trigger: 'manual' | 'auto'): void {
		const logical = this.parent;
		this.line('system', `"subtype":"compact_boundary","content":"Conversation compacted","isMeta":false,`, 20_000, `,"level":"info","logicalParentUuid":${logical ? `"${logical}"` : 'null'},"compactMetadata":{"trigger":"${trigger}","preTokens":${this.context}}`, null);
		this.line('user', `"message":${JSON.stringify({role: 'user', content: COMPACT_SUMMARY})},"isVisibleInTranscriptOnly":true,"isCompactSummary":true,`, 1);
		this.context = 12_000;
	}

	/** One model response: optional thinking and text lines, 1–3 tool calls, then their results. */
	private round(withImage: boolean): void {
		const messageId = token(this.next, 'msg_01', 22);
		const requestId = token(this.next, 'req_011C', 20);
		this.counts.assistantMessages += 1;
		this.context += 200 + Math.floor(this.next() * 3000);
		if (this.next() < 0.3) this.assistantLine(messageId, requestId, JSON.stringify({type: 'thinking', thinking: pick(this.next, THOUGHTS), signature: token(this.next, 'Eq', 180)}), Math.floor(this.next() * 9));
		if (this.next() < 0.5) this.assistantLine(messageId, requestId, JSON.stringify({type: 'text', text: pick(this.next, ASSISTANT_TEXTS)}), Math.floor(this.next() * 9));
		const width = withImage ? 1 : this.next() < 0.7 ? 1 : this.next() < 0.66 ? 2 : 3;
		const calls: PendingCall[] = [];
		for (let i = 0; i < width; i++) {
			const call = this.chooseCall(withImage, width);
			const last = i === width - 1;
			const block = JSON.stringify({type: 'tool_use', id: call.id, name: call.tool === 'Image' ? 'Read' : call.tool, input: call.input, caller: {type: 'direct'}});
			call.lineUuid = this.assistantLine(messageId, requestId, block, last ? 20 + Math.floor(this.next() * 600) : 1 + Math.floor(this.next() * 8)).uuid;
			calls.push(call);
		}

		// A sibling failure needs an errored call beside it: the first non-Skill call fails.
		const siblingFails = calls.some(call => call.failure?.content.includes('Sibling'));
		for (const call of calls) this.result(call, siblingFails && call.tool !== 'Skill' && call === calls.find(c => c.tool !== 'Skill'));
	}

	private chooseCall(withImage: boolean, width: number): PendingCall {
		const id = token(this.next, 'toolu_01', 22);
		this.counts.toolCalls += 1;
		if (withImage) {
			this.bigLinesLeft -= 1;
			return imageCall(id, this.next, this.plan.cwd);
		}

		const roll = this.next();
		if (roll < 1 / 6) return this.countSkill(skillCall(id, this.next, width));
		if (!this.agent && this.subagentsLeft > 0 && roll < 0.4 && this.counts.bytes >= this.nextSubagentAt()) {
			this.subagentsLeft -= 1;
			return taskCall(id);
		}

		return plainCall(id, this.next, this.plan.cwd, roll);
	}

	private countSkill(call: PendingCall): PendingCall {
		if (this.agent) this.counts.subagentSkills += 1;
		else this.counts.modelSkills += 1;
		if (call.failure && !this.agent) this.counts.modelSkillFailures += 1;
		return call;
	}

	/** Hooks, then the tool_result line (and a loaded skill's isMeta body). */
	private result(call: PendingCall, forcedError: boolean): void {
		const name = call.tool === 'Image' ? 'Read' : call.tool;
		if (call.tool === 'Task') {
			this.runSubagent(call);
		} else {
			const pre = Math.floor(this.next() * (call.tool === 'Bash' ? 4 : 2));
			for (let i = 0; i < pre; i++) this.progress('PreToolUse', name, HOOKS_PRE[i % HOOKS_PRE.length]!, call.id);
		}

		const failed = Boolean(call.failure) || forcedError;
		for (const command of HOOKS_POST) this.progress(failed ? 'PostToolUseFailure' : 'PostToolUse', name, command, call.id);
		const result = resultBody(call, forcedError, {next: this.next, cwd: this.plan.cwd, agentId: this.lastAgentId, counts: this.counts});
		const written = this.userLine(JSON.stringify({role: 'user', content: [result.block]}), `,"toolUseResult":${result.toolUseResult},"sourceToolAssistantUUID":"${call.lineUuid}"`, call.lineUuid);
		if (call.tool === 'Skill' && !call.failure) this.metaLine(written, `${skillBody(call.skill!, this.plan.home)}${String(call.input.args ?? '')}`, `,"sourceToolUseID":"${call.id}"`);
	}

	/** The subagent writes its own file; each of its message lines is copied here as agent_progress. */
	private runSubagent(call: PendingCall): void {
		const agentId = HEX[Math.floor(this.next() * 256)]!.slice(1) + HEX[Math.floor(this.next() * 256)]! + HEX[Math.floor(this.next() * 256)]! + HEX[Math.floor(this.next() * 256)]!;
		this.lastAgentId = agentId;
		const lines: string[] = [];
		const prompt = String(call.input.prompt);
		const sub = this.subWriter(agentId, this.agentProgress(call.id, prompt, agentId), lines);
		sub.userLine(JSON.stringify({role: 'user', content: prompt}), '', null);
		const rounds = 2 + Math.floor(sub.next() * 4);
		for (let round = 0; round < rounds; round++) sub.round(false);
		sub.finalText();
		this.clock = Math.max(this.clock, sub.clock);
		this.subagentFiles.push({agentId, lines});
		this.counts.subagentFiles += 1;
		this.counts.subagentSkills += sub.counts.subagentSkills;
		this.counts.toolCalls += sub.counts.toolCalls;
		this.counts.assistantMessages += sub.counts.assistantMessages;
	}

	private finalText(): void {
		this.assistantLine(token(this.next, 'msg_01', 22), token(this.next, 'req_011C', 20), JSON.stringify({type: 'text', text: pick(this.next, ASSISTANT_TEXTS)}), 40 + Math.floor(this.next() * 900));
		this.counts.assistantMessages += 1;
	}

	private endTurn(): void {
		const hook = uuid(this.next);
		this.line('system', `"subtype":"stop_hook_summary","hookCount":2,"hookInfos":[{"command":"${PLUGIN_ROOT}/hooks/stop-hook.sh"},{"command":"cd ${PLUGIN_ROOT}/hooks && bun run ./dist/on-stop-test.js"}],"hookErrors":[],"preventedContinuation":false,"stopReason":"","hasOutput":true,"level":"suggestion",`, 300, `,"toolUseID":"${hook}"`);
		this.line('system', `"subtype":"turn_duration","durationMs":${this.clock - this.turnStarted},`, 30, ',"isMeta":false');
		// A human thinks (or leaves) between turns.
		this.clock += Math.floor(this.next() * 600_000 * (this.plan.timeScale ?? 1));
	}

	/** A resumed session continues the copied conversation: same chain, a later clock. */
	continueFrom(parent: string | null, clock: number): void {
		this.parent = parent;
		this.clock = clock;
		this.slugged = true;
		this.rebuildHead();
	}
}
