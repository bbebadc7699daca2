import type {Outcome, Status} from '../../domain/types.js';
import {blocksOf, contentText, messageOf, resultText} from './lines.js';

type Json = Record<string, unknown>;

/**
 * How the work an invocation drove ended (outcomes.md, "Outcome"): what its window (and the line
 * that ended it) showed, kept as marks while the lines pass, then read by `outcomeOf`.
 */
export interface OutcomeMarks {
	/** A user line, or a tool_result, that starts `[Request interrupted by user`. */
	interrupted: boolean;
	/** A tool_result of another call that the user refused. */
	rejected: boolean;
	/** Whether the last tool_result of the window, in line order, was an error. */
	lastResultFailed: boolean;
}

export const noMarks = (): OutcomeMarks => ({interrupted: false, rejected: false, lastResultFailed: false});

const INTERRUPTED = '[Request interrupted by user';

/** The text a user line carries: its string content, or its text blocks. */
const userText = (line: Json) => contentText(messageOf(line)?.content).trimStart();

/** A user line of the window (or the one that ended it) that says the person stopped the work. */
export function markInterrupt(marks: OutcomeMarks, line: Json): void {
	if (line.type === 'user' && userText(line).startsWith(INTERRUPTED)) marks.interrupted = true;
}

/** A tool_result of the window: `ownCall` is the invocation's own call, which cannot be "another" call refused. */
export function markResult(marks: OutcomeMarks, line: Json, block: Json, ownCall: string | null): void {
	const text = resultText(block);
	if (text.trimStart().startsWith(INTERRUPTED)) marks.interrupted = true;
	const refused = text.includes("doesn't want to proceed") || line.toolUseResult === 'User rejected tool use';
	if (refused && block.tool_use_id !== ownCall) marks.rejected = true;
	marks.lastResultFailed = block.is_error === true;
}

/** The tool_result blocks of a line, in order. */
export const resultBlocks = (line: Json) => blocksOf(line).filter(block => block.type === 'tool_result');

/** First match wins; a pending invocation (no result yet) has none. */
export function outcomeOf(status: Status, marks: OutcomeMarks): Outcome | null {
	if (status === 'pending') return null;
	if (status === 'failed') return 'load_failed';
	if (marks.interrupted) return 'interrupted';
	if (marks.rejected) return 'rejected';
	if (marks.lastResultFailed) return 'errored';
	return 'clean';
}
