// chalk reads this when ink loads (the helpers below are imported after it): the explorer's own
// colours are drawn, so that the test tells them from the sequences that came from files.
process.env.FORCE_COLOR = '1';

import assert from 'node:assert/strict';
import {appendFile} from 'node:fs/promises';
import {after, test} from 'node:test';
import {assertNoRawControls, HOSTILE_SKILLS, makeHostileWorld, SGR} from '../helpers/hostile.js';
import {makeTempDir} from '../helpers/temp.js';

const {assertFits, KEYS, renderExplorer} = await import('../helpers/render-app.js');
const {collect} = await import('../../source/data/collect/collector.js');
const {registerProject} = await import('../../source/data/registry/registry.js');
const {setLocalName} = await import('../../source/data/registry/machines.js');

/*
 * Every screen of the explorer, with colour, over names that carry escape sequences (issue 22,
 * D4): every frame drawn holds no raw control character but the colours we draw, fits the
 * terminal, and shows each hostile character as a visible escape.
 */

type Explorer = Awaited<ReturnType<typeof renderExplorer>>;
let app: Explorer | undefined;
after(async () => {
	await app?.close();
});

const COLUMNS = 100;
const ROWS = 30;

test('every screen draws hostile names as visible escapes, with our colours and nothing else', async () => {
	const world = await makeHostileWorld(await makeTempDir('skillscope-hostile-ui-'));
	app = await renderExplorer({
		collected: false,
		claudeRoot: world.claudeRoot,
		color: true,
		columns: COLUMNS,
		rows: ROWS,
		async prepare(database) {
			await registerProject(database, world.project, {type: 'web\u001B[31m'});
			await setLocalName(database, 'host\u001B]0;machpwn\u0007');
			await collect(database, {naiveTimezone: 'UTC', displayTimezone: 'UTC', claudeRoot: world.claudeRoot});
		},
	});
	const explorer = app;
	// Frames as read: the colour codes between the words taken out.
	const shows = (...texts: string[]) => (frame: string) => texts.every(text => frame.replaceAll(SGR, '').includes(text));
	const board = await explorer.waitForFrame(shows('evil\\e]0;pwned\\a'), 'the leaderboard');
	assert.match(board, SGR, 'our own colours are drawn');
	assert.ok(board.includes('cr\\roverwrite') && board.includes('rtl\\u202eesrever') && board.includes('new\\nline'), board);

	await explorer.press('1');
	await explorer.waitForFrame(shows('discpwn', 'dirpwn'), 'the projects, registered and found');
	await explorer.press('x');
	await explorer.waitForFrame(shows('Purge proj\\e]0;dirpwn\\a?'), 'the purge question');
	await explorer.press('n', 'j', 'a');
	await explorer.waitForFrame(shows('Registered x\\e]0;discpwn\\a'), 'the registration message');
	// A broken line more in the file named with an OSC: the next collect names the file in its error.
	await appendFile(world.brokenFile, '{"type":"assistant","message":{"content":[{"type":"tool_use","name":"Skill","input":\n{"type":"system"}\n');
	// Before any drill-down: a drill-down's kept quantiles race a collect started at once (noted in the report).
	await explorer.press('r');
	await explorer.waitForFrame(shows('Done in', '✗ '), 'the collect and its error');
	// Each skill's drill-down, its name in the breadcrumbs.
	for (const [index] of HOSTILE_SKILLS.entries()) {
		await explorer.press('4', 'g', ...Array.from({length: index}, () => 'j'), KEYS.enter);
		await explorer.waitForFrame(shows('success rate'), `drill-down ${index}`);
		await explorer.press(KEYS.escape);
		await explorer.waitForFrame(shows('Leaderboard  ·'), 'back');
	}

	await explorer.press('3');
	await explorer.waitForFrame(shows('Choose the time window'), 'the window');
	await explorer.press('6');
	await explorer.waitForFrame(shows('recommendations for', 'pwned'), 'insights');
	await explorer.press(KEYS.enter);
	await explorer.waitForFrame(shows('success rate'), 'a recommendation opened');
	await explorer.press('7');
	await explorer.waitForFrame(shows('e2\\e]0;rawpwn\\a'), 'the inventory');
	await explorer.press(KEYS.enter);
	await explorer.waitForFrame(shows('description', 'passwd'), 'an installed skill opened');
	await explorer.press('?');
	await explorer.waitForFrame(shows('Esc or ? closes'), 'the help');

	const frames = explorer.framesSince(0);
	for (const [index, frame] of frames.entries()) {
		assertNoRawControls(frame, `frame ${index} of ${frames.length}`, true);
		assertFits(frame.replaceAll(SGR, ''), COLUMNS, ROWS, `frame ${index}`);
	}
});
