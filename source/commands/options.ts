import {z} from 'zod';
import {SORT_FIELDS, type SortField} from '../data/queries/top.js';
import {WINDOWS} from '../domain/time-window.js';

/*
 * The options several commands share, each with its range and its message written once. Every
 * schema takes the CLI's text as well as the typed value an MCP client sends; messages follow
 * the option's name ("--limit expects ...", or the MCP argument's path).
 */

const NUMBER_TEXT = /^\s*-?(\d+(\.\d*)?|\.\d+)\s*$/;

/** "12" becomes 12; anything else stays as it is, for the number schema to refuse. */
const numberFromText = (value: unknown) => (typeof value === 'string' && NUMBER_TEXT.test(value) ? Number(value) : value);

export function wholeNumber(min: number, max: number) {
	const error = (issue: {input?: unknown}) => `expects a whole number from ${min} to ${max}, got "${String(issue.input)}"`;
	return z.preprocess(numberFromText, z.int({error}).min(min, {error}).max(max, {error}));
}

export function fraction() {
	const error = (issue: {input?: unknown}) => `expects a fraction from 0 to 1 (e.g. 0.8), got "${String(issue.input)}"`;
	return z.preprocess(numberFromText, z.number({error}).min(0, {error}).max(1, {error}));
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
	return z.enum(values, {error: issue => `"${String(issue.input)}" is not one of ${values.join(', ')}`});
}

export const limit = (what: string) => wholeNumber(1, 100_000).optional().describe(`How many ${what}, 1-100000`);

export const minSessions = (what: string, byDefault: number) =>
	wholeNumber(1, 1_000_000).optional().describe(`${what}, a whole number 1-1000000 (default ${byDefault})`);

export const projectRef = z
	.string()
	.trim()
	.min(1, 'needs a value')
	.describe('A registered project: its project_id (or an id prefix of 4+ characters), its name, or its directory, as list_registered_projects shows them');

export const project = projectRef.optional().describe(`${projectRef.description!}. Omit for every active project`);

export const machine = z
	.string()
	.trim()
	.min(1, 'needs a value')
	.optional()
	.describe('Only this machine\'s invocations: its machine_id (or an id prefix of 4+ characters) or its name, as `skillscope machines` lists them. Omit for every machine');

export const skillName = z.string().trim().min(1, 'needs a value').describe('The skill name as recorded, e.g. "code-review" (get_top_skills lists them)');

export const timeWindow = oneOf(WINDOWS);

export const trendWindow = z.enum(['daily', 'weekly', 'monthly'], {
	error: issue => (issue.input === 'all' ? 'for a trend is daily, weekly or monthly' : `"${String(issue.input)}" is not one of daily, weekly, monthly`),
});

export const DAY_FORMS = 'use YYYY-MM-DD, today, yesterday or Nd (N days ago)';

/** A local day of the display zone, as written; the command resolves it against "now" (parseDay). */
export const day = (meaning: string) =>
	z
		.string()
		.trim()
		.regex(/^(\d{4}-\d{2}-\d{2}|today|yesterday|\d{1,5}d)$/i, {error: issue => `"${String(issue.input)}" is not a date: ${DAY_FORMS}`})
		.optional()
		.describe(`${meaning}: a local day of the configured time zone, YYYY-MM-DD, today, yesterday or Nd (N days ago)`);

export const since = day('Only invocations on or after this day (inclusive; omit for no lower bound)');
export const until = day('Only invocations on or before this day (inclusive; omit for up to today)');

export interface Sort {
	field: SortField;
	descending?: boolean;
}

/** `FIELD` or `FIELD:asc|desc`. */
export const sort = z
	.string()
	.transform((value, context): Sort => {
		const [field, direction, ...rest] = value.split(':');
		if (!SORT_FIELDS.includes(field as SortField) || rest.length > 0 || (direction !== undefined && !['asc', 'desc'].includes(direction))) {
			context.addIssue({code: 'custom', message: `"${value}" is not FIELD or FIELD:asc|desc; fields: ${SORT_FIELDS.join(', ')}`});
			return z.NEVER;
		}

		return {field: field as SortField, descending: direction === undefined ? undefined : direction === 'desc'};
	})
	.optional()
	.describe('Order by this field, FIELD or FIELD:asc|desc (default total_invocations; names ascend, numbers descend)');

export const flag = (meaning: string) => z.boolean().optional().describe(meaning);
