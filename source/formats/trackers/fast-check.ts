import {MAX_SKILL_NAME_LENGTH} from '../validation.js';

/**
 * A hand-written check for the tracker records writers actually produce, about twenty times
 * faster than the zod schema (tracker-json.ts), which runs once per record and dominated a large
 * collect. It accepts a subset of what the schema accepts, and only records whose schema output
 * equals the input field for field (the schema trims skill names: a name with spaces around it is
 * not taken here). Everything else goes through zod, the boundary schema, which accepts it or
 * words the error, so the rows and problems are the same either way (test/formats/fast-check.test.ts).
 */

const OPTIONAL_TEXT = ['error_type', 'session_id', 'workflow_path', 'user_query', 'workflow_phase', 'workflow_step_id'] as const;

/** Beyond this a rank is left to zod's own idea of an integer. */
const SAFE_RANK = 2 ** 31;

function isStringList(value: unknown): boolean {
	if (value === null || value === undefined) return true;
	if (!Array.isArray(value)) return false;
	for (const item of value) if (typeof item !== 'string') return false;
	return true;
}

export function passesFastTrackerCheck(raw: Record<string, unknown>): boolean {
	const name = raw.skill_name;
	if (typeof name !== 'string' || name.length === 0 || name.length > MAX_SKILL_NAME_LENGTH) return false;
	if (name.trim() !== name) return false;
	if (typeof raw.invoked_at !== 'string' || typeof raw.completed !== 'boolean') return false;
	const seconds = raw.duration_seconds;
	if (seconds !== null && seconds !== undefined && (typeof seconds !== 'number' || !Number.isFinite(seconds))) return false;
	for (const field of OPTIONAL_TEXT) {
		const value = raw[field];
		if (value !== null && value !== undefined && typeof value !== 'string') return false;
	}

	const rank = raw.selection_rank;
	if (rank !== null && rank !== undefined && (typeof rank !== 'number' || !Number.isInteger(rank) || Math.abs(rank) >= SAFE_RANK)) return false;
	return isStringList(raw.follow_up_actions) && isStringList(raw.alternatives_considered);
}
