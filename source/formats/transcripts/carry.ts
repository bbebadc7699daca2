import type {Outcome, Status} from '../../domain/types.js';
import {type Tracked, track} from './invocation.js';
import {noMarks, outcomeOf, type OutcomeMarks} from './outcome.js';

/**
 * What a resumed read must still watch for in lines it has not seen, about invocations before
 * where it starts (so it does not read their lines again): a retry horizon still open (outcomes.md,
 * `retried`), a call whose result has not come although its turn ended (transcripts.md: "A later
 * collect that finds the result updates the row"). Kept with the file's state between collects.
 */
export interface Carry {
	watched: Array<{key: string; skill: string; prompts: number}>;
	pending: Array<{call: string; key: string; skill: string; at: number; marks: OutcomeMarks}>;
}

/** What a read learned about invocations stored by an earlier read of the same file. */
export interface Settlement {
	key: string;
	skill: string;
	retried?: true;
	result?: {status: Status; errorType: string | null; errorText: string | null; loadMs: number | null; outcome: Outcome | null};
}

/** A call left waiting for ever (its result never written) is watched this long, then let go. */
const MAX_PENDING = 50;

export const noCarry = (): Carry => ({watched: [], pending: []});

/** The stored text, read defensively: a damaged one only costs what it carried. */
export function parseCarry(text: string | null | undefined): Carry {
	if (!text) return noCarry();
	try {
		const value = JSON.parse(text) as Partial<Carry>;
		const watched = Array.isArray(value.watched) ? value.watched.filter(entry => typeof entry?.key === 'string' && typeof entry.skill === 'string' && Number.isInteger(entry.prompts)) : [];
		const pending = Array.isArray(value.pending) ? value.pending.filter(entry => typeof entry?.call === 'string' && typeof entry.key === 'string' && typeof entry.skill === 'string' && Number.isFinite(entry.at)) : [];
		return {watched, pending: pending.map(entry => ({...entry, marks: {...noMarks(), ...entry.marks}}))};
	} catch {
		return noCarry();
	}
}

/** An invocation of an earlier read, standing in for it: never emitted as a row, only settled. */
function ghost(key: string, skillName: string, invokedAtMs: number): Tracked {
	const tracked = track({
		key, skillName, plugin: null, kind: 'skill', trigger: 'model', invokedAtMs, status: 'pending', sessionId: null, agentId: null,
		args: null, line: 0, offset: -1, tentative: false, ownMessageId: null, callId: null,
	});
	tracked.ghost = true;
	tracked.turnEnded = true;
	return tracked;
}

export function watchedGhosts(carry: Carry): Tracked[] {
	return carry.watched.map(entry => Object.assign(ghost(entry.key, entry.skill, 0), {promptsAfter: entry.prompts}));
}

export function pendingGhosts(carry: Carry): Tracked[] {
	return carry.pending.map(entry => Object.assign(ghost(entry.key, entry.skill, entry.at), {callId: entry.call, marks: entry.marks, awaiting: 1}));
}

/** What ghosts learned: retried now, or answered at last (the outcome of the window they had). */
export function settlementsOf(ghosts: readonly Tracked[]): Settlement[] {
	return ghosts.flatMap(tracked => {
		const settlement: Settlement = {key: tracked.key, skill: tracked.skillName};
		if (tracked.retried) settlement.retried = true;
		if (tracked.callId !== null && tracked.status !== 'pending') {
			const {status, errorType, errorText, loadMs} = tracked;
			settlement.result = {status, errorType, errorText, loadMs, outcome: outcomeOf(status, tracked.marks)};
		}

		return settlement.retried || settlement.result ? [settlement] : [];
	});
}

/**
 * What the next read, starting at `resume`, must carry: the horizons and waiting calls of
 * invocations before it. `promptOffsets` are the human prompts of this read: those before
 * `resume` count for a horizon, those after are read again next time.
 */
export function carryFrom(watched: readonly Tracked[], waiting: readonly Tracked[], promptOffsets: readonly number[], resume: number): Carry {
	const before = (tracked: Tracked) => tracked.offset < resume;
	return {
		watched: watched.filter(tracked => !tracked.retried && before(tracked)).map(tracked => ({
			key: tracked.key,
			skill: tracked.skillName,
			prompts: (tracked.ghost ? tracked.promptsAfter - promptOffsets.length : 0) + promptOffsets.filter(offset => offset > tracked.offset && offset < resume).length,
		})),
		pending: waiting.filter(tracked => before(tracked) && tracked.status === 'pending' && tracked.callId !== null).slice(-MAX_PENDING).map(tracked => ({
			call: tracked.callId!, key: tracked.key, skill: tracked.skillName, at: tracked.invokedAtMs, marks: tracked.marks,
		})),
	};
}
