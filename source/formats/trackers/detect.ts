import type {TrackerVariant} from './tracker-json.js';

export type JsonShape =
	| {kind: 'tracker'; variant: Exclude<TrackerVariant, 'sqlite'>; invocations: unknown[]}
	| {kind: 'design'; skills: Record<string, unknown>}
	| {kind: 'unknown'; reason: string};

function isObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** No file carries a version key (formats.md): the variant is told by its shape. */
export function detectJsonShape(document: unknown): JsonShape {
	if (!isObject(document)) {
		const what = document === null ? 'null' : Array.isArray(document) ? 'an array' : `a ${typeof document}`;
		return {kind: 'unknown', reason: `expected a JSON object at the top level, found ${what}`};
	}

	if ('invocations' in document) {
		const {invocations} = document;
		if (!Array.isArray(invocations)) return {kind: 'unknown', reason: '"invocations" must be a list'};
		if (!('skills' in document)) return {kind: 'tracker', variant: 'C', invocations};
		// B's records carry session ids; A's never do.
		const hasSessions = invocations.some(record => isObject(record) && 'session_id' in record);
		return {kind: 'tracker', variant: hasSessions ? 'B' : 'A', invocations};
	}

	if (isObject(document.skills)) {
		const values = Object.values(document.skills);
		if (values.length === 0 || values.some(value => Array.isArray(value))) return {kind: 'design', skills: document.skills};
		return {kind: 'unknown', reason: '"skills" holds no lists of records (and there is no "invocations" list)'};
	}

	return {kind: 'unknown', reason: 'neither an "invocations" list (tracker format) nor a "skills" object of record lists (design format)'};
}
