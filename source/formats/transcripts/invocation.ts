import type {Outcome, Status} from '../../domain/types.js';
import {errorTypeOf, resultText, timestampMs} from './lines.js';

type Json = Record<string, unknown>;

const ERROR_TEXT_CHARS = 300;

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
}

/** A new invocation as its line shows it: not finished, nothing in its window yet. */
export function track(fields: Pick<TranscriptInvocation, 'key' | 'skillName' | 'plugin' | 'kind' | 'trigger' | 'invokedAtMs' | 'status' | 'sessionId' | 'agentId' | 'args' | 'line' | 'offset'> & {
	tentative: boolean;
	ownMessageId: string | null;
}): Tracked {
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
		...fields,
	};
}

/** What a read found of a tracked invocation: its window measured, the bookkeeping dropped. */
export function settled(tracked: Tracked, windowOpen: boolean): TranscriptInvocation {
	const {tentative: _t, awaiting: _a, turnEnded: _e, maxTimestampMs, ownMessageId: _o, messageTokens, ...invocation} = tracked;
	return {
		...invocation,
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
