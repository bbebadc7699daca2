import assert from 'node:assert/strict';
import {afterEach, describe, test} from 'node:test';
import {ADVICE_NOW, ADVICE_R, SESSIONS_P, SESSIONS_Q} from '../helpers/insight-fixture.js';
import {KEYS, lineWith, renderExplorer, type Explorer} from '../helpers/render-app.js';

/** The explorer over the hand-worked insight fixtures (test/helpers/insight-fixture.ts). */
let app: Explorer;
afterEach(async () => {
	await app.close();
});

const open = async () => {
	app = await renderExplorer({trees: {P: SESSIONS_P, Q: SESSIONS_Q, R: ADVICE_R}, now: new Date(ADVICE_NOW)});
	await app.waitForFrame(frame => frame.includes('uses ▼'), 'the leaderboard');
};

/** Recommendation rows, as "priority skill", in screen order. */
const recommendationRows = (frame: string) =>
	frame.split('\n').filter(line => /^[› ] (high|medium|low) /.test(line)).map(line => line.slice(2).split(/\s+/).slice(0, 2).join(' '));

describe('insights screen', () => {
	test('6 lists the recommendations by priority with their numbers; the selected one’s advice below', async () => {
		await open();
		await app.press('6');
		const frame = await app.waitForFrame(frame => frame.includes('recommendations for'), 'the insights screen');
		assert.match(frame, /Insights {2}· {2}all time/);
		assert.match(frame, /5 recommendations for 10 skills/);
		assert.deepEqual(recommendationRows(frame), ['high bad', 'medium sliding', 'medium meh', 'medium chatty', 'low old']);
		assert.match(lineWith(frame, 'high    bad'), /^› .*low success rate\s+40\.0% of 5$/);
		assert.match(lineWith(frame, 'sliding'), /declining trend\s+-25\.0 pts\/week, 3 weeks$/);
		assert.match(lineWith(frame, '  low     old'), /idle 39 days$/);
		assert.match(frame, /Review "bad": 40\.0% of 5 finished uses succeeded/);
		assert.match(frame, /Most frequent workflows \(6 sessions\)/);
		assert.match(frame, /2× +100\.0% +7\.0s +plan → code → test/);
	});

	test('j moves, Enter opens that skill; Esc comes back to the same row', async () => {
		await open();
		await app.press('6');
		await app.waitForFrame(frame => frame.includes('recommendations for'));
		await app.press('j');
		assert.match(lineWith(app.lastFrame(), 'sliding'), /^› /);
		assert.match(app.lastFrame(), /"sliding" is getting worse/);
		await app.press(KEYS.enter);
		const drill = await app.waitForFrame(frame => frame.includes('success rate') && frame.includes('Insights › sliding'), 'the drill-down of sliding');
		assert.match(drill, /12 finished: 9 succeeded, 3 failed/);
		await app.press(KEYS.escape);
		const back = await app.waitForFrame(frame => frame.includes('recommendations for'), 'the insights again');
		assert.match(lineWith(back, 'sliding'), /^› /);
	});

	test('Esc returns to the list the drill-down was last reached from', async () => {
		await open();
		await app.press('6');
		await app.waitForFrame(frame => frame.includes('recommendations for'));
		await app.press(KEYS.enter);
		await app.waitForFrame(frame => frame.includes('Insights › bad'), 'opened from Insights');
		await app.press('4', '5');
		await app.waitForFrame(frame => frame.includes('Leaderboard › bad'), 'reached again from the leaderboard');
		await app.press(KEYS.escape);
		await app.waitForFrame(frame => frame.includes('uses ▼'), 'back on the leaderboard');
	});

	test('Tab passes the drill-down by until a skill is opened', async () => {
		await open();
		await app.press(KEYS.tab);
		await app.waitForFrame(frame => frame.includes('recommendations for'), 'Tab from the leaderboard reaches Insights');
	});
});

describe('drill-down insights', () => {
	test('the skills used with it (lift), what comes next, and the trend direction', async () => {
		await open();
		await app.press('/', 'c', 'o', 'd', 'e', KEYS.enter, KEYS.enter);
		await app.waitForFrame(frame => frame.includes('Leaderboard › code') && frame.includes('success rate'), 'the drill-down of code');
		await app.press(...Array.from({length: 30}, () => 'j'));
		const frame = await app.waitForFrame(frame => frame.includes('Usually next'), 'the session sections');
		assert.match(frame, /Used with \(lift, of 6 sessions\)/);
		assert.match(frame, /^\s+1\.20× {2}test {2}\(4 sessions together\)$/m);
		assert.match(frame, /^\s+0\.90× {2}plan {2}\(3 sessions together\)$/m);
		assert.match(frame, /Usually next \(5 transitions\)/);
		assert.match(frame, /^\s+80\.0% {2}test {2}\(4\)$/m);
		assert.match(frame, /^\s+20\.0% {2}code {2}\(1\)$/m);
	});

	test('in a weekly window the direction of a sliding skill is declining, with its slope', async () => {
		await open();
		await app.press('t', 'j', 'j', KEYS.enter);
		await app.waitForFrame(frame => frame.includes('week 2026-03-30'), 'the weekly window');
		await app.press('6');
		await app.waitForFrame(frame => frame.includes('recommendations for'));
		await app.press('j', KEYS.enter);
		// It has no use in the week of "now": one week back, its last week with uses.
		await app.waitForFrame(frame => frame.includes('No finished or pending use of “sliding”'), 'the empty week');
		await app.press(KEYS.left);
		const drill = await app.waitForFrame(frame => frame.includes('direction'), 'the drill-down of sliding');
		assert.match(drill, /week 2026-03-23/);
		assert.match(drill, /4 finished: 2 succeeded, 2 failed/);
		assert.match(lineWith(drill, 'direction'), /▼ declining {2}\(-25\.0 points per week, last 3 weeks with uses\)/);
	});
});
