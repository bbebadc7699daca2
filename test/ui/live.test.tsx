import assert from 'node:assert/strict';
import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import {afterEach, describe, test} from 'node:test';
import {registerProject} from '../../source/data/registry/registry.js';
import type {WatchRequest} from '../../source/data/watch/watch-refusal.js';
import {GrowingSession, usageCount} from '../helpers/live.js';
import {KEYS, leaderboardOrder, lineWith, renderExplorer, type Explorer} from '../helpers/render-app.js';
import {makeProject, makeTempDir} from '../helpers/temp.js';
import {sessionInvocation, tracker} from '../helpers/tracker.js';

/*
 * The explorer follows the files (issue 14): with it open, a turn appended to a transcript shows
 * on the leaderboard without a key, the screen keeps its cursor and sort, the footer says
 * "live HH:MM:SS" (or "polling …"), and `l` turns it off and on.
 */

let app: Explorer | undefined;
afterEach(async () => {
	await app?.close();
	app = undefined;
});

const LIVE_MARK = /live \d\d:\d\d:\d\d$/m;
const selectedLine = (frame: string) => frame.split('\n').find(line => line.startsWith('› ')) ?? '';

/** A project with one session of `skills` (one turn each), and the explorer open on it, live. */
async function openLive(skills: readonly string[], live: WatchRequest | 'not asked' = 'auto'): Promise<{app: Explorer; session: GrowingSession}> {
	const home = await makeTempDir('skillscope-live-ui-');
	const claudeRoot = path.join(home, 'claude');
	const project = path.join(home, 'repo');
	await mkdir(project, {recursive: true});
	const session = new GrowingSession(claudeRoot, project, '77777777-7777-4777-8777-777777777777');
	for (const skill of skills) session.addTurn(skill);
	await session.create();
	app = await renderExplorer({trees: {}, claudeRoot, rows: 60, live: live === 'not asked' ? undefined : live, prepare: async database => void (await registerProject(database, project, {name: 'repo'}))});
	return {app, session};
}

describe('live explorer', () => {
	test('a turn appended to a transcript shows on the open leaderboard without a key; the cursor stays on its skill, the sort stays', async () => {
		const {app, session} = await openLive(['plan', 'plan', 'code']);
		await app.waitForFrame(frame => leaderboardOrder(frame).join(',') === 'plan,code' && LIVE_MARK.test(frame), 'the leaderboard, live');
		await app.press('j');
		const before = app.lastFrame();
		assert.match(selectedLine(before), /│ code +│/);
		const heading = lineWith(before, '│ skill');
		for (let turn = 0; turn < 3; turn++) session.addTurn('review');
		const drawn = app.frameCount();
		await session.flush();
		const after = await app.waitForFrame(frame => lineWith(frame, '│ review').includes('│ 3 '), 'review ×3 on the leaderboard');
		// Refreshed in place: no frame in between dims the rows as "loading…".
		assert.deepEqual(app.framesSince(drawn).filter(frame => frame.includes('loading…')), []);
		assert.deepEqual(leaderboardOrder(after), ['review', 'plan', 'code'], 'the new rows in the sort of before');
		assert.equal(lineWith(after, '│ skill'), heading, 'the same sort column');
		await app.waitForFrame(frame => /│ code +│/.test(selectedLine(frame)), 'the cursor on code, now the third row');
		assert.equal(await usageCount(app.database, 'review'), 3);
		assert.match(app.lastFrame(), LIVE_MARK);
	});

	test('l turns live off (the footer says so) and on again, which catches up', async () => {
		const {app, session} = await openLive(['plan']);
		await app.waitForFrame(frame => leaderboardOrder(frame).includes('plan') && LIVE_MARK.test(frame), 'the leaderboard, live');
		await app.press('l');
		await app.waitForFrame(frame => /live off$/m.test(frame), 'live off');
		assert.match(app.lastFrame(), / l live off$/m, 'the footer names the key');
		await session.turn('while-off');
		await app.press('?');
		assert.match(app.lastFrame(), /l +Live on or off: collect and redraw as the files change/);
		await app.press('?');
		assert.ok(!leaderboardOrder(app.lastFrame()).includes('while-off'), 'nothing is collected while live is off');
		await app.press('l');
		await app.waitForFrame(frame => leaderboardOrder(frame).includes('while-off') && LIVE_MARK.test(frame), 'the turn appended while off');
	});

	test('a project added in the explorer is collected at once while live (no r, no wait for the full check)', async () => {
		const {app} = await openLive(['plan']);
		await app.waitForFrame(frame => leaderboardOrder(frame).includes('plan') && LIVE_MARK.test(frame), 'the leaderboard, live');
		const other = await makeProject({'.session-buddy/skill_metrics.json': tracker([sessionInvocation({skill_name: 'added-later', invoked_at: '2026-11-20T10:00:00'})])});
		await app.press('1', 'a');
		await app.waitForFrame(frame => frame.includes('Add project directory:'), 'the prompt');
		await app.press(other, KEYS.enter);
		await app.waitForFrame(frame => frame.includes('Collecting it now (live)'), 'the message');
		await app.press('4');
		await app.waitForFrame(frame => leaderboardOrder(frame).includes('added-later'), 'the new project\'s skill, with no key');
	});

	test('forced polling says "polling" in the footer and still follows an append', async () => {
		const {app, session} = await openLive(['plan'], 'poll');
		await app.waitForFrame(frame => /polling \d\d:\d\d:\d\d$/m.test(frame), 'the polling mark');
		await session.turn('polled');
		await app.waitForFrame(frame => leaderboardOrder(frame).includes('polled'), 'the polled turn');
	});

	test('without live asked for, the explorer starts with live off and l starts it', async () => {
		const {app, session} = await openLive(['plan'], 'not asked');
		await app.waitForFrame(frame => leaderboardOrder(frame).includes('plan') && /live off$/m.test(frame), 'live off');
		await session.turn('later');
		await app.press('l');
		await app.waitForFrame(frame => leaderboardOrder(frame).includes('later'), 'the turn, once live');
	});
});
