import {drawSeed, transcriptRandom} from './transcript-random.js';
import {
	ASSISTANT_TEXTS, BASH_COMMANDS, BUILT_INS, HOOKS_POST, HOOKS_PRE, MODEL_SKILLS, PROMPTS, SKILL_ARGS, THOUGHTS,
	UNKNOWN_SKILLS, USER_COMMANDS, USER_ONLY_SKILLS, USER_SKILLS, bashOutput, commandBody, readOutput, skillBody, skillFailure,
	type SkillFailure,
} from './transcript-content.js';

/**
 * One Claude Code session written line by line the way Claude Code 2.1.39 writes it (modelled on
 * the real files in samples/claude-code/): every line carries the envelope (parentUuid chain,
 * cwd, sessionId, version, gitBranch, slug), one model response is several `assistant` lines
 * sharing `message.id` and `requestId` and repeating `usage`, tool calls are followed by hook
 * `progress` lines and a `user` line with the `tool_result`, a loaded skill by its `isMeta` body,
 * a turn ends with `stop_hook_summary` and `turn_duration`. A seeded PRNG drives every choice, so
 * the same plan always gives the same bytes (whatever `sessionId` it is written under: a resumed
 * session is its original replayed under the new id, then continued).
 */

export interface SessionCounts {
	lines: number;
	bytes: number;
	toolCalls: number;
	/** Skill tool_use blocks in main files (each one row), and how many of them got an is_error result. */
	modelSkills: number;
	modelSkillFailures: number;
	/** Skill tool_use blocks in subagent files (rows with trigger `subagent`). */
	subagentSkills: number;
	/** User-typed `/name` with its isMeta body: skills (Base directory…) and plugin commands. */
	userSkills: number;
	userCommands: number;
	/** Built-ins (`/compact`, `/model`…): never rows. */
	builtIns: number;
	subagentFiles: number;
	/** The compaction agent's files (`agent-acompact-*`): never invocations, skipped by a collector. */
	compactionFiles: number;
	bigLines: number;
	assistantMessages: number;
}

export function emptyCounts(): SessionCounts {
	return {lines: 0, bytes: 0, toolCalls: 0, modelSkills: 0, modelSkillFailures: 0, subagentSkills: 0, userSkills: 0, userCommands: 0, builtIns: 0, subagentFiles: 0, compactionFiles: 0, bigLines: 0, assistantMessages: 0};
}

export function addCounts(into: SessionCounts, from: SessionCounts): void {
	for (const key of Object.keys(into) as Array<keyof SessionCounts>) into[key] += from[key];
}

/** Where lines go: the writer buffers them and the caller flushes between turns. */
export interface LineSink {
	push(line: string): void;
}

/** A subagent file being written: its lines are buffered whole (they are small) and written by the caller. */
export interface SubagentFile {
	agentId: string;
	lines: string[];
}

export interface SessionPlan {
	sessionId: string;
	cwd: string;
	version: string;
	gitBranch: string;
	slug: string;
	home: string;
	seed: number;
	startMs: number;
	/** Turns are written until the file holds at least this many bytes. */
	targetBytes: number;
	/** Task calls whose subagent writes its own file (`<sessionId>/subagents/agent-<id>.jsonl`). */
	subagents: number;
	/** Read tool calls on a screenshot: one line of 1–5 MB (the base64 twice, as Claude Code writes it). */
	bigLines: number;
	/** Probability that a turn is launched by a user-typed `/name`. */
	userCommandRate: number;
	/** Pace of the clock: 1 is real time; the 1.5 GB file uses less so that its months stay weeks. */
	timeScale?: number;
}

const HEX = Array.from({length: 256}, (_, byte) => byte.toString(16).padStart(2, '0'));
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function uuid(next: () => number): string {
	let out = '';
	for (let i = 0; i < 16; i++) {
		let byte = Math.floor(next() * 256);
		if (i === 6) byte = (byte & 0x0f) | 0x40;
		if (i === 8) byte = (byte & 0x3f) | 0x80;
		out += HEX[byte]!;
		if (i === 3 || i === 5 || i === 7 || i === 9) out += '-';
	}

	return out;
}

function token(next: () => number, prefix: string, length: number): string {
	let out = prefix;
	for (let i = 0; i < length; i++) out += BASE62[Math.floor(next() * 62)]!;
	return out;
}

function pick<T>(next: () => number, items: readonly T[]): T {
	return items[Math.floor(next() * items.length)]!;
}

/** Base64 of deterministic noise behind a real PNG header: sliced for every screenshot line. */
let imageNoise: string | undefined;
function imageBase64(next: () => number, length: number): string {
	if (imageNoise === undefined) {
		const bytes = Buffer.alloc(4 * 2 ** 20);
		let state = 0x1234_5678;
		for (let i = 0; i < bytes.length; i++) {
			state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
			bytes[i] = state >>> 24;
		}

		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
		imageNoise = bytes.toString('base64');
	}

	const size = Math.min(length, imageNoise.length) & ~3;
	const start = Math.floor(next() * (imageNoise.length - size) / 4) * 4;
	return start === 0 ? imageNoise.slice(0, size) : `iVBORw0KGgo${imageNoise.slice(start + 11, start + size)}`;
}

function iso(ms: number): string {
	return new Date(ms).toISOString();
}

type Tool = 'Read' | 'Bash' | 'Edit' | 'Grep' | 'Glob' | 'TodoWrite' | 'Skill' | 'Task' | 'Image';

interface PendingCall {
	id: string;
	tool: Tool;
	lineUuid: string;
	input: Record<string, unknown>;
	/** For a Skill: the failure it gets, or undefined when it loads. */
	failure?: SkillFailure;
	skill?: string;
}

/** Receives each message line of a subagent, to copy it into the parent as an `agent_progress` line. */
type CopyToParent = (type: 'user' | 'assistant', message: string, uuid: string, timestamp: string, requestId?: string) => void;

export class SessionWriter {
	readonly counts = emptyCounts();
	readonly subagentFiles: SubagentFile[] = [];
	private readonly next: () => number;
	private parent: string | null = null;
	private clock: number;
	private turnStarted = 0;
	private cwd: string;
	private lastAgentId = '';
	private head = '';
	private slugged = false;
	private context = 18_000;
	private subagentsLeft: number;
	private bigLinesLeft: number;
	private turns = 0;

	constructor(
		private readonly plan: SessionPlan,
		private readonly sink: LineSink,
		private readonly agent?: {agentId: string; copy: CopyToParent},
	) {
		this.next = transcriptRandom(plan.seed);
		this.cwd = plan.cwd;
		this.clock = plan.startMs;
		this.subagentsLeft = plan.subagents;
		this.bigLinesLeft = plan.bigLines;
		this.rebuildHead();
	}

	/** The part of the envelope every line repeats up to `type` (parentUuid is prepended per line). */
	private rebuildHead(): void {
		const plan = this.plan;
		this.head = `"isSidechain":${this.agent ? 'true' : 'false'},"userType":"external","cwd":${JSON.stringify(this.cwd)},"sessionId":"${plan.sessionId}","version":"${plan.version}","gitBranch":${JSON.stringify(plan.gitBranch)}${this.agent ? `,"agentId":"${this.agent.agentId}"` : ''}${this.slugged ? `,"slug":"${plan.slug}"` : ''}`;
	}

	private tick(meanMs: number): string {
		this.clock += Math.floor(this.next() * 2 * meanMs * (this.plan.timeScale ?? 1)) + 1;
		return iso(this.clock);
	}

	private emit(line: string): void {
		this.sink.push(line);
		this.counts.lines += 1;
		this.counts.bytes += line.length + 1;
	}

	/** An envelope line; `body` is everything after `"type":…` up to (not including) uuid/timestamp. */
	private line(type: string, body: string, meanMs: number, extra = '', parent: string | null = this.parent): {uuid: string; timestamp: string} {
		const id = uuid(this.next);
		const timestamp = this.tick(meanMs);
		this.emit(`{"parentUuid":${parent === null ? 'null' : `"${parent}"`},${this.head},"type":"${type}",${body}"uuid":"${id}","timestamp":"${timestamp}"${extra}}`);
		this.parent = id;
		return {uuid: id, timestamp};
	}

	private progress(hookEvent: string, toolName: string, command: string, toolUseId: string): void {
		this.line('progress', `"data":{"type":"hook_progress","hookEvent":"${hookEvent}","hookName":"${hookEvent}:${toolName}","command":${JSON.stringify(command)}},"parentToolUseID":"${toolUseId}","toolUseID":"${toolUseId}",`, 3);
	}

	private usage(output: number): string {
		const created = Math.floor(this.next() * 4000);
		return `{"input_tokens":${1 + Math.floor(this.next() * 5)},"cache_creation_input_tokens":${created},"cache_read_input_tokens":${this.context},"cache_creation":{"ephemeral_5m_input_tokens":${created},"ephemeral_1h_input_tokens":0},"output_tokens":${output},"service_tier":"standard","inference_geo":"global"}`;
	}

	private model(): string {
		return this.agent ? 'claude-sonnet-4-5-20250929' : this.plan.version.endsWith('38') ? 'claude-opus-4-5-20251101' : 'claude-opus-4-6';
	}

	/** One assistant line of message `messageId`: one content block, usage repeated. */
	private assistantLine(messageId: string, requestId: string, block: string, output: number): {uuid: string; timestamp: string} {
		const message = `{"model":"${this.model()}","id":"${messageId}","type":"message","role":"assistant","content":[${block}],"stop_reason":null,"stop_sequence":null,"usage":${this.usage(output)}}`;
		const written = this.line('assistant', `"message":${message},"requestId":"${requestId}",`, 1500);
		this.agent?.copy('assistant', message, written.uuid, written.timestamp, requestId);
		return written;
	}

	private userLine(message: string, extra = '', parent: string | null = this.parent): {uuid: string; timestamp: string} {
		const written = this.line('user', `"message":${message},`, 40, extra, parent);
		this.agent?.copy('user', message, written.uuid, written.timestamp);
		return written;
	}

	/** `file-history-snapshot` before a prompt (no envelope, as Claude Code writes it). */
	private snapshot(promptUuid: string): void {
		const timestamp = iso(this.clock + 20);
		this.emit(`{"type":"file-history-snapshot","messageId":"${promptUuid}","snapshot":{"messageId":"${promptUuid}","trackedFileBackups":{},"timestamp":"${timestamp}"},"isSnapshotUpdate":false}`);
	}

	/** SessionStart hooks and the first snapshot: how every real session file begins. */
	start(): void {
		const hookId = uuid(this.next);
		if (!this.agent) {
			for (const command of ['bd prime', '${CLAUDE_PLUGIN_ROOT}/scripts/notify-session.sh']) {
				this.line('progress', `"data":{"type":"hook_progress","hookEvent":"SessionStart","hookName":"SessionStart:startup","command":${JSON.stringify(command)}},"parentToolUseID":"${hookId}","toolUseID":"${hookId}",`, 1);
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
		const body = isSkill ? `${skillBody(name, this.plan.home)}${args}` : commandBody(name, args);
		this.emit(`{"parentUuid":"${command.uuid}",${this.head},"type":"user","message":${JSON.stringify({role: 'user', content: [{type: 'text', text: body}]})},"isMeta":true,"uuid":"${uuid(this.next)}","timestamp":"${command.timestamp}"}`);
		if (isSkill) this.counts.userSkills += 1;
		else this.counts.userCommands += 1;
	}

	/** A built-in (`/model`, `/compact`…): caveat, command line, its stdout; never an invocation. */
	private builtIn(): void {
		const name = pick(this.next, BUILT_INS);
		this.line('user', `"message":${JSON.stringify({role: 'user', content: '<local-command-caveat>Caveat: The messages below were generated by the user while running local commands. DO NOT respond to these messages or otherwise consider them in your response unless the user explicitly asks you to.</local-command-caveat>'})},"isMeta":true,`, 5000);
		this.line('user', `"message":${JSON.stringify({role: 'user', content: `<command-name>/${name}</command-name>\n            <command-message>${name}</command-message>\n            <command-args></command-args>`})},`, 1);
		const stdout = name === 'compact' ? '\u001B[2mCompacted (ctrl+o to see full summary)\u001B[22m' : name === 'model' ? 'Kept model as \u001B[1mDefault (recommended)\u001B[22m' : `${name} dialog dismissed`;
		this.line('user', `"message":${JSON.stringify({role: 'user', content: `<local-command-stdout>${stdout}</local-command-stdout>`})},`, 1);
		this.counts.builtIns += 1;
		if (name === 'compact') this.compaction('manual');
	}

	/** Context ran full: the compaction agent's own file (never a user subagent), then the boundary. */
	private autoCompaction(): void {
		const agentId = `acompact-${HEX[Math.floor(this.next() * 256)]!}${HEX[Math.floor(this.next() * 256)]!}${HEX[Math.floor(this.next() * 256)]!}`;
		const lines: string[] = [];
		const sub = new SessionWriter({...this.plan, cwd: this.cwd, seed: drawSeed(this.next), startMs: this.clock, subagents: 0, bigLines: 0, targetBytes: 0}, {push: line => lines.push(line)}, {agentId, copy: () => undefined});
		sub.slugged = this.slugged;
		sub.rebuildHead();
		for (let i = 0; i < 3; i++) sub.line('user', `"message":${JSON.stringify({role: 'user', content: '<system-reminder>\nPostToolUse:Edit hook additional context: [CREDO]\n[W] ↗ test/net/client.test.ts:269:14 Using `length/1` is expensive, prefer `Enum.empty?/1`\n</system-reminder>'})},"isMeta":true,`, 2000);
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
		this.line('user', `"message":${JSON.stringify({role: 'user', content: 'This session is being continued from a previous conversation that ran out of context. The conversation is summarized below:\nAnalysis:\nThe user asked for pagination on /api/orders and for the retry timeout to apply per request. Both were implemented and tested.\n\nSummary:\n1. Primary Request and Intent: fix the retry timeout, add pagination.\n2. Key Technical Concepts: RetryPolicy, cursor pagination.\n3. Files and Code Sections: src/net/client.ts, src/api/orders.ts.\n4. Pending Tasks: update the README.'})},"isVisibleInTranscriptOnly":true,"isCompactSummary":true,`, 1);
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
		const call: PendingCall = {id, tool: 'Read', lineUuid: '', input: {}};
		if (withImage) {
			this.bigLinesLeft -= 1;
			call.tool = 'Image';
			call.input = {file_path: `${this.plan.cwd}/docs/screenshots/dashboard-${Math.floor(this.next() * 90)}.png`};
			return call;
		}

		const roll = this.next();
		if (roll < 1 / 6) return this.skillCall(call, width);
		if (!this.agent && this.subagentsLeft > 0 && roll < 0.4 && this.counts.bytes >= this.nextSubagentAt()) {
			this.subagentsLeft -= 1;
			call.tool = 'Task';
			call.input = {description: 'Check OTEL hex package versions', subagent_type: 'general-purpose', prompt: 'Search hex.pm for the latest versions of opentelemetry_api, opentelemetry and opentelemetry_exporter and return the recommended version constraints for mix.exs.'};
			return call;
		}

		const tool: Tool = roll < 0.45 ? 'Read' : roll < 0.7 ? 'Bash' : roll < 0.82 ? 'Edit' : roll < 0.9 ? 'Grep' : roll < 0.96 ? 'Glob' : 'TodoWrite';
		call.tool = tool;
		const file = `${this.plan.cwd}/${pick(this.next, ['src/net/client.ts', 'src/api/orders.ts', 'lib/spotter/services/transcript_renderer.ex', 'config/dev.exs', 'test/net/client.test.ts', 'README.md'])}`;
		if (tool === 'Read') call.input = {file_path: file};
		else if (tool === 'Bash') {
			const [command, description] = pick(this.next, BASH_COMMANDS);
			call.input = {command, description};
		} else if (tool === 'Edit') call.input = {file_path: file, old_string: '\tconst deadline = Date.now() + policy.budgetMs;', new_string: '\tconst deadline = started + policy.budgetMs;', replace_all: false};
		else if (tool === 'Grep') call.input = {pattern: 'retryBudget', path: `${this.plan.cwd}/src`, output_mode: 'content', '-n': true};
		else if (tool === 'Glob') call.input = {pattern: '**/*.test.ts'};
		else call.input = {todos: [{content: 'Fix the retry timeout', status: 'completed', activeForm: 'Fixing the retry timeout'}, {content: 'Add tests', status: 'in_progress', activeForm: 'Adding tests'}]};
		return call;
	}

	private skillCall(call: PendingCall, width: number): PendingCall {
		call.tool = 'Skill';
		const roll = this.next();
		let skill = MODEL_SKILLS[Math.floor(this.next() ** 1.7 * MODEL_SKILLS.length)]!;
		const args = pick(this.next, SKILL_ARGS);
		call.input = args ? {skill, args} : {skill};
		if (roll < 0.84) call.failure = undefined;
		else if (roll < 0.89) {
			skill = pick(this.next, UNKNOWN_SKILLS);
			call.input = {skill};
			call.failure = skillFailure('unknown', skill);
		} else if (roll < 0.91) {
			skill = pick(this.next, USER_ONLY_SKILLS);
			call.input = {skill};
			call.failure = skillFailure('not-invocable', skill);
		} else if (roll < 0.94) call.failure = skillFailure('preprocess', skill);
		else if (roll < 0.97) call.failure = skillFailure('rejected', skill);
		else if (roll < 0.985 && width > 1) call.failure = skillFailure('sibling', skill);
		else {
			call.input = {skill, args: ['--staged']};
			call.failure = skillFailure('invalid', skill);
		}

		call.skill = skill;
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
		const result = this.resultBody(call, forcedError);
		const written = this.userLine(JSON.stringify({role: 'user', content: [result.block]}), `,"toolUseResult":${result.toolUseResult},"sourceToolAssistantUUID":"${call.lineUuid}"`, call.lineUuid);
		if (call.tool === 'Skill' && !call.failure) {
			const body = JSON.stringify({role: 'user', content: [{type: 'text', text: `${skillBody(call.skill!, this.plan.home)}${String(call.input['args'] ?? '')}`}]});
			this.emit(`{"parentUuid":"${written.uuid}",${this.head},"type":"user","message":${body},"isMeta":true,"uuid":"${uuid(this.next)}","timestamp":"${written.timestamp}","sourceToolUseID":"${call.id}"}`);
		}
	}

	private resultBody(call: PendingCall, forcedError: boolean): {block: Record<string, unknown>; toolUseResult: string} {
		if (call.failure) return {block: {type: 'tool_result', content: call.failure.content, is_error: true, tool_use_id: call.id}, toolUseResult: JSON.stringify(call.failure.toolUseResult)};
		if (forcedError) return {block: {type: 'tool_result', content: 'Exit code 1\nnpm error Lifecycle script `test` failed with error:\nnpm error code 1', is_error: true, tool_use_id: call.id}, toolUseResult: JSON.stringify('Error: Exit code 1')};
		switch (call.tool) {
			case 'Skill':
				return {block: {type: 'tool_result', tool_use_id: call.id, content: `Launching skill: ${call.skill}`}, toolUseResult: JSON.stringify({success: true, commandName: call.skill, allowedTools: ['Read', 'Grep', 'Glob', 'Bash'], model: 'claude-haiku-4-5-20251001'})};
			case 'Image': {
				const data = imageBase64(this.next, Math.floor((0.5 + this.next() * 2) * 2 ** 20));
				this.counts.bigLines += 1;
				return {
					block: {tool_use_id: call.id, type: 'tool_result', content: [{type: 'image', source: {type: 'base64', data, media_type: 'image/png'}}]},
					toolUseResult: JSON.stringify({type: 'image', file: {base64: data, type: 'image/png', originalSize: Math.floor(data.length * 0.75), dimensions: {originalWidth: 2880, originalHeight: 1800, displayWidth: 1568, displayHeight: 980}}}),
				};
			}

			case 'Read': {
				const lines = 5 + Math.floor(this.next() * 40);
				const content = readOutput(this.next, lines);
				return {block: {tool_use_id: call.id, type: 'tool_result', content}, toolUseResult: JSON.stringify({type: 'text', file: {filePath: call.input['file_path'], content: content.slice(0, 400), numLines: lines, startLine: 1, totalLines: lines + 40}})};
			}

			case 'Bash': {
				const stdout = bashOutput(this.next, String(call.input['command']));
				return {block: {tool_use_id: call.id, type: 'tool_result', content: stdout, is_error: false}, toolUseResult: JSON.stringify({stdout, stderr: '', interrupted: false, isImage: false, noOutputExpected: false})};
			}

			case 'Edit':
				return {block: {tool_use_id: call.id, type: 'tool_result', content: `The file ${String(call.input['file_path'])} has been updated. Here's the result of running \`cat -n\` on a snippet of the edited file:\n${readOutput(this.next, 8)}`}, toolUseResult: JSON.stringify({filePath: call.input['file_path'], oldString: call.input['old_string'], newString: call.input['new_string'], replaceAll: false, userModified: false, structuredPatch: [{oldStart: 12, oldLines: 3, newStart: 12, newLines: 3, lines: [' \tlet attempt = 0;', `-${String(call.input['old_string'])}`, `+${String(call.input['new_string'])}`]}]})};
			case 'Grep':
				return {block: {tool_use_id: call.id, type: 'tool_result', content: 'src/net/client.ts:14:  const budget = policy.retryBudget;\nsrc/net/client.ts:31:  if (elapsed > retryBudget) throw error;'}, toolUseResult: JSON.stringify({mode: 'content', numFiles: 1, filenames: [], content: 'src/net/client.ts:14:  const budget = policy.retryBudget;', numLines: 2})};
			case 'Glob':
				return {block: {tool_use_id: call.id, type: 'tool_result', content: `${this.plan.cwd}/test/net/client.test.ts\n${this.plan.cwd}/test/api/orders.test.ts`}, toolUseResult: JSON.stringify({filenames: [`${this.plan.cwd}/test/net/client.test.ts`], durationMs: 12, numFiles: 2, truncated: false})};
			case 'TodoWrite':
				return {block: {tool_use_id: call.id, type: 'tool_result', content: 'Todos have been modified successfully. Ensure that you continue to use the todo list to track your progress. Please proceed with the current tasks if applicable'}, toolUseResult: JSON.stringify({oldTodos: [], newTodos: call.input['todos']})};
			case 'Task':
				return {block: {tool_use_id: call.id, type: 'tool_result', content: [{type: 'text', text: 'The latest stable versions are opentelemetry_api 1.5.0 (~> 1.5), opentelemetry 1.7.0 (~> 1.7) and opentelemetry_exporter 1.10.0 (~> 1.10); the exporter is still maintained.'}]}, toolUseResult: JSON.stringify({status: 'completed', prompt: call.input['prompt'], agentId: this.lastAgentId, content: [{type: 'text', text: 'The latest stable versions are …'}], totalDurationMs: 32_548, totalTokens: 19_831, totalToolUseCount: 6, usage: {input_tokens: 79, cache_creation_input_tokens: 3378, cache_read_input_tokens: 15_436, output_tokens: 938}})};
		}
	}

	/** The subagent writes its own file; each of its message lines is copied here as agent_progress. */
	private runSubagent(call: PendingCall): void {
		const agentId = HEX[Math.floor(this.next() * 256)]!.slice(1) + HEX[Math.floor(this.next() * 256)]! + HEX[Math.floor(this.next() * 256)]! + HEX[Math.floor(this.next() * 256)]!;
		this.lastAgentId = agentId;
		const lines: string[] = [];
		const prompt = String(call.input['prompt']);
		const copy: CopyToParent = (type, message, lineUuid, timestamp, requestId) => {
			const inner = `{"type":"${type}","message":${message},${requestId ? `"requestId":"${requestId}",` : ''}"uuid":"${lineUuid}","timestamp":"${timestamp}"}`;
			const id = uuid(this.next);
			this.emit(`{"parentUuid":"${this.parent}",${this.head},"type":"progress","data":{"message":${inner},"normalizedMessages":[],"type":"agent_progress","prompt":${JSON.stringify(prompt)},"agentId":"${agentId}"},"toolUseID":"agent_${call.id}","parentToolUseID":"${call.id}","uuid":"${id}","timestamp":"${timestamp}"}`);
			this.parent = id;
		};

		const sub = new SessionWriter({...this.plan, cwd: this.cwd, seed: drawSeed(this.next), startMs: this.clock, subagents: 0, bigLines: 0, targetBytes: 0}, {push: line => lines.push(line)}, {agentId, copy});
		sub.slugged = this.slugged;
		sub.rebuildHead();
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
		this.line('system', `"subtype":"stop_hook_summary","hookCount":2,"hookInfos":[{"command":"\${CLAUDE_PLUGIN_ROOT}/hooks/stop-hook.sh"},{"command":"cd \${CLAUDE_PLUGIN_ROOT}/hooks && bun run ./dist/on-stop-test.js"}],"hookErrors":[],"preventedContinuation":false,"stopReason":"","hasOutput":true,"level":"suggestion",`, 300, `,"toolUseID":"${hook}"`);
		this.line('system', `"subtype":"turn_duration","durationMs":${this.clock - this.turnStarted},`, 30, ',"isMeta":false');
		// A human thinks (or leaves) between turns.
		this.clock += Math.floor(this.next() * 600_000 * (this.plan.timeScale ?? 1));
	}

	get lastUuid(): string | null {
		return this.parent;
	}

	get lastMs(): number {
		return this.clock;
	}

	/** A resumed session continues the copied conversation: same chain, a later clock. */
	continueFrom(parent: string | null, clock: number): void {
		this.parent = parent;
		this.clock = clock;
		this.slugged = true;
		this.rebuildHead();
	}
}
