import assert from 'node:assert/strict';
import {afterEach, describe, test} from 'node:test';
import {assertFits, KEYS, leaderboardOrder, lineWith, renderExplorer, type Explorer} from '../helpers/render-app.js';

let app: Explorer | undefined;
afterEach(async () => {
	await app?.close();
	app = undefined;
});

describe('at 80 × 24', () => {
	test('tabs, leaderboard, drill-down, registry, help and insights all fit, with the narrow columns', async () => {
		app = await renderExplorer({columns: 80, rows: 24});
		// Under 100 columns the average time gives its room to the names (issue 27): they show whole.
		const board = await app.waitForFrame(frame => frame.includes('│ session-checkpoint │'), 'the leaderboard, names whole');
		assertFits(board, 80, 24, 'leaderboard');
		assert.match(board, /2 Collect {2}3 Window/, 'short tab titles');
		assert.doesNotMatch(board, /follow-ups|pending|avg time/);
		assert.match(lineWith(board, 'crackerjack-run'), /│ 66\.7% +│ 66\.7% +│ 2026-11-24 +│$/, 'success, clean, and the date of last use, without its time');
		await app.press(KEYS.enter);
		assertFits(await app.waitForFrame(frame => frame.includes('success rate')), 80, 24, 'drill-down');
		await app.press('1');
		const projects = await app.waitForFrame(frame => frame.includes('│ crackerjack'), 'the registry');
		assertFits(projects, 80, 24, 'registry');
		// No project has errors: the empty column gives its room to the path, which keeps each project's folder.
		assert.doesNotMatch(projects, /│ errors │/);
		assert.match(lineWith(projects, '│ crackerjack'), /│ (\/tmp\/\S*|…\/projects)\/crackerjack │/);
		await app.press('d');
		assertFits(await app.waitForFrame(frame => frame.includes('Deactivate crackerjack?')), 80, 24, 'a question');
		await app.press('n', '?');
		assertFits(await app.waitForFrame(frame => frame.includes('Keys')), 80, 24, 'help');
		await app.press(KEYS.escape, '6');
		assertFits(await app.waitForFrame(frame => frame.includes('recommendations for') || frame.includes('Nothing to recommend')), 80, 24, 'insights');
	});
});

describe('at 120 × 40', () => {
	test('full tab titles, every leaderboard column, the registry’s type and last error, a taller page', async () => {
		app = await renderExplorer({columns: 120, rows: 40});
		const board = await app.waitForFrame(frame => frame.includes('crackerjack-run'), 'the leaderboard');
		assertFits(board, 120, 40, 'leaderboard');
		assert.match(board, /2 Collection {2}3 Time window/);
		assert.match(board, /follow-ups +│ pending +│/);
		assert.match(lineWith(board, 'crackerjack-run'), /│ 2026-11-24 \d\d:\d\d +│$/, 'last use with its time');
		assert.equal(leaderboardOrder(board).length, 7);
		await app.press(KEYS.enter);
		const drill = await app.waitForFrame(frame => frame.includes('success rate') && frame.includes('Most common errors'), 'the drill-down, errors in view without scrolling');
		assertFits(drill, 120, 40, 'drill-down');
		await app.press('1');
		const projects = await app.waitForFrame(frame => frame.includes('│ crackerjack'), 'the registry');
		assertFits(projects, 120, 40, 'registry');
		assert.match(projects, /│ type +│ path +│/);
		assert.match(projects, /│ last error │/);
	});
});
