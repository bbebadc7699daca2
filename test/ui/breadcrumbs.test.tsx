import assert from 'node:assert/strict';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, test} from 'node:test';
import {registerDiscovered} from '../../source/data/registry/registry.js';
import {fitBreadcrumbs, type BreadcrumbParts} from '../../source/ui/lines/breadcrumb-lines.js';
import {SCREEN_TITLES} from '../../source/ui/navigation.js';
import {KEYS, renderExplorer, type Explorer} from '../helpers/render-app.js';

/*
 * The breadcrumbs on a real-looking root (issue 27): a long skill name, a long project name and a
 * week make the line too long at 80 columns. Cut at its end it lost the window and the scope
 * ("… › Versions  ·  wee…"); now what gives way is what is least lost, and the current screen's
 * name, the window and the scope's start always show.
 */

const TITLES = new Set(Object.values(SCREEN_TITLES));
const PAYMENTS = 'payments-reconciliation-service';
const line = (parts: BreadcrumbParts) => `${parts.trail}${parts.gap}${parts.window}${parts.gap}${parts.scope}`;
const crumbs = (trail: string[], scopeName = PAYMENTS, scopePrefix = 'project ') => ({
	trail,
	window: 'week 2026-11-16 – 2026-11-22',
	shortWindow: 'week of 2026-11-16',
	scopePrefix,
	scopeName,
	titles: TITLES,
});

describe('fitBreadcrumbs', () => {
	test('whole when it fits, as it always read', () => {
		const parts = fitBreadcrumbs(crumbs(['Leaderboard'], 'all active projects', ''), 120);
		assert.equal(line(parts), 'Leaderboard  ·  week 2026-11-16 – 2026-11-22  ·  all active projects');
	});

	for (const width of [60, 80, 120]) {
		test(`at ${width} columns the current screen, the window and the scope stay; the screens passed through give way first`, () => {
			const trail = ['Leaderboard', 'project-reader:diagnose', 'Versions', '– → v1'];
			const parts = fitBreadcrumbs(crumbs(trail), width);
			const shown = line(parts);
			assert.ok(shown.length <= width - 1, `${shown.length}: ${shown}`);
			assert.ok(parts.trail.endsWith(' › – → v1'), parts.trail);
			assert.match(parts.window, /^week (of )?2026-11-16/);
			assert.ok(parts.scope.startsWith('project payments-'), parts.scope);
			// The skill's name goes only after every screen title before it.
			if (!parts.trail.includes('project-reader:diagnose')) assert.equal(parts.trail, '… › – → v1');
			if (parts.trail.includes('…')) assert.ok(!parts.trail.includes('Leaderboard'), parts.trail);
		});
	}

	test('a drill-down scoped to a project names it once', () => {
		const parts = fitBreadcrumbs(crumbs(['Leaderboard', 'project-reader:diagnose', PAYMENTS]), 80);
		assert.equal(line(parts), '… › project-reader:diagnose · week of 2026-11-16 · project payments-reconcilia…');
		// Wide enough, it reads as it always did.
		assert.equal(fitBreadcrumbs(crumbs(['Leaderboard', 'code-review', 'shop']), 200).trail, 'Leaderboard › code-review › shop');
	});
});

const DEMO = fileURLToPath(new URL('../../fixtures/demo-claude', import.meta.url));
const LAUNCHES = ['/home/demo/code/shop', '/home/demo/Desktop/workSpace/shop', '/home/demo/clients/acme/shop', `/home/demo/Documents/work/platform-team/services/${PAYMENTS}`];

let app: Explorer | undefined;
afterEach(async () => {
	await app?.close();
	app = undefined;
});

const breadcrumbs = (frame: string) => frame.split('\n')[1]!;

for (const columns of [60, 80, 120]) {
	test(`the demo at ${columns} × 24: the breadcrumbs keep the current screen, the week and the project on the way to a version`, async () => {
		app = await renderExplorer({claudeRoot: DEMO, columns, rows: 24, now: new Date('2026-11-21T12:00:00Z'), prepare: async database => void (await registerDiscovered(database, LAUNCHES))});
		await app.waitForFrame(frame => frame.includes('code-review'), 'the leaderboard');
		// The weekly window (this week: 2026-11-16 to 22), then the project with the long name.
		await app.press('3', 'j', 'j', KEYS.enter);
		await app.waitForFrame(frame => /week (of )?2026-11-16/.test(breadcrumbs(frame)), 'the week');
		for (let presses = 0; presses < 20 && !breadcrumbs(app.lastFrame()).includes('project payments'); presses++) {
			const before = breadcrumbs(app.lastFrame());
			await app.press('p');
			await app.waitForFrame(frame => breadcrumbs(frame) !== before, 'the next scope');
		}

		const board = await app.waitForFrame(frame => frame.includes(':diagnose'), 'the project’s leaderboard');
		assert.match(breadcrumbs(board), /^Leaderboard .*week (of )?2026-11-16.* project payments-/);
		await app.press('/', 'diagnose', KEYS.enter, KEYS.enter);
		await app.waitForFrame(frame => frame.includes('success rate'), 'the drill-down');
		await app.press('v');
		const versions = await app.waitForFrame(frame => /versions? of project-reader:diagnose/.test(frame), 'the versions');
		// The versions table fits the width: a wider line wraps, and its border breaks in two.
		assert.ok(versions.split('\n').every(line => line.length <= columns && (!line.includes('┌') || line.includes('┐'))), versions);
		await app.press(KEYS.enter);
		const diff = await app.waitForFrame(frame => breadcrumbs(frame).includes('– → v1'), 'the first version');
		for (const [frame, current] of [[board, 'Leaderboard'], [diff, '– → v1']] as const) {
			const shown = breadcrumbs(frame);
			assert.ok(shown.length <= columns - 1, `${shown.length} of ${columns}: ${shown}`);
			assert.ok(shown.includes(current), `the current screen's name: ${shown}`);
			assert.match(shown, /week (of )?2026-11-16/, `the window: ${shown}`);
			assert.match(shown, / project payments-/, `the scope: ${shown}`);
		}
	});
}
