import assert from 'node:assert/strict';
import {fileURLToPath} from 'node:url';
import {afterEach, test} from 'node:test';
import {registerDiscovered} from '../../source/data/registry/registry.js';
import {assertFits, KEYS, lineWith, renderExplorer, type Explorer} from '../helpers/render-app.js';

/*
 * The demo's crowded corner as a new user meets it (issue 27; scripts/demo-collisions.ts): three
 * projects named shop, a long name deep in a long path, the project-reader family. Wherever a shop
 * is named (the registry, a drill-down's projects, the skills first used most recently) it says
 * which, even where it is the only shop of its table.
 */

const DEMO = fileURLToPath(new URL('../../fixtures/demo-claude', import.meta.url));
const SHOPS = {code: '/home/demo/code/shop', workSpace: '/home/demo/Desktop/workSpace/shop', acme: '/home/demo/clients/acme/shop'};
const PAYMENTS = '/home/demo/Documents/work/platform-team/services/payments-reconciliation-service';

let app: Explorer | undefined;
afterEach(async () => {
	await app?.close();
	app = undefined;
});

/** The body rows of the first table of a frame, the cursor's mark and the borders' indent left out. */
function tableRows(frame: string): string[] {
	const lines = frame.split('\n');
	const start = lines.findIndex(line => /^ {0,2}├/.test(line));
	const rows: string[] = [];
	for (const line of lines.slice(start + 1)) {
		if (!/^(?:[› ] )?│/.test(line)) break;
		rows.push(line.replace(/^[› ] /, ''));
	}

	return rows;
}

for (const columns of [60, 80, 120]) {
	test(`the demo at ${columns} × 24: every shop says which, in the registry, a drill-down and the newest skills`, async () => {
		app = await renderExplorer({claudeRoot: DEMO, columns, rows: 24, now: new Date('2026-11-21T12:00:00Z'), prepare: async database => void (await registerDiscovered(database, [...Object.values(SHOPS), PAYMENTS]))});
		await app.waitForFrame(frame => frame.includes('code-review'), 'the leaderboard');

		await app.press('1');
		const registry = await app.waitForFrame(frame => tableRows(frame).filter(row => row.includes('shop')).length === 3, 'the registry');
		assertFits(registry, columns, 24, 'the registry');
		const rows = tableRows(registry).map(row => row.replace(/\d{4}-\d\d-\d\d( \d\d:\d\d)?/, ''));
		assert.equal(new Set(rows).size, rows.length, `rows read alike:\n${rows.join('\n')}`);
		const names = rows.map(row => row.split('│')[1]!.trim());
		assert.deepEqual(names.filter(name => name.startsWith('shop')).sort(), ['shop (acme)', 'shop (code)', 'shop (workSpace)']);

		// project-reader:cpp was used in acme's shop only: its table has one shop, and says which.
		await app.press('4', '/', 'cpp', KEYS.enter, KEYS.enter);
		await app.waitForFrame(frame => frame.includes('success rate'), 'the drill-down');
		// Scrolled down to it a line at a time, each line drawn before the next key.
		for (let presses = 0; presses < 60 && !app.lastFrame().includes('│ shop'); presses++) {
			const before = app.lastFrame();
			await app.press('j');
			await app.waitForFrame(frame => frame !== before, 'the next line');
		}

		const drill = await app.waitForFrame(frame => frame.includes('By project') && frame.includes('│ shop'), 'the by-project table');
		assertFits(drill, columns, 24, 'the drill-down');
		assert.match(lineWith(drill, '│ shop'), /│ shop \(acme\) +│ 5 +│/);

		await app.press(KEYS.escape, '6');
		const insights = await app.waitForFrame(frame => frame.includes('Skills first used most recently'), 'the insights');
		assertFits(insights, columns, 24, 'the insights');
		const newest = insights.split('\n').filter(line => /^ {2}2026-\d\d-\d\d \d\d:\d\d {2}/.test(line));
		assert.ok(newest.length > 0, insights);
		for (const line of newest.filter(text => text.includes(' in shop'))) assert.match(line, / in shop \((code|acme|workSpace)\)$/, line);
	});
}
