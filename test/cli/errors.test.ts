import assert from 'node:assert/strict';
import {test} from 'node:test';
import {ConfigError} from '../../source/config.js';
import {DatabaseBusyError, DatabaseError} from '../../source/data/store/database.js';
import {TeamServerError, UsageError} from '../../source/errors.js';
import {pinnedNow} from '../../source/environment.js';
import {CommandUsageError, describeError, EXIT_CODES, mcpErrorText} from '../../source/errors.js';

test('each kind of error has its exit code and its words for an assistant', () => {
	const cases: Array<[unknown, string, number, string]> = [
		[new CommandUsageError('--limit expects a whole number', 'skillscope top'), 'usage', EXIT_CODES.usage, '--limit expects a whole number'],
		[new UsageError('no registered project "x"'), 'usage', EXIT_CODES.usage, 'no registered project "x"'],
		[new DatabaseBusyError('db: the database is in use by another skillscope process (pid 7)'), 'database-in-use', EXIT_CODES.runtime, 'db: the database is in use by another skillscope process (pid 7)'],
		[new DatabaseError('db: not a skillscope (DuckDB) database'), 'database', EXIT_CODES.runtime, 'db: not a skillscope (DuckDB) database'],
		[new ConfigError('config.json: invalid JSON'), 'config', EXIT_CODES.runtime, 'config.json: invalid JSON'],
		[new TeamServerError('cannot reach the team server postgres://ana:…@db/team: connection refused'), 'team-server', EXIT_CODES.runtime, 'cannot reach the team server postgres://ana:…@db/team: connection refused'],
		[new TypeError('x is not a function\n    at somewhere'), 'internal', EXIT_CODES.runtime, 'internal error: x is not a function'],
	];
	for (const [error, kind, exitCode, forAssistant] of cases) {
		const described = describeError(error);
		assert.deepEqual([described.kind, described.exitCode, mcpErrorText(described)], [kind, exitCode, forAssistant], String(error));
	}

	assert.equal(describeError(new CommandUsageError('bad', 'skillscope top')).usage, 'skillscope top');
	assert.deepEqual(Object.values(EXIT_CODES), [0, 1, 2, 3]);
});

test('SKILLSCOPE_NOW pins every call\'s now; a bad value is a usage error naming it', () => {
	const now = pinnedNow('2026-11-24T12:00:00Z');
	assert.equal(now().toISOString(), '2026-11-24T12:00:00.000Z');
	assert.notEqual(now(), now(), 'a fresh Date each time: a caller may not change another\'s');
	assert.throws(() => pinnedNow('soon'), (error: unknown) => error instanceof CommandUsageError && /SKILLSCOPE_NOW "soon" is not an ISO date/.test(error.message));
	assert.ok(Math.abs(pinnedNow(undefined)().getTime() - Date.now()) < 5000);
});
