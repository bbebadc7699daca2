import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {detectJsonShape} from '../../source/formats/trackers/detect.js';
import {SAMPLES, sampleBytes, type SampleName} from '../helpers/samples.js';

const parsed = (name: SampleName) => JSON.parse(sampleBytes(name).toString('utf8')) as unknown;

describe('the samples are told apart by shape alone', () => {
	test('crackerjack tracker: variant A, its skills aggregates are not records', () => {
		const shape = detectJsonShape(parsed(SAMPLES.crackerjackTracker));
		assert.equal(shape.kind, 'tracker');
		assert.ok(shape.kind === 'tracker' && shape.variant === 'A');
		assert.equal(shape.kind === 'tracker' && shape.invocations.length, 3);
	});

	test('session-buddy tracker: variant B', () => {
		const shape = detectJsonShape(parsed(SAMPLES.sessionBuddyTracker));
		assert.ok(shape.kind === 'tracker' && shape.variant === 'B');
		assert.equal(shape.invocations.length, 1);
	});

	test('session-buddy export: variant C', () => {
		const shape = detectJsonShape(parsed(SAMPLES.sessionBuddyExport));
		assert.ok(shape.kind === 'tracker' && shape.variant === 'C');
		assert.equal(shape.invocations.length, 3);
	});

	test('design document: variant D', () => {
		const shape = detectJsonShape(parsed(SAMPLES.design));
		assert.equal(shape.kind, 'design');
		assert.deepEqual(shape.kind === 'design' && Object.keys(shape.skills), ['code-review', 'test-generation']);
	});
});

describe('edge shapes', () => {
	test('a tracker reset to an empty list is still a tracker', () => {
		assert.deepEqual(detectJsonShape({invocations: []}), {kind: 'tracker', variant: 'C', invocations: []});
		assert.deepEqual(detectJsonShape({invocations: [], skills: {}, last_updated: 'x'}), {kind: 'tracker', variant: 'A', invocations: []});
	});

	test('one invocation with a session_id is enough to make a tracker B', () => {
		const shape = detectJsonShape({invocations: [{skill_name: 'a'}, {skill_name: 'b', session_id: 's'}], skills: {}});
		assert.ok(shape.kind === 'tracker' && shape.variant === 'B');
	});

	test('a design file with no skills yet is a design file', () => {
		assert.equal(detectJsonShape({skills: {}}).kind, 'design');
		// One list is enough: the others are reported record by record.
		assert.equal(detectJsonShape({skills: {a: [], b: {total_invocations: 1}}}).kind, 'design');
	});

	const unknown: Array<[string, unknown, RegExp]> = [
		['a top-level array', [{skill_name: 'a'}], /array/],
		['null', null, /null/],
		['a number', 3, /number/],
		['a string', 'hello', /string/],
		['invocations that is not a list', {invocations: {a: 1}}, /"invocations" must be a list/],
		['skills aggregates without invocations', {skills: {a: {total_invocations: 3}}}, /no lists of records/],
		['an unrelated object', {name: 'package', version: '1.0.0'}, /neither/],
	];
	for (const [what, document, reason] of unknown) {
		test(`${what} is unknown, with a reason`, () => {
			const shape = detectJsonShape(document);
			assert.equal(shape.kind, 'unknown');
			assert.match(shape.kind === 'unknown' ? shape.reason : '', reason);
		});
	}
});
