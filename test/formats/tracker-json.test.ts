import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {mapTrackerInvocation, mapTrackerInvocations, trackerStatus, type TrackerVariant} from '../../source/formats/trackers/tracker-json.js';
import type {UsageRecord} from '../../source/domain/types.js';
import {invocation, sessionInvocation} from '../helpers/tracker.js';

const SOURCE = '.session-buddy/skill_metrics.json';
const T0 = Date.UTC(2026, 2, 2, 10) * 1000; // 2026-03-02T10:00:00Z in µs

function map(raw: Record<string, unknown>, variant: TrackerVariant = 'A', zone = 'UTC'): UsageRecord {
	const mapped = mapTrackerInvocation(raw, variant, zone, SOURCE);
	assert.ok('record' in mapped, `expected a record, got: ${'message' in mapped ? mapped.message : ''}`);
	return mapped.record;
}

function rejection(raw: Record<string, unknown>, variant: TrackerVariant = 'A'): string {
	const mapped = mapTrackerInvocation(raw, variant, 'UTC', SOURCE);
	assert.ok('message' in mapped, 'expected the record to be rejected');
	return mapped.message;
}

describe('status rules (formats.md)', () => {
	const variants: TrackerVariant[] = ['A', 'B', 'C', 'sqlite'];
	test('completed: true is succeeded in every variant', () => {
		for (const variant of variants) {
			assert.equal(trackerStatus({completed: true, duration_seconds: null, error_type: null}, variant), 'succeeded');
			assert.equal(map(invocation({completed: true, duration_seconds: null}), variant).status, 'succeeded');
		}
	});

	test('completed: false with a duration is failed (abandoned) in every variant', () => {
		for (const variant of variants) {
			assert.equal(map(invocation({completed: false, duration_seconds: 2}), variant).status, 'failed');
		}
	});

	test('completed: false with an error_type is failed (errored) in every variant', () => {
		for (const variant of variants) {
			assert.equal(map(invocation({completed: false, duration_seconds: null, error_type: 'TimeoutError'}), variant).status, 'failed');
		}
	});

	test('completed: false, no duration, no error is pending in A, B and SQLite but failed in C', () => {
		const unfinished = invocation({completed: false, duration_seconds: null, error_type: null});
		assert.equal(map(unfinished, 'A').status, 'pending');
		assert.equal(map(unfinished, 'B').status, 'pending');
		assert.equal(map(unfinished, 'sqlite').status, 'pending');
		assert.equal(map(unfinished, 'C').status, 'failed');
		// A missing duration is the same as null.
		const {duration_seconds: _omitted, ...withoutDuration} = unfinished;
		assert.equal(map(withoutDuration, 'B').status, 'pending');
	});

	test('an empty error_type is no error', () => {
		assert.equal(map(invocation({completed: false, duration_seconds: null, error_type: ''}), 'A').status, 'pending');
	});
});

describe('durations', () => {
	test('seconds become milliseconds and completed_at = invoked_at + duration, to the microsecond', () => {
		const record = map(invocation({invoked_at: '2026-03-02T10:00:00', duration_seconds: 42.7}));
		assert.equal(record.invokedAtUs, T0);
		assert.equal(record.durationMs, 42_700);
		assert.equal(record.completedAtUs, T0 + 42_700_000);
	});

	test('tiny durations (3.5e-05 s) keep their value', () => {
		const record = map(invocation({invoked_at: '2026-03-02T10:00:00', duration_seconds: 3.5e-5}));
		assert.equal(record.durationMs, 0.035);
		assert.equal(record.completedAtUs, T0 + 35);
	});

	test('no duration: duration and completed_at are NULL', () => {
		const record = map(invocation({duration_seconds: null}));
		assert.equal(record.durationMs, null);
		assert.equal(record.completedAtUs, null);
	});

	test('a zero duration is a duration', () => {
		const record = map(invocation({invoked_at: '2026-03-02T10:00:00', duration_seconds: 0}));
		assert.equal(record.durationMs, 0);
		assert.equal(record.completedAtUs, T0);
	});

	test('a negative duration (clock change) becomes NULL and is noted in metadata', () => {
		const record = map(invocation({completed: true, duration_seconds: -3.2}));
		assert.equal(record.durationMs, null);
		assert.equal(record.completedAtUs, null);
		assert.equal(record.status, 'succeeded');
		assert.equal(record.metadata.negative_duration_seconds, -3.2);
	});

	test('0.01 s in an export (C) or the SQLite store is a placeholder: stored, and flagged', () => {
		for (const variant of ['C', 'sqlite'] as const) {
			const record = map(sessionInvocation({completed: true, duration_seconds: 0.01}), variant);
			assert.equal(record.durationMs, 10);
			assert.equal(record.metadata.placeholder_duration, true, variant);
		}
	});

	test('other values, unfinished records and the older trackers are not flagged', () => {
		assert.equal(map(sessionInvocation({duration_seconds: 0.011}), 'C').metadata.placeholder_duration, undefined);
		assert.equal(map(sessionInvocation({duration_seconds: 0.02}), 'C').metadata.placeholder_duration, undefined);
		assert.equal(map(sessionInvocation({completed: false, duration_seconds: 0.01}), 'C').metadata.placeholder_duration, undefined);
		assert.equal(map(invocation({duration_seconds: 0.01}), 'A').metadata.placeholder_duration, undefined);
	});
});

describe('fields', () => {
	test('a variant A record: no session, follow-ups counted, names kept in metadata', () => {
		const record = map(
			invocation({
				skill_name: 'crackerjack-run',
				invoked_at: '2026-11-24T01:12:35.660193',
				workflow_path: 'daily',
				completed: true,
				duration_seconds: 1,
				follow_up_actions: ['git commit', 'run tests'],
			}),
			'A',
		);
		assert.deepEqual(record, {
			skillName: 'crackerjack-run',
			invokedAtUs: Date.UTC(2026, 10, 24, 1, 12, 35) * 1000 + 660_193,
			completedAtUs: Date.UTC(2026, 10, 24, 1, 12, 36) * 1000 + 660_193,
			durationMs: 1000,
			status: 'succeeded',
			followupActions: 2,
			sessionId: null,
			workflowPath: 'daily',
			errorType: null,
			followUpNames: ['git commit', 'run tests'],
			metadata: {source_file: SOURCE, workflow_path: 'daily', follow_up_actions: ['git commit', 'run tests']},
		});
	});

	test('a variant C record: every extra field lands in metadata', () => {
		const record = map(
			sessionInvocation({
				invoked_at: '2026-09-14T08:02:11.418203+00:00',
				session_id: 'abc',
				workflow_path: 'comprehensive',
				completed: false,
				duration_seconds: null,
				user_query: 'review the retry logic',
				alternatives_considered: ['refactor-code'],
				selection_rank: 2,
				follow_up_actions: ['run tests', 'open issue', 'git stash'],
				error_type: 'ContextLimitExceeded',
				workflow_phase: 'verification',
				workflow_step_id: 'review-1',
			}),
			'C',
		);
		assert.equal(record.sessionId, 'abc');
		assert.equal(record.status, 'failed');
		assert.equal(record.errorType, 'ContextLimitExceeded');
		assert.equal(record.followupActions, 3);
		assert.deepEqual(record.metadata, {
			source_file: SOURCE,
			workflow_path: 'comprehensive',
			error_type: 'ContextLimitExceeded',
			user_query: 'review the retry logic',
			alternatives_considered: ['refactor-code'],
			selection_rank: 2,
			workflow_phase: 'verification',
			workflow_step_id: 'review-1',
			follow_up_actions: ['run tests', 'open issue', 'git stash'],
		});
	});

	test('missing follow_up_actions count as none', () => {
		const {follow_up_actions: _omitted, ...raw} = invocation();
		const record = map(raw);
		assert.equal(record.followupActions, 0);
		assert.deepEqual(record.metadata.follow_up_actions, []);
	});

	test('naive invoked_at is read in the given zone; an offset wins over it', () => {
		assert.equal(map(invocation({invoked_at: '2026-03-02T05:00:00'}), 'A', 'America/New_York').invokedAtUs, T0);
		assert.equal(map(invocation({invoked_at: '2026-03-02T10:00:00+00:00'}), 'C', 'America/New_York').invokedAtUs, T0);
	});

	test('the skill name is trimmed', () => {
		assert.equal(map(invocation({skill_name: '  code-review '})).skillName, 'code-review');
	});
});

describe('rejected records', () => {
	test('a bad or missing invoked_at rejects the record, with the field named', () => {
		assert.match(rejection(invocation({invoked_at: 'not a time'})), /invoked_at/);
		assert.match(rejection(invocation({invoked_at: '2026-02-30T10:00:00'})), /invoked_at/);
		assert.match(rejection(invocation({invoked_at: 1_700_000_000})), /invoked_at/);
		const {invoked_at: _omitted, ...raw} = invocation();
		assert.match(rejection(raw), /invoked_at/);
	});

	test('missing or empty skill names and non-boolean completed are rejected', () => {
		assert.match(rejection(invocation({skill_name: '   '})), /skill_name/);
		assert.match(rejection(invocation({skill_name: 'x'.repeat(201)})), /skill_name/);
		assert.match(rejection(invocation({completed: 'yes'})), /completed/);
		assert.match(rejection(invocation({follow_up_actions: 'git commit'})), /follow_up_actions/);
	});

	test('in a list, a bad record is reported with its index and the others are kept', () => {
		const result = mapTrackerInvocations(
			[
				invocation({skill_name: 'a'}),
				invocation({skill_name: 'b', invoked_at: 'garbage'}),
				'not an object',
				invocation({skill_name: 'c'}),
			],
			'A',
			'UTC',
			'/p/.session-buddy/skill_metrics.json',
			SOURCE,
		);
		assert.deepEqual(result.records.map(record => record.skillName), ['a', 'c']);
		assert.equal(result.problems.length, 2);
		assert.deepEqual(result.problems.map(problem => problem.recordIndex), [1, 2]);
		assert.ok(result.problems.every(problem => problem.file === '/p/.session-buddy/skill_metrics.json'));
		assert.match(result.problems[0]!.message, /^invocations\[1\]: invoked_at/);
		assert.match(result.problems[1]!.message, /^invocations\[2\]: expected an object/);
	});
});
