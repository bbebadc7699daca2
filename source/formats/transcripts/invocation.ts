import type {Outcome, Status} from '../../domain/types.js';
import {skillVersion} from './body.js';
import {errorTypeOf, isObject, messageOf, resultText, timestampMs} from './lines.js';
import {noMarks, outcomeOf, type OutcomeMarks} from './outcome.js';

type Json = Record<string, unknown>;

const ERROR_TEXT_CHARS = 300;
/** Arguments are kept this long (a prompt-injected call can pass megabytes: issue 22, D3). */
export const ARGS_CHARS = 2000;

/** Says what is wrong with a line: `file:line` is added by the caller. */
export type Report = (lineNumber: number, message: string) => void;

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
	/** How the work it drove ended (outcomes.md); null while pending. */
	outcome: Outcome | null;
	/** The same skill invoked again in this file before the second human prompt after it. */
	retried: boolean;
	/** SHA-256 (hex) of the normalized body the model was given; null without a body line. */
	fingerprint: string | null;
	/** The normalized body itself (kept once per fingerprint, never exported). */
	body: string | null;
	/** `<version>` of a plugin's cache directory the skill was loaded from. */
	pluginVersion: string | null;
}

export interface Tracked extends TranscriptInvocation {
	/** A user command line whose body line has not been seen (yet): a built-in until it is. */
	tentative: boolean;
	/** Calls (its own or its follow-ups') whose results are still to come. */
	awaiting: number;
	/** A human prompt or a command line came after it: whatever it still awaits will not come. */
	turnEnded: boolean;
	maxTimestampMs: number;
	ownMessageId: string | null;
	messageTokens: Map<string, number>;
	/** A model's call: its tool_use id, which its result and its body line name. */
	callId: string | null;
	/** The arguments as given, uncut: the body is normalized with them. */
	fullArgs: string | null;
	marks: OutcomeMarks;
	/** Human prompts seen since it: it can be retried until the second (outcomes.md, `retried`). */
	promptsAfter: number;
	/** It stands for an invocation of an earlier read (carry.ts): settled, never emitted. */
	ghost: boolean;
}

/** A new invocation as its line shows it: not finished, nothing in its window yet. */
export function track(given: Pick<TranscriptInvocation, 'key' | 'skillName' | 'plugin' | 'kind' | 'trigger' | 'invokedAtMs' | 'status' | 'sessionId' | 'agentId' | 'args' | 'line' | 'offset'> & {
	tentative: boolean;
	ownMessageId: string | null;
	callId: string | null;
}): Tracked {
	const {args, ...fields} = given;
	return {
		errorType: null,
		errorText: null,
		loadMs: null,
		durationMs: 0,
		followUps: [],
		toolErrors: 0,
		outputTokens: 0,
		windowOpen: true,
		outcome: null,
		retried: false,
		fingerprint: null,
		body: null,
		pluginVersion: null,
		awaiting: 0,
		turnEnded: false,
		maxTimestampMs: fields.invokedAtMs,
		messageTokens: new Map(),
		marks: noMarks(),
		promptsAfter: 0,
		ghost: false,
		fullArgs: args,
		args: args !== null && args.length > ARGS_CHARS ? `${args.slice(0, ARGS_CHARS)}…` : args,
		...fields,
	};
}

/** What a read found of a tracked invocation: its window measured, the bookkeeping dropped. */
export function settled(tracked: Tracked, windowOpen: boolean): TranscriptInvocation {
	const {tentative: _t, awaiting: _a, turnEnded: _e, maxTimestampMs, ownMessageId: _o, messageTokens, callId: _c, fullArgs: _f, marks, promptsAfter: _p, ghost: _g, ...invocation} = tracked;
	return {
		...invocation,
		outcome: outcomeOf(tracked.status, marks),
		windowOpen,
		durationMs: maxTimestampMs - tracked.invokedAtMs,
		outputTokens: [...messageTokens.values()].reduce((sum, tokens) => sum + tokens, 0),
	};
}

/** The session (a subagent's: its parent's) and agent a line belongs to. */
export function owners(line: Json): {sessionId: string | null; agentId: string | null} {
	return {sessionId: typeof line.sessionId === 'string' ? line.sessionId : null, agentId: typeof line.agentId === 'string' ? line.agentId : null};
}

/** A call's own result (transcripts.md, "Status and errors"): it loaded, or why not. */
export function answer(invoked: Tracked, line: Json, block: Json): void {
	invoked.awaiting -= 1;
	const at = timestampMs(line);
	if (at !== undefined) invoked.loadMs = at - invoked.invokedAtMs;
	if (block.is_error !== true) {
		invoked.status = 'succeeded';
		return;
	}

	const text = resultText(block);
	invoked.status = 'failed';
	invoked.errorType = errorTypeOf(text, line.toolUseResult);
	invoked.errorText = text.slice(0, ERROR_TEXT_CHARS) || null;
}

/** The body line of an invocation: which text of the skill the model was given. */
export function takeBody(tracked: Tracked, text: string): void {
	const version = skillVersion(text, {args: tracked.fullArgs, sessionId: tracked.sessionId});
	if (!version) return;
	tracked.fingerprint = version.fingerprint;
	tracked.body = version.body;
	tracked.pluginVersion = version.pluginVersion;
}

/** A line of the open window: its time extends the duration; a response's tokens count once. */
export function noteActivity(current: Tracked, line: Json): void {
	const at = timestampMs(line);
	if (at !== undefined && at > current.maxTimestampMs) current.maxTimestampMs = at;
	if (line.type !== 'assistant') return;
	const message = messageOf(line);
	const id = typeof message?.id === 'string' ? message.id : undefined;
	const usage = isObject(message?.usage) ? message.usage : undefined;
	const tokens = typeof usage?.output_tokens === 'number' && Number.isFinite(usage.output_tokens) ? usage.output_tokens : 0;
	// One response spans several lines, each repeating its usage: each message counts once.
	if (id !== undefined && id !== current.ownMessageId) current.messageTokens.set(id, Math.max(current.messageTokens.get(id) ?? 0, tokens));
}
