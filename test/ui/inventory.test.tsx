import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, test} from 'node:test';
import {registerProject} from '../../source/data/registry/registry.js';
import {formatCount} from '../../source/domain/format.js';
import {assertFits, KEYS, lineWith, renderExplorer, type Explorer} from '../helpers/render-app.js';
import {writeTree} from '../helpers/temp.js';
import {Session, writeSession} from '../helpers/transcripts.js';

/*
 * The Inventory screen (issue 13) over a real Claude Code root in a temp dir: three user skills (one
 * without frontmatter) and one plugin skill installed, sessions collected through the real collector. review was used
 * four days before now (active), old-notes in September (stale: over 30 days), the plugin's lint
 * never; ghost was invoked twice and is installed nowhere.
 */

const DESCRIPTIONS = {review: 'Reviews a change for bugs.', oldNotes: 'Writes old notes.', lint: 'Lints with the plugin’s rules.'};
const skillFile = (name: string, description: string) => `---\nname: ${name}\ndescription: ${description}\n---\n\n# ${name}\n`;

let app: Explorer | undefined;
let world: string | undefined;
afterEach(async () => {
	await app?.close();
	app = undefined;
	if (world) await rm(world, {recursive: true, force: true});
	world = undefined;
});

async function makeWorld(): Promise<{root: string; project: string}> {
	world = await mkdtemp(path.join(os.tmpdir(), 'skillscope-inventory-'));
	const root = path.join(world, 'claude');
	const project = path.join(world, 'app');
	const pluginDir = path.join(root, 'plugins', 'cache', 'market', 'tools', '1.0.0');
	await writeTree(root, {
		'skills/review/SKILL.md': skillFile('review', DESCRIPTIONS.review),
		'skills/old-notes/SKILL.md': skillFile('old-notes', DESCRIPTIONS.oldNotes),
		'skills/bare/SKILL.md': '# Bare\n\nNo frontmatter at all.\n',
		'plugins/installed_plugins.json': JSON.stringify({version: 2, plugins: {'tools@market': [{scope: 'user', installPath: pluginDir, version: '1.0.0'}]}}),
	});
	await writeTree(pluginDir, {'skills/lint/SKILL.md': skillFile('lint', DESCRIPTIONS.lint)});
	await writeTree(project, {'README.md': 'an app'});

	const recent = new Session({sessionId: 'aaaaaaaa-0000-4000-8000-000000000001', cwd: project, start: '2026-11-20T10:00:00.000Z'});
	recent.prompt('review it', {at: 0});
	recent.skillLoaded(recent.skill('review', {at: 1}), 'review', {at: 2});
	for (const at of [10, 20]) recent.result(recent.skill('ghost', {at}), {at: at + 1, isError: true, content: '<tool_use_error>Unknown skill: ghost</tool_use_error>'});
	recent.system('turn_duration', {at: 30});
	await writeSession(root, recent);
	const old = new Session({sessionId: 'bbbbbbbb-0000-4000-8000-000000000002', cwd: project, start: '2026-09-01T09:00:00.000Z'});
	old.prompt('notes', {at: 0});
	old.skillLoaded(old.skill('old-notes', {at: 1}), 'old-notes', {at: 2});
	old.system('turn_duration', {at: 5});
	await writeSession(root, old);
	return {root, project};
}

async function openInventory(options: {columns?: number; rows?: number} = {}): Promise<{frame: string; root: string}> {
	const {root, project} = await makeWorld();
	app = await renderExplorer({trees: {}, claudeRoot: root, prepare: async database => void (await registerProject(database, project, {name: 'app'})), ...options});
	await app.press('7');
	const frame = await app.waitForFrame(current => current.includes('listing') && current.includes('tools:lint'), 'the Inventory');
	return {frame, root};
}

/** The installed names in the order the Inventory shows them. */
function inventoryOrder(frame: string): string[] {
	return frame
		.split('\n')
		.filter(line => /^[› ] \S+ +(skill|command) +(user|plugin|project) /.test(line))
		.map(line => line.slice(2).split(/\s+/)[0]!);
}

describe('the Inventory screen', () => {
	test('7 lists what is installed with its scope, uses, state and the listing budget, then what is invoked but not installed', async () => {
		const {frame} = await openInventory();
		assert.match(frame, /Inventory {2}·/, 'the breadcrumbs');
		assert.match(lineWith(frame, ' review '), /review +skill +user +1 +2026-11-20 +· +active +· *$/);
		assert.match(lineWith(frame, 'old-notes'), /old-notes +skill +user +1 +2026-09-01 +· +stale +· *$/);
		assert.match(lineWith(frame, 'tools:lint'), /tools:lint +skill +plugin +0 +– +· +never-used +· *$/);
		assert.deepEqual(inventoryOrder(frame), ['old-notes', 'review', 'bare', 'tools:lint'], 'most used first, ties A→Z');
		const chars = Object.values(DESCRIPTIONS).reduce((sum, text) => sum + [...text].length, 0);
		assert.match(frame, new RegExp(`listing ${chars} / ${formatCount(15_000)} chars █*░+ ${((chars / 15_000) * 100).toFixed(1)}%`));
		assert.match(frame, /\nas recorded: no listing \(Claude Code before 2\.1\.100 records none\)\n/, 'these sessions recorded no listing');
		assert.match(frame, /Invoked but not installed \(1\)\n +ghost ×2/);
		assert.match(frame, /s sort {2}\/ filter/, 'the footer from the keymap');
	});

	test('s and S sort, / filters by name and Esc clears it', async () => {
		const {frame} = await openInventory();
		assert.match(frame, /uses ▼/);
		await app!.press('s');
		let sorted = await app!.waitForFrame(current => current.includes('last used ▼'), 'sorted by last use');
		assert.deepEqual(inventoryOrder(sorted), ['review', 'old-notes', 'bare', 'tools:lint'], 'the latest use first, never used last');
		await app!.press('s');
		sorted = await app!.waitForFrame(current => current.includes('skill ▲'), 'sorted by name');
		assert.deepEqual(inventoryOrder(sorted), ['bare', 'old-notes', 'review', 'tools:lint']);
		await app!.press('S');
		sorted = await app!.waitForFrame(current => current.includes('skill ▼'), 'reversed');
		assert.deepEqual(inventoryOrder(sorted), ['tools:lint', 'review', 'old-notes', 'bare']);
		await app!.press('s');
		sorted = await app!.waitForFrame(current => current.includes('state ▲'), 'sorted by state');
		assert.deepEqual(inventoryOrder(sorted), ['review', 'old-notes', 'bare', 'tools:lint'], 'active, stale, never used');

		await app!.press('/', 'l', 'i', 'n');
		const filtered = await app!.waitForFrame(current => inventoryOrder(current).join() === 'tools:lint', 'filtered while typing');
		assert.match(filtered, /\/lin▌/);
		await app!.press(KEYS.enter);
		await app!.waitForFrame(current => current.includes('filter: 1 shown (Esc clears)'), 'the filter kept');
		await app!.press('4');
		const board = await app!.waitForFrame(current => current.includes('Leaderboard  ·'), 'the leaderboard');
		assert.match(board, /│ review/, 'the Inventory’s filter is its own: the leaderboard is not filtered');
		await app!.press('7', KEYS.escape);
		const cleared = await app!.waitForFrame(current => inventoryOrder(current).length === 4, 'the filter cleared');
		assert.doesNotMatch(cleared, /filter:/);
	});

	test('Enter opens the drill-down with where the skill is installed: path, scope and description', async () => {
		const {root} = await openInventory({columns: 120, rows: 40});
		await app!.press(KEYS.enter);
		const drill = await app!.waitForFrame(current => current.includes('Inventory › old-notes') && current.includes('description'), 'old-notes’ drill-down');
		assert.match(lineWith(drill, 'installed'), /installed +user skill/);
		assert.equal(lineWith(drill, 'path').replace(/^path +/, '').trim(), path.join(root, 'skills', 'old-notes', 'SKILL.md'));
		assert.match(lineWith(drill, 'description'), /description +Writes old notes\./);
		assert.match(drill, /success rate/, 'its numbers below');
		await app!.press(KEYS.escape, 'G', KEYS.enter);
		const lint = await app!.waitForFrame(current => current.includes('Inventory › tools:lint') && current.includes('description'), 'the plugin skill, never used');
		assert.match(lineWith(lint, 'installed'), /plugin skill of plugin tools/);
		assert.match(lineWith(lint, 'path'), /tools\/1\.0\.0\/skills\/lint\/SKILL\.md/);
		assert.match(lint, /No finished or pending use of “tools:lint” in this window and scope\./);
		// From the leaderboard too: ghost, invoked most (twice, unknown), is installed nowhere.
		await app!.press('4');
		await app!.waitForFrame(current => current.includes('│ review'), 'the leaderboard');
		await app!.press(KEYS.enter);
		const ghost = await app!.waitForFrame(current => current.includes('Leaderboard › ghost') && current.includes('installed'), 'ghost’s drill-down');
		assert.match(lineWith(ghost, 'installed'), /installed +nowhere: invoked but not installed/);
		assert.doesNotMatch(ghost, /^path +/m, 'no path: there is no file');
	});

	test('a file with problems: counted in the table, said in the drill-down', async () => {
		await openInventory({columns: 120, rows: 40});
		assert.match(lineWith(app!.lastFrame(), ' bare '), /bare +skill +user +0 +– +· +never-used +2$/);
		await app!.press('/', 'b', 'a', 'r', 'e', KEYS.enter, KEYS.enter);
		const drill = await app!.waitForFrame(current => current.includes('Inventory › bare') && current.includes('problems'), 'bare’s drill-down');
		assert.match(lineWith(drill, 'description'), /none \(no description in its frontmatter\)/);
		assert.match(lineWith(drill, 'problems'), /no frontmatter.*; no description/);
		assert.match(drill, /No finished or pending use of “bare”/);
	});

	test('read when shown: a skill installed after the explorer started is listed', async () => {
		const {root, project} = await makeWorld();
		app = await renderExplorer({trees: {}, claudeRoot: root, prepare: async database => void (await registerProject(database, project, {name: 'app'}))});
		await writeTree(root, {'skills/late/SKILL.md': skillFile('late', 'Installed late.')});
		await app.press('7');
		const frame = await app.waitForFrame(current => current.includes('tools:lint'), 'the Inventory');
		assert.match(lineWith(frame, ' late '), /late +skill +user +0 +– +· +never-used/);
	});

	test('without a Claude Code root it says skills are off', async () => {
		app = await renderExplorer({collected: false});
		await app.press('7');
		await app.waitForFrame(current => current.includes('Transcripts and skills are off'), 'the notice');
	});

	for (const [columns, rows] of [[80, 24], [120, 40]] as const) {
		test(`at ${columns} × ${rows} nothing wraps: the tabs, the table, the budget bar, the drill-down`, async () => {
			const {frame} = await openInventory({columns, rows});
			assertFits(frame, columns, rows, 'the Inventory');
			assert.match(frame, /7 Inventory/);
			assert.match(lineWith(frame, 'tools:lint'), /never-used/, 'every column in view');
			await app!.press('G', KEYS.enter);
			assertFits(await app!.waitForFrame(current => current.includes('Inventory › tools:lint') && current.includes('path'), 'the drill-down'), columns, rows, 'the drill-down');
			await app!.press('?');
			assertFits(await app!.waitForFrame(current => current.includes('Keys')), columns, rows, 'help');
		});
	}
});
