/**
 * Builders for the JSON files the writers produce (formats.md, variants A–D). They return the
 * file's text, indented as the writers indent it.
 */
export type Invocation = Record<string, unknown>;

/** An invocation in the crackerjack tracker shape (variant A); `overrides` replace or add fields. */
export function invocation(overrides: Invocation = {}): Invocation {
	return {
		skill_name: 'code-review',
		invoked_at: '2026-03-02T10:00:00',
		workflow_path: null,
		completed: true,
		duration_seconds: 1.5,
		follow_up_actions: [],
		error_type: null,
		...overrides,
	};
}

/** The session-buddy tracker fields (variant B) on top of `invocation`. */
export function sessionInvocation(overrides: Invocation = {}): Invocation {
	return invocation({session_id: 'session-1', user_query: null, alternatives_considered: [], selection_rank: null, ...overrides});
}

/**
 * A tracker file (variant A, or B when the invocations carry `session_id`): the invocations
 * plus the per-skill aggregates the writers derive, which must never be counted as records.
 */
export function tracker(invocations: readonly Invocation[]): string {
	const skills: Record<string, Record<string, unknown>> = {};
	for (const record of invocations) {
		const name = String(record.skill_name);
		const skill = (skills[name] ??= {skill_name: name, total_invocations: 0, completed_invocations: 0, completion_rate: 0});
		skill.total_invocations = Number(skill.total_invocations) + 1;
		if (record.completed === true) skill.completed_invocations = Number(skill.completed_invocations) + 1;
		skill.completion_rate = (Number(skill.completed_invocations) / Number(skill.total_invocations)) * 100;
	}

	return JSON.stringify({invocations, skills, last_updated: '2026-11-24T01:12:35.660849'}, null, 2);
}

/** A session-buddy export (variant C): only the invocations. */
export function exportFile(invocations: readonly Invocation[]): string {
	return JSON.stringify({invocations}, null, 2);
}

/** A record of the design document's format (variant D). */
export function designRecord(overrides: Invocation = {}): Invocation {
	return {
		invoked_at: '2026-03-02T10:00:00Z',
		completed_at: '2026-03-02T10:01:30Z',
		duration_ms: 90_000,
		success: true,
		followup_actions: 0,
		session_id: 'session-1',
		metadata: {},
		...overrides,
	};
}

/** A design-format file (variant D): `{version, generated_at, skills: {name: [records]}}`. */
export function designFile(skills: Record<string, readonly Invocation[]>): string {
	return JSON.stringify({version: '1.0', generated_at: '2026-03-02T16:20:00Z', skills}, null, 2);
}
