import assert from 'node:assert/strict';
import {afterEach, describe, test} from 'node:test';
import {registerProject} from '../../source/data/registry/registry.js';
import type {Database} from '../../source/data/store/database.js';
import {assertFits, KEYS, lineWith, renderExplorer, type Explorer} from '../helpers/render-app.js';
import {makeProject} from '../helpers/temp.js';
import {insertUses, series} from '../helpers/uses.js';
import {addReviewVersions} from '../helpers/versions-fixture.js';

/*
 * Outcomes and versions in the explorer (issue 20), on uses written by hand
 * (test/helpers/versions-fixture.ts): the leaderboard's clean column, the drill-down's split of
 * outcomes, weekly clean sparkline and versions, `v` for the versions view, Enter for a diff that
 * scrolls; at 80 × 24 and 120 × 40.
 */

let app: Explorer | undefined;
afterEach(async () => {
	await app?.close();
	app = undefined;
});

/** Forty steps, then each of them reworded: a diff longer than any screen. */
const LONG = Array.from({length: 40}, (_, index) => `Step ${index + 1}: do it.`).join('\n');
const LONGER = Array.from({length: 40}, (_, index) => `Step ${index + 1}: do it well.`).join('\n');

async function prepare(database: Database): Promise<void> {
	const {project: a} = await registerProject(database, await makeProject(), {name: 'A'});
	const {project: b} = await registerProject(database, await makeProject(), {name: 'B'});
	await addReviewVersions(database, {a: a.project_id, b: b.project_id});
	await insertUses(database, [
		...series(3, '2026-11-02T09:00:00Z', () => ({project_id: a.project_id, skill_name: 'steps', body: LONG})),
		...series(3, '2026-11-16T09:00:00Z', index => ({project_id: a.project_id, skill_name: 'steps', body: LONGER, outcome: index === 0 ? 'interrupted' : 'clean'})),
	]);
}

const open = async (columns: number, rows: number) => renderExplorer({collected: false, prepare, columns, rows});

for (const [columns, rows] of [[80, 24], [120, 40]] as const) {
	describe(`at ${columns} × ${rows}`, () => {
		test('the leaderboard shows clean beside success; the drill-down the split, the weekly clean rate and the versions', async () => {
			app = await open(columns, rows);
			const board = await app.waitForFrame(frame => frame.includes('review') && frame.includes('steps'), 'the leaderboard');
			assertFits(board, columns, rows, 'leaderboard');
			assert.match(board, /│ success +│ clean +│/);
			assert.match(lineWith(board, 'review'), /│ 98\.9% +│ 71\.0% +│/);
			await app.press(KEYS.enter);
			const drill = await app.waitForFrame(frame => frame.includes('clean/week'), 'the drill-down of review');
			assertFits(drill, columns, rows, 'drill-down');
			assert.match(drill, /success rate {2}98\.9% {3}clean 71\.0%/);
			assert.match(drill, /outcomes {6}clean 71% · interrupted 0% · rejected 0% · errored 28%/);
			await app.press('G');
			const end = await app.waitForFrame(frame => frame.includes('Versions (v compares them)') || frame.includes('v3 '), 'the versions, scrolled to');
			assert.match(lineWith(app.lastFrame(), '  v1 '), /v1 +2026-03-01 +50 uses +clean 86\.0% \(73\.8–93\.0%\) +first/);
			assert.ok(end.length > 0);
		});

		test('v opens the versions; Enter shows a diff that scrolls; Esc goes back the way it came', async () => {
			app = await open(columns, rows);
			await app.waitForFrame(frame => frame.includes('steps'), 'the leaderboard');
			await app.press('j', KEYS.enter);
			await app.waitForFrame(frame => frame.includes('Leaderboard › steps'), 'the drill-down of steps');
			await app.press('v');
			const versions = await app.waitForFrame(frame => frame.includes('2 versions of steps') && frame.includes('│ v2'), 'the versions view');
			assertFits(versions, columns, rows, 'versions');
			assert.match(versions, /Leaderboard › steps › Versions/);
			// Wilson for 2 of 3: 20.8–93.9% (the formula with z = 1.96, test/domain/stats.test.ts).
			assert.match(lineWith(versions, '│ v2'), /│ v2 +│ 2026-11-16( 09:00)? +│ 3 +│ 66\.7% \(20\.8–93\.9%\) +│ \+40 −40 │ unclear +│$/);
			await app.press('j');
			const selected = await app.waitForFrame(frame => frame.includes('v2 against v1'), 'what changed, in words');
			assert.match(selected.replaceAll(/\n\s*/g, ' '), /too few uses to tell: 3 and 3; 40 lines added, 40 lines removed/);
			await app.press(KEYS.enter);
			const diff = await app.waitForFrame(frame => frame.includes('+++ steps v2'), 'the diff');
			assertFits(diff, columns, rows, 'diff');
			assert.match(diff, /Versions › v1 → v2/);
			assert.match(diff, /^-Step 1: do it\.$/m);
			assert.match(diff, /lines 1–\d+ of 83 \(j\/k scroll\)/);
			await app.press('G');
			const bottom = await app.waitForFrame(frame => frame.includes('+Step 40: do it well.'), 'the end of the diff');
			assert.doesNotMatch(bottom, /\+\+\+ steps v2/, 'scrolled: the head is gone');
			await app.press(KEYS.escape);
			await app.waitForFrame(frame => frame.includes('2 versions of steps'), 'back to the versions');
			await app.press('q');
			await app.waitForFrame(frame => frame.includes('Leaderboard › steps') && frame.includes('clean/week'), 'q goes back to the drill-down, never quits');
		});
	});
}

describe('versions view', () => {
	test('Enter on the first version says there is nothing before it; help lists the view’s keys', async () => {
		app = await open(100, 30);
		await app.waitForFrame(frame => frame.includes('review'), 'the leaderboard');
		await app.press(KEYS.enter, 'v');
		await app.waitForFrame(frame => frame.includes('4 versions of review'), 'the versions of review');
		await app.press(KEYS.enter);
		await app.waitForFrame(frame => frame.includes('v1 is the first version listed: there is nothing before it'), 'the first version');
		await app.press(KEYS.escape, 'j', 'j');
		const v3 = await app.waitForFrame(frame => frame.includes('v3 against v2'), 'v3 selected');
		assert.match(v3.replaceAll(/\n\s*/g, ' '), /v3 against v2: clean 47\.1% \(31\.5–63\.3%\) against 100\.0% \(43\.8–100\.0%\), too few uses to tell: 34 and 3/);
		await app.press('?');
		const help = await app.waitForFrame(frame => frame.includes('Keys'), 'the help');
		assert.match(help, /Versions[\s\S]*What changed from the version before it \(the diff\)/);
	});
});
