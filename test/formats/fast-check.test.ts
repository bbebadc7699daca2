import assert from 'node:assert/strict';
import {test} from 'node:test';
import fc from 'fast-check';
import {passesFastTrackerCheck} from '../../source/formats/trackers/fast-check.js';
import {mapTrackerInvocation, type TrackerVariant} from '../../source/formats/trackers/tracker-json.js';
import {sessionInvocation} from '../helpers/tracker.js';

/*
 * The hand-written check (trackers/fast-check.ts) must only take records that zod takes, with the
 * same output: mapping through it or through zod alone gives the same rows and problems.
 */

const SEED = 20_261_124;

/** Field values as writers and damage produce them, valid or not. */
const anyValue = fc.oneof(
	fc.constant(null), fc.constant(undefined), fc.boolean(), fc.integer(), fc.double(), fc.constant(2 ** 40), fc.constant(-0.5),
	fc.constant(1e12), fc.string(), fc.constantFrom('', ' x', 'x ', '\u00a0x', 'code-review', 'x'.repeat(201)),
	fc.constantFrom('2026-03-02T10:00:00', '2026-03-02T10:00:00.123456', '2026-03-02 10:00', '2026-03-29T02:30:00', '2026-13-01T00:00:00', '1969-12-31T23:59:59Z'),
	fc.array(fc.string(), {maxLength: 3}), fc.array(fc.oneof(fc.string(), fc.integer()), {maxLength: 3}), fc.dictionary(fc.string(), fc.string()),
);
const FIELDS = ['skill_name', 'invoked_at', 'completed', 'duration_seconds', 'follow_up_actions', 'error_type', 'session_id', 'workflow_path',
	'user_query', 'alternatives_considered', 'selection_rank', 'workflow_phase', 'workflow_step_id'];
const record = fc.tuple(fc.subarray(FIELDS), fc.array(anyValue, {minLength: FIELDS.length, maxLength: FIELDS.length})).map(([fields, values]) => {
	const overrides: Record<string, unknown> = {};
	fields.forEach((field, index) => (overrides[field] = values[index]));
	return sessionInvocation(overrides);
});

test('records the fast check takes map exactly as zod maps them', () => {
	fc.assert(
		fc.property(record, fc.constantFrom<TrackerVariant>('A', 'B', 'C', 'sqlite'), fc.constantFrom('UTC', 'Europe/Berlin'), (raw, variant, zone) => {
			const fast = mapTrackerInvocation(raw, variant, zone, 'f.json');
			const zodOnly = mapTrackerInvocation(raw, variant, zone, 'f.json', false);
			assert.deepEqual(fast, zodOnly);
		}),
		{seed: SEED, numRuns: 2000},
	);
});

test('the fast check declines what zod would trim, coerce or refuse', () => {
	assert.equal(passesFastTrackerCheck(sessionInvocation()), true);
	assert.equal(passesFastTrackerCheck(sessionInvocation({skill_name: ' padded '})), false);
	assert.equal(passesFastTrackerCheck(sessionInvocation({selection_rank: 1.5})), false);
	assert.equal(passesFastTrackerCheck(sessionInvocation({follow_up_actions: ['a', 1]})), false);
	assert.equal(passesFastTrackerCheck(sessionInvocation({completed: 'yes'})), false);
});
