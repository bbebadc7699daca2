import {z} from 'zod';
import {MAX_SKILL_NAME_LENGTH} from './bounds.js';

// The bounds need no zod: a parse thread (data/transcripts/parse-worker.ts) loads them alone.
export {MAX_DURATION_MS, MAX_INSTANT_US, MAX_SKILL_NAME_LENGTH, MIN_INSTANT_US, instantOutOfRange, usableDurationMs} from './bounds.js';

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
