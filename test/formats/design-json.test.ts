import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {mapDesignSkills} from '../../source/formats/trackers/design-json.js';
import {designRecord} from '../helpers/tracker.js';

const FILE = '/p/.session-buddy/skill_metrics.json';
const SOURCE = '.session-buddy/skill_metrics.json';
const us = (iso: string) => Date.parse(iso) * 1000;

function read(skills: Record<string, unknown>, zone = 'UTC') {
	return mapDesignSkills(skills, zone, FILE, SOURCE);
}

describe('variant D records', () => {
	test('every column comes from the record as the design names it', () => {
		const {records, problems} = read({
			'code-review': [
				designRecord({
					invoked_at: '2026-03-02T10:00:00Z',
					completed_at: '2026-03-02T10:01:30Z',
					duration_ms: 90_000,
					success: true,
					followup_actions: 1,
					session_id: 'test-session-1',
					metadata: {workflow: 'feature-dev', agent: 'python-pro'},
				}),
			],
		});
		assert.deepEqual(problems, []);
		assert.deepEqual(records, [
			{
				skillName: 'code-review',
				invokedAtUs: us('2026-03-02T10:00:00Z'),
				completedAtUs: us('2026-03-02T10:01:30Z'),
				durationMs: 90_000,
				status: 'succeeded',
				followupActions: 1,
				sessionId: 'test-session-1',
				workflowPath: null,
				errorType: null,
				followUpNames: [],
				metadata: {workflow: 'feature-dev', agent: 'python-pro', source_file: SOURCE},
			},
		]);
	});

	test('success false is failed; there is no pending in this format', () => {
		const {records} = read({a: [designRecord({success: false}), designRecord({success: true, invoked_at: '2026-03-02T11:00:00Z'})]});
		assert.deepEqual(records.map(record => record.status), ['failed', 'succeeded']);
	});

	test('naive times are read in the naive zone', () => {
		const {records} = read({a: [designRecord({invoked_at: '2026-03-02T10:05:00', completed_at: '2026-03-02T10:07:00'})]}, 'Europe/Berlin');
		assert.equal(records[0]!.invokedAtUs, us('2026-03-02T09:05:00Z'));
		assert.equal(records[0]!.completedAtUs, us('2026-03-02T09:07:00Z'));
	});

	test('optional fields may be missing: no duration, no completion, no follow-ups, no session', () => {
		const {records, problems} = read({a: [{invoked_at: '2026-03-02T10:00:00Z', success: true}]});
		assert.deepEqual(problems, []);
		assert.equal(records[0]!.durationMs, null);
		assert.equal(records[0]!.completedAtUs, null);
		assert.equal(records[0]!.followupActions, 0);
		assert.equal(records[0]!.sessionId, null);
		assert.deepEqual(records[0]!.metadata, {source_file: SOURCE});
	});

	test('a negative duration becomes NULL', () => {
		const {records} = read({a: [designRecord({duration_ms: -5})]});
		assert.equal(records[0]!.durationMs, null);
	});
});

describe('bad records', () => {
	test('a bad invoked_at rejects that record only, with its place in the file', () => {
		const {records, problems} = read({
			a: [designRecord({invoked_at: 'soon'}), designRecord({invoked_at: '2026-03-02T12:00:00Z'})],
			b: [designRecord({success: 'yes'})],
		});
		assert.deepEqual(records.map(record => [record.skillName, record.invokedAtUs]), [['a', us('2026-03-02T12:00:00Z')]]);
		assert.equal(problems.length, 2);
		assert.match(problems[0]!.message, /^skills\["a"\]\[0\]: invoked_at/);
		assert.equal(problems[0]!.recordIndex, 0);
		assert.match(problems[1]!.message, /^skills\["b"\]\[0\]: .*success/);
		assert.equal(problems[1]!.recordIndex, 2);
		assert.ok(problems.every(problem => problem.file === FILE));
	});

	test('a skill whose value is not a list is reported, the other skills are read', () => {
		const {records, problems} = read({a: {total_invocations: 3}, b: [designRecord()]});
		assert.deepEqual(records.map(record => record.skillName), ['b']);
		assert.equal(problems.length, 1);
		assert.match(problems[0]!.message, /skills\["a"\]: expected a list/);
	});

	test('an empty skill name rejects its records', () => {
		const {records, problems} = read({' ': [designRecord()]});
		assert.equal(records.length, 0);
		assert.match(problems[0]!.message, /skill_name/);
	});

	test('follow-up counts must be whole, non-negative and fit the column', () => {
		const {records, problems} = read({
			a: [
				designRecord({followup_actions: 1.5}),
				designRecord({followup_actions: -1}),
				designRecord({followup_actions: 3_000_000_000}),
				designRecord({followup_actions: 7, invoked_at: '2026-03-02T12:00:00Z'}),
			],
		});
		assert.deepEqual(records.map(record => record.followupActions), [7]);
		assert.equal(problems.length, 3);
		assert.ok(problems.every(problem => /followup_actions/.test(problem.message)), JSON.stringify(problems));
	});
});
