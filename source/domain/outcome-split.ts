import {outcomesKnown, type OutcomeMetrics} from './metrics.js';
import {OUTCOMES, type Outcome} from './types.js';

/*
 * How the uses of a skill ended, as one line (issue 20: `clean 71% · interrupted 9% · rejected 3% ·
 * errored 12% · load failed 5%`, and the retried share): shares of the uses whose outcome is known.
 */

const COUNT_OF: Record<Outcome, keyof OutcomeMetrics> = {clean: 'clean_finishes', interrupted: 'interrupted', rejected: 'rejected', errored: 'errored', load_failed: 'load_failed'};

export interface OutcomeShare {
	outcome: Outcome;
	/** As a person reads it: `load failed`. */
	name: string;
	count: number;
	share: number;
}

/** Each outcome's count and share of the known ones; none when no outcome is known. */
export function outcomeShares(metrics: OutcomeMetrics): OutcomeShare[] {
	const known = outcomesKnown(metrics);
	if (known === 0) return [];
	return OUTCOMES.map(outcome => {
		const count = metrics[COUNT_OF[outcome]] as number;
		return {outcome, name: outcome.replace('_', ' '), count, share: count / known};
	});
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/**
 * `clean 71% · interrupted 9% · … · retried 4%`, then how many finished uses have no known outcome;
 * `not known` alone when none has one.
 */
export function outcomeSplitText(metrics: OutcomeMetrics, finished: number): string {
	return outcomeSplitParts(metrics, finished).join(' · ');
}

/** The same, as the parts a narrow screen may put on lines of their own (never splitting `load failed 5%`). */
export function outcomeSplitParts(metrics: OutcomeMetrics, finished: number): string[] {
	const known = outcomesKnown(metrics);
	const unknown = Math.max(0, finished - known);
	if (known === 0) return [finished > 0 ? `not known (${finished} uses read before outcomes were recorded)` : '–'];
	const parts = [...outcomeShares(metrics).map(share => `${share.name} ${percent(share.share)}`), `retried ${percent(metrics.retried / known)}`];
	if (unknown > 0) parts[parts.length - 1] += ` (of ${known}; ${unknown} not known)`;
	return parts;
}

/** Parts joined by ` · ` into lines of at most `width` characters. */
export function joinWithin(parts: readonly string[], width: number): string[] {
	const lines: string[] = [];
	for (const part of parts) {
		const last = lines.at(-1);
		if (last !== undefined && last.length + 3 + part.length <= width) lines[lines.length - 1] = `${last} · ${part}`;
		else lines.push(part);
	}

	return lines;
}
