import {z} from 'zod';

/** Names longer than this are not skill names but damage (a pasted prompt, a corrupt write). */
export const MAX_SKILL_NAME_LENGTH = 200;

export const skillNameSchema = z
	.string({error: 'skill_name is missing or not a string'})
	.trim()
	.min(1, 'skill_name is empty')
	.max(MAX_SKILL_NAME_LENGTH, `skill_name is longer than ${MAX_SKILL_NAME_LENGTH} characters`);

/** The first issue only, as `field: what is wrong`: one line a user can act on. */
export function describeIssue(error: z.ZodError): string {
	const issue = error.issues[0];
	if (!issue) return 'invalid record';
	const path = issue.path.map(String).join('.');
	const message = issue.message.startsWith(path) || path === '' ? issue.message : `${path}: ${issue.message}`;
	const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
	return `${message}${more}`;
}

/** Instants outside these are damage (a zeroed clock, a typo'd year), not invocations. */
export const MIN_INSTANT_US = 0;
export const MAX_INSTANT_US = Date.UTC(2200, 0, 1) * 1000;

export function instantOutOfRange(us: number): string | undefined {
	if (us >= MIN_INSTANT_US && us < MAX_INSTANT_US) return undefined;
	return 'out of range (before 1970 or after 2199)';
}

/** No invocation lasts a year: a longer duration is damage and is read as unknown (NULL). */
export const MAX_DURATION_MS = 366 * 86_400_000;

/** A usable duration in milliseconds: finite, not negative, not absurd; null otherwise. */
export function usableDurationMs(ms: number | null | undefined): number | null {
	if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0 || ms > MAX_DURATION_MS) return null;
	return ms;
}
