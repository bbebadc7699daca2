import assert from 'node:assert/strict';
import {fileURLToPath} from 'node:url';
import {afterEach, test} from 'node:test';
import {registerDiscovered} from '../../source/data/registry/registry.js';
import {assertFits, KEYS, renderExplorer, type Explorer} from '../helpers/render-app.js';

/*
 * The demo's words as a new user reads them at 60, 80 and 120 columns (issue 27): a sentence
 * wraps or gives way between words, never inside one; a count of one is singular; a hint says
 * what its key does now; a name keeps its skill part where the screen has room for it.
 */

const DEMO = fileURLToPath(new URL('../../fixtures/demo-claude', import.meta.url));
const CROWDED = ['/home/demo/code/shop', '/home/demo/Desktop/workSpace/shop', '/home/demo/clients/acme/shop', '/home/demo/Documents/work/platform-team/services/payments-reconciliation-service'];

let app: Explorer | undefined;
afterEach(async () => {
	await app?.close();
	app = undefined;
});

/** The frame's text as one run of words: a wrapped sentence reads whole here. */
const words = (frame: string) => frame.replaceAll(/[│╭╮╰╯─]/g, ' ').replaceAll(/\s+/g, ' ');

/** Lines that end in a word cut by the width (a letter, then `…` at the edge). */
const cutMidWord = (frame: string) => frame.split('\n').filter(line => /[a-z]…\s*│?\s*$/i.test(line));

for (const columns of [60, 80, 120]) {
	test(`the demo at ${columns} × 24: sentences wrap, one version is singular, Esc says back with nothing to cancel`, async () => {
		app = await renderExplorer({claudeRoot: DEMO, columns, rows: 24, now: new Date('2026-11-21T12:00:00Z'), prepare: async database => void (await registerDiscovered(database, CROWDED))});
		await app.waitForFrame(frame => frame.includes('code-review'), 'the leaderboard');

		// No collect has run: Esc goes back, and the footer says so.
		await app.press('2');
		const collect = await app.waitForFrame(frame => frame.includes('No collection yet'), 'the collect screen');
		assert.ok(!collect.includes('Esc cancel'), collect);
		if (columns >= 80) assert.match(collect.split('\n').at(-1)!, /Esc back/);

		// The help overlay's keys: a long description wraps under itself.
		await app.press('4', '?');
		const help = await app.waitForFrame(frame => frame.includes('Keys') && frame.includes('Scope:'), 'the help');
		assertFits(help, columns, 24, 'the help');
		assert.deepEqual(cutMidWord(help), [], help);
		assert.ok(words(help).includes('Scope: all projects, each machine (if several), each project'), help);
		await app.press(KEYS.escape);

		// project-reader:cpp is installed nowhere in the bare fixture: the drill-down says it whole.
		await app.press('/', 'cpp', KEYS.enter, KEYS.enter);
		const drill = await app.waitForFrame(frame => frame.includes('success rate'), 'the drill-down');
		assertFits(drill, columns, 24, 'the drill-down');
		assert.deepEqual(cutMidWord(drill), [], drill);
		assert.ok(words(drill).includes('nowhere: invoked but not installed (removed, renamed or never there)'), drill);

		await app.press('v');
		const versions = await app.waitForFrame(frame => frame.includes('version of'), 'the versions');
		assertFits(versions, columns, 24, 'the versions');
		assert.ok(!versions.includes('1 versions'), versions);
		assert.match(versions, /1 version of project-reader:cpp/);

		await app.press(KEYS.enter);
		const diff = await app.waitForFrame(frame => frame.includes('first version listed'), 'the diff');
		assertFits(diff, columns, 24, 'the diff');
		assert.deepEqual(cutMidWord(diff), [], diff);
		assert.ok(words(diff).includes('there is nothing before it to compare with. Esc goes back.'), diff);
	});
}

test('at 120 columns the leaderboard names project-reader:diagnose whole: names get the room before the pending column', async () => {
	app = await renderExplorer({claudeRoot: DEMO, columns: 120, rows: 40, now: new Date('2026-11-21T12:00:00Z'), prepare: async database => void (await registerDiscovered(database, CROWDED))});
	const board = await app.waitForFrame(frame => frame.includes('code-review') && frame.includes('project-reader'), 'the leaderboard');
	assertFits(board, 120, 40, 'the leaderboard');
	for (const name of ['project-reader:diagnose', 'project-reader:read', 'project-reader:cpp', 'superpowers:systematic-debugging']) assert.ok(board.includes(` ${name} `), `${name}:\n${board}`);
	assert.ok(!board.includes('pending'), board);
});

test('at 80 columns the Insights keep superpowers:systematic-debugging’s skill part whole', async () => {
	app = await renderExplorer({claudeRoot: DEMO, columns: 80, rows: 30, now: new Date('2026-11-21T12:00:00Z'), prepare: async database => void (await registerDiscovered(database, CROWDED))});
	await app.waitForFrame(frame => frame.includes('code-review'), 'the leaderboard');
	await app.press('6');
	const insights = await app.waitForFrame(frame => frame.includes('recommendations for'), 'the insights');
	assertFits(insights, 80, 30, 'the insights');
	assert.match(insights, / s[a-z]*…:systematic-debugging +low success rate/);
});
