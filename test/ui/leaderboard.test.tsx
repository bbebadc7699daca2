import assert from 'node:assert/strict';
import {afterEach, beforeEach, describe, test} from 'node:test';
import {KEYS, leaderboardOrder, lineWith, renderExplorer, type Explorer} from '../helpers/render-app.js';

let app: Explorer;
beforeEach(async () => {
	app = await renderExplorer();
});
afterEach(async () => {
	await app.close();
});

const BY_USES = ['crackerjack-run', 'code-review', 'session-checkpoint', 'session-start', 'test-generation', 'write-tests', 'session-end'];
const ready = (frame: string) => frame.includes('crackerjack-run');

describe('leaderboard', () => {
	test('opens on the all-time leaderboard when there is data, first row selected', async () => {
		const frame = await app.waitForFrame(ready, 'the leaderboard');
		assert.match(frame, /Leaderboard {2}· {2}all time {2}· {2}all active projects/);
		assert.deepEqual(leaderboardOrder(frame), BY_USES);
		assert.match(lineWith(frame, 'crackerjack-run'), /^› /);
		assert.match(lineWith(frame, 'crackerjack-run'), /│ 6 +│ 66\.7%/);
		assert.match(frame, /uses ▼/);
	});

	test('j/k and g/G move the cursor; Enter drills down; Esc returns to the same row', async () => {
		await app.waitForFrame(ready);
		await app.press('j', 'j', 'k');
		assert.match(lineWith(app.lastFrame(), 'code-review'), /^› /);
		await app.press('G');
		assert.match(lineWith(app.lastFrame(), 'session-end'), /^› /);
		await app.press('g', 'j', KEYS.enter);
		const drill = await app.waitForFrame(frame => frame.includes('│ design'), 'the drill-down with its project table');
		assert.match(drill, /Leaderboard › code-review/);
		assert.match(drill, /success rate +50\.0%/);
		assert.match(drill, /4 finished: 2 succeeded, 2 failed; 0 pending/);
		assert.match(drill, /too few invocations to judge/);
		assert.match(lineWith(drill, '│ design'), /│ 2 +│ 50\.0%/);
		assert.match(lineWith(drill, '│ export'), /│ 2 +│ 50\.0%/);
		assert.doesNotMatch(drill, /ContextLimitExceeded/, 'below the fold at 24 lines');
		await app.press(...Array.from({length: 12}, () => 'j'));
		const scrolled = await app.waitForFrame(frame => frame.includes('Most common errors'), 'the errors, scrolled into view');
		assert.match(lineWith(scrolled, 'ContextLimitExceeded'), /^\s+1\s+ContextLimitExceeded$/);
		await app.press(KEYS.escape);
		const back = await app.waitForFrame(frame => frame.includes('uses ▼'), 'the leaderboard again');
		assert.match(lineWith(back, 'code-review'), /^› /);
	});

	test('keys typed faster than they are read all count (a burst arrives as one chunk)', async () => {
		await app.waitForFrame(ready);
		await app.press('jjj\r');
		const drill = await app.waitForFrame(frame => frame.includes('Leaderboard › session-start') && frame.includes('success rate'), 'the fourth skill’s drill-down');
		assert.match(drill, /success rate +100\.0%/);
	});

	test('s cycles the sorted column, S reverses it; the sorted column is marked', async () => {
		await app.waitForFrame(ready);
		await app.press('s');
		const bySuccess = await app.waitForFrame(frame => frame.includes('success ▼'), 'sort by success');
		const order = leaderboardOrder(bySuccess);
		assert.deepEqual(order.slice(-3), ['crackerjack-run', 'code-review', 'session-end'], 'lowest rates last, no rate at the end');
		await app.press('S');
		const reversed = await app.waitForFrame(frame => frame.includes('success ▲'), 'reversed');
		assert.deepEqual(leaderboardOrder(reversed).slice(0, 2), ['code-review', 'crackerjack-run']);
	});

	test('/ filters live by name; Esc clears the filter', async () => {
		await app.waitForFrame(ready);
		await app.press('/', 's', 'e', 's');
		const filtered = await app.waitForFrame(frame => leaderboardOrder(frame).length === 3, 'three session skills');
		assert.deepEqual(leaderboardOrder(filtered), ['session-checkpoint', 'session-start', 'session-end']);
		assert.match(filtered, /\/ses/);
		await app.press('x', 'y', 'z');
		await app.waitForFrame(frame => frame.includes('No skill matches “sesxyz”'), 'no match');
		await app.press(KEYS.escape);
		const cleared = await app.waitForFrame(frame => leaderboardOrder(frame).length === BY_USES.length, 'all rows back');
		assert.doesNotMatch(cleared, /\/ses/);
	});

	test('p scopes the leaderboard to each project in turn, then back to all', async () => {
		await app.waitForFrame(ready);
		await app.press('p');
		const first = await app.waitForFrame(frame => frame.includes('project crackerjack'), 'the first project');
		await app.waitForFrame(frame => leaderboardOrder(frame).length === 2, 'its two skills');
		assert.match(lineWith(app.lastFrame(), 'crackerjack-run'), /│ 2 +│ 50\.0%/);
		assert.ok(first);
		for (let step = 0; step < 5; step++) await app.press('p');
		await app.waitForFrame(frame => frame.includes('all active projects') && leaderboardOrder(frame).length === BY_USES.length, 'all projects again');
	});

	test('t chooses a window; ← and → step through its buckets; the header always says which', async () => {
		await app.waitForFrame(ready);
		await app.press('t');
		await app.waitForFrame(frame => frame.includes('Choose the time window'), 'the selector');
		await app.press('j', 'j', KEYS.enter);
		await app.waitForFrame(frame => frame.includes('week 2026-11-23 – 2026-11-29'), 'this week');
		// This week: the two trackers' runs of 2026-11-24 and a pending checkpoint.
		const week = await app.waitForFrame(frame => leaderboardOrder(frame).length === 2, 'this week’s skills');
		assert.match(lineWith(week, 'crackerjack-run'), /│ 3 +│ 66\.7%/);
		assert.match(lineWith(week, 'session-checkpoint'), /│ 0 +│ –/);
		await app.press(KEYS.left);
		await app.waitForFrame(frame => frame.includes('week 2026-11-16 – 2026-11-22') && frame.includes('No invocations in this window'), 'the empty week before');
		for (let step = 0; step < 37; step++) await app.press(KEYS.left);
		const march = await app.waitForFrame(frame => frame.includes('week 2026-03-02 – 2026-03-08') && frame.includes('test-generation'), 'the first week of March');
		assert.deepEqual(leaderboardOrder(march), ['code-review', 'test-generation']);
	});

	test('a query that fails shows its error on the screen, and the explorer keeps running', async () => {
		await app.waitForFrame(ready);
		await app.database.run('DROP TABLE skill_aggregates');
		await app.press(KEYS.right);
		const failed = await app.waitForFrame(frame => frame.includes('Error:'), 'the error state');
		assert.match(failed, /skill_aggregates/);
		await app.press('1');
		await app.waitForFrame(frame => frame.includes('│ crackerjack'), 'another screen still works');
	});
});
