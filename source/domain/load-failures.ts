/**
 * A skill that fails to load (transcripts.md error types): the model asked for a skill that is not
 * installed, or for one that forbids model invocation. Not a rate: every such call is a turn the
 * model spent on nothing, so one is worth saying; half or more of its uses (at least 3) is high.
 */
export type LoadFailure = 'unknown_skill' | 'not_model_invocable';

export const LOAD_FAILURES: readonly LoadFailure[] = ['unknown_skill', 'not_model_invocable'];

/** From this many load failures, and at least half of the finished uses, the priority is high. */
export const MANY_LOAD_FAILURES = 3;

export interface LoadFailureFinding {
	issue: LoadFailure;
	priority: 'high' | 'medium';
	action: string;
	count: number;
}

export function loadFailureFindings(name: string, failures: Partial<Record<LoadFailure, number>>, finished: number): LoadFailureFinding[] {
	const found: LoadFailureFinding[] = [];
	for (const issue of LOAD_FAILURES) {
		const count = failures[issue] ?? 0;
		if (count === 0) continue;
		const priority = count >= MANY_LOAD_FAILURES && count * 2 >= finished ? 'high' : 'medium';
		const times = `${count} time${count === 1 ? '' : 's'}`;
		const action = issue === 'unknown_skill'
			? `The model called "${name}" ${times} but no skill of that name was installed: install it, correct the name where it is suggested (CLAUDE.md, other skills), or remove the mention.`
			: `"${name}" sets disable-model-invocation, yet the model called it ${times}: remove the flag if the model should use it, or leave it to the user's /${name}.`;
		found.push({issue, priority, action, count});
	}

	return found;
}
