import assert from 'node:assert/strict';
import {join} from 'node:path';
import {DEFAULT_READ_LIMITS, type ReadLimits} from '../../source/formats/limits.js';
import {findSources, readSource, SourceError} from '../../source/formats/trackers/sources.js';
import {SOURCE_PATHS} from './samples.js';
import {makeProject} from './temp.js';

export const JSON_SOURCE = SOURCE_PATHS.sessionBuddyJson;

/** Reads the one JSON source of a project holding `content` at `.session-buddy/skill_metrics.json`. */
export async function readJson(content: string | Buffer, limits: ReadLimits = DEFAULT_READ_LIMITS) {
	const dir = await makeProject({[JSON_SOURCE]: content});
	const [source] = await findSources(dir);
	assert.ok(source);
	return {file: join(dir, JSON_SOURCE), read: () => readSource(source, 'UTC', limits)};
}

/** The read fails with a SourceError that starts with the file's path and says `reason`. */
export async function assertSourceError(promise: Promise<unknown>, file: string, reason: RegExp): Promise<void> {
	await assert.rejects(promise, (error: unknown) => {
		assert.ok(error instanceof SourceError, String(error));
		assert.ok(error.message.startsWith(`${file}: `), error.message);
		assert.match(error.message, reason);
		return true;
	});
}
