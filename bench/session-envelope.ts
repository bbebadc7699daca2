import {emptyCounts} from './session-counts.js';
import type {SessionPlan} from './session-plan.js';
import {iso, uuid} from './transcript-ids.js';
import {transcriptRandom} from './transcript-random.js';

/**
 * The envelope every line of a Claude Code 2.1.39 session carries (parentUuid chain, cwd,
 * sessionId, version, gitBranch, slug) and the line kinds built on it: hook `progress`, an
 * `assistant` line of one content block with its `usage`, a `user` line, the file snapshot.
 * SessionWriter (transcript-session.ts) decides which lines a session holds; this writes them.
 */

/** Where lines go: the writer buffers them and the caller flushes between turns. */
export interface LineSink {
	push(line: string): void;
}

/** A subagent file being written: its lines are buffered whole (they are small) and written by the caller. */
export interface SubagentFile {
	agentId: string;
	lines: string[];
}

/** Receives each message line of a subagent, to copy it into the parent as an `agent_progress` line. */
export type CopyToParent = (type: 'user' | 'assistant', message: string, uuid: string, timestamp: string, requestId?: string) => void;

export type Written = {uuid: string; timestamp: string};

export class EnvelopeWriter {
	readonly counts = emptyCounts();
	protected readonly next: () => number;
	protected parent: string | null = null;
	protected clock: number;
	protected cwd: string;
	protected head = '';
	protected slugged = false;
	protected context = 18_000;

	constructor(
		protected readonly plan: SessionPlan,
		private readonly sink: LineSink,
		protected readonly agent?: {agentId: string; copy: CopyToParent},
	) {
		this.next = transcriptRandom(plan.seed);
		this.cwd = plan.cwd;
		this.clock = plan.startMs;
		this.rebuildHead();
	}

	/** The part of the envelope every line repeats up to `type` (parentUuid is prepended per line). */
	protected rebuildHead(): void {
		const plan = this.plan;
		this.head = `"isSidechain":${this.agent ? 'true' : 'false'},"userType":"external","cwd":${JSON.stringify(this.cwd)},"sessionId":"${plan.sessionId}","version":"${plan.version}","gitBranch":${JSON.stringify(plan.gitBranch)}${this.agent ? `,"agentId":"${this.agent.agentId}"` : ''}${this.slugged ? `,"slug":"${plan.slug}"` : ''}`;
	}

	protected tick(meanMs: number): string {
		this.clock += Math.floor(this.next() * 2 * meanMs * (this.plan.timeScale ?? 1)) + 1;
		return iso(this.clock);
	}

	protected emit(line: string): void {
		this.sink.push(line);
		this.counts.lines += 1;
		this.counts.bytes += line.length + 1;
	}

	/** An envelope line; `body` is everything after `"type":…` up to (not including) uuid/timestamp. */
	protected line(type: string, body: string, meanMs: number, extra = '', parent: string | null = this.parent): Written {
		const id = uuid(this.next);
		const timestamp = this.tick(meanMs);
		this.emit(`{"parentUuid":${parent === null ? 'null' : `"${parent}"`},${this.head},"type":"${type}",${body}"uuid":"${id}","timestamp":"${timestamp}"${extra}}`);
		this.parent = id;
		return {uuid: id, timestamp};
	}

	/** A user line with `isMeta` (a skill's or command's body) under `parent`, at its timestamp, off the clock. */
	protected metaLine(parent: Written, text: string, extra = ''): void {
		const message = JSON.stringify({role: 'user', content: [{type: 'text', text}]});
		this.emit(`{"parentUuid":"${parent.uuid}",${this.head},"type":"user","message":${message},"isMeta":true,"uuid":"${uuid(this.next)}","timestamp":"${parent.timestamp}"${extra}}`);
	}

	protected progress(hookEvent: string, toolName: string, command: string, toolUseId: string, meanMs = 3): void {
		this.line('progress', `"data":{"type":"hook_progress","hookEvent":"${hookEvent}","hookName":"${hookEvent}:${toolName}","command":${JSON.stringify(command)}},"parentToolUseID":"${toolUseId}","toolUseID":"${toolUseId}",`, meanMs);
	}

	private usage(output: number): string {
		const created = Math.floor(this.next() * 4000);
		return `{"input_tokens":${1 + Math.floor(this.next() * 5)},"cache_creation_input_tokens":${created},"cache_read_input_tokens":${this.context},"cache_creation":{"ephemeral_5m_input_tokens":${created},"ephemeral_1h_input_tokens":0},"output_tokens":${output},"service_tier":"standard","inference_geo":"global"}`;
	}

	private model(): string {
		return this.agent ? 'claude-sonnet-4-5-20250929' : this.plan.version.endsWith('38') ? 'claude-opus-4-5-20251101' : 'claude-opus-4-6';
	}

	/** One assistant line of message `messageId`: one content block, usage repeated. */
	protected assistantLine(messageId: string, requestId: string, block: string, output: number): Written {
		const message = `{"model":"${this.model()}","id":"${messageId}","type":"message","role":"assistant","content":[${block}],"stop_reason":null,"stop_sequence":null,"usage":${this.usage(output)}}`;
		const written = this.line('assistant', `"message":${message},"requestId":"${requestId}",`, 1500);
		this.agent?.copy('assistant', message, written.uuid, written.timestamp, requestId);
		return written;
	}

	protected userLine(message: string, extra = '', parent: string | null = this.parent): Written {
		const written = this.line('user', `"message":${message},`, 40, extra, parent);
		this.agent?.copy('user', message, written.uuid, written.timestamp);
		return written;
	}

	/** `file-history-snapshot` before a prompt (no envelope, as Claude Code writes it). */
	protected snapshot(promptUuid: string): void {
		const timestamp = iso(this.clock + 20);
		this.emit(`{"type":"file-history-snapshot","messageId":"${promptUuid}","snapshot":{"messageId":"${promptUuid}","trackedFileBackups":{},"timestamp":"${timestamp}"},"isSnapshotUpdate":false}`);
	}

	/** What copies a subagent's message lines into this file, each as an `agent_progress` line of the Task call. */
	protected agentProgress(toolUseId: string, prompt: string, agentId: string): CopyToParent {
		return (type, message, lineUuid, timestamp, requestId) => {
			const inner = `{"type":"${type}","message":${message},${requestId ? `"requestId":"${requestId}",` : ''}"uuid":"${lineUuid}","timestamp":"${timestamp}"}`;
			const id = uuid(this.next);
			this.emit(`{"parentUuid":"${this.parent}",${this.head},"type":"progress","data":{"message":${inner},"normalizedMessages":[],"type":"agent_progress","prompt":${JSON.stringify(prompt)},"agentId":"${agentId}"},"toolUseID":"agent_${toolUseId}","parentToolUseID":"${toolUseId}","uuid":"${id}","timestamp":"${timestamp}"}`);
			this.parent = id;
		};
	}

	get lastUuid(): string | null {
		return this.parent;
	}

	get lastMs(): number {
		return this.clock;
	}
}
