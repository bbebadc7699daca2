import assert from 'node:assert/strict';
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {afterEach, describe, test} from 'node:test';
import {collect} from '../../source/data/collect/collector.js';
import {registerProject} from '../../source/data/registry/registry.js';
import {allBindings, type Command} from '../../source/ui/keymap.js';
import {SCREENS} from '../../source/ui/navigation.js';
import {KEYS, lineWith, renderExplorer, type Explorer} from '../helpers/render-app.js';

let app: Explorer | undefined;
afterEach(async () => {
	await app?.close();
	app = undefined;
});

describe('collection progress', () => {
	test('r collects with per-project progress, then a summary with each error and its file', async () => {
		app = await renderExplorer({collected: false});
		for (const [name, directory] of Object.entries(app.projects)) await registerProject(app.database, directory, {name});
		const broken = path.join(app.projects.export, '.session-buddy', 'skill_metrics.json');
		await writeFile(broken, '{"invocations": [{"skill_name": "x",');
		await app.press('r');
		const done = await app.waitForFrame(current => current.includes('Done in'), 'the end of the collect');
		assert.match(done, /Collection {2}·/);
		assert.match(lineWith(done, '│ sqlite'), /│ done +│ 1\/1 +│ 6 +│ 0 /);
		assert.match(lineWith(done, '│ export'), /│ done +│ 0\/1 +│ 0 +│ 1 /);
		assert.match(done, /13 new, 0 updated, 0 unchanged, 1 errors/);
		assert.ok(done.includes(`✗ ${broken}: invalid JSON`), 'the error names the file');
		await app.press('4');
		await app.waitForFrame(current => current.includes('crackerjack-run'), 'the leaderboard, reloaded with the new rows');
	});

	test('the explorer stays usable while a collect runs, and Esc on the progress screen cancels it', async () => {
		app = await renderExplorer({collected: false});
		for (const [name, directory] of Object.entries(app.projects)) await registerProject(app.database, directory, {name});
		await app.press('r', KEYS.escape);
		// Esc cancels a running collect; one that already finished goes back instead: look again.
		await app.press('2');
		const end = await app.waitForFrame(current => /Done in|Cancelled after/.test(current), 'the end');
		if (end.includes('Cancelled after')) {
			// A cancelled project is never half-written: a second collect completes the rest exactly.
			const report = await collect(app.database, {naiveTimezone: 'UTC', displayTimezone: 'UTC'});
			const total = await app.database.one<{n: number}>(`SELECT count(*)::INTEGER AS n FROM skill_usage`);
			assert.equal(total?.n, 16);
			assert.equal(report.totals.errors, 0);
		}

		await app.press('?');
		await app.waitForFrame(current => current.includes('Cancel the running collection'), 'help over the collect screen');
		await app.press(KEYS.escape);
		await app.waitForFrame(current => !current.includes('Cancel the running collection'), 'help closed by Esc');
	});
});

describe('cancelling a collect', () => {
	test('Esc right after r cancels before any source is read; the next r collects everything', async () => {
		app = await renderExplorer({collected: false});
		for (const [name, directory] of Object.entries(app.projects)) await registerProject(app.database, directory, {name});
		// One chunk: Esc reaches the collect before its first source, whatever the machine's speed.
		await app.press(`r${KEYS.escape}`);
		const cancelled = await app.waitForFrame(current => current.includes('Cancelled after'), 'the cancelled collect');
		for (const name of Object.keys(app.projects)) assert.match(lineWith(cancelled, `│ ${name} `), /│ waiting +│ +│ 0 +│ 0 /, `${name} untouched`);
		const none = await app.database.one<{n: number}>(`SELECT count(*)::INTEGER AS n FROM skill_usage`);
		assert.equal(none?.n, 0);
		await app.press('r');
		const done = await app.waitForFrame(current => current.includes('Done in'), 'the second collect');
		assert.match(done, /16 new, 0 updated, 0 unchanged, 0 errors/);
		const all = await app.database.one<{n: number}>(`SELECT count(*)::INTEGER AS n FROM skill_usage`);
		assert.equal(all?.n, 16);
	});
});

describe('keys and help', () => {
	test('every command has keys and a description, and every screen has bindings', () => {
		const commands = new Set<Command>(allBindings().map(binding => binding.command as Command));
		for (const binding of allBindings()) {
			assert.ok(binding.keys.length > 0, `${binding.command} has keys`);
			assert.ok(binding.description.length > 3, `${binding.command} has a description`);
		}

		for (const screen of SCREENS) assert.ok(allBindings().some(binding => binding.context === screen), `${screen} has keys`);
		for (const command of ['quit', 'back', 'help', 'collect', 'open', 'sort-next', 'filter', 'scope', 'add-project', 'cancel-collect'] as Command[]) {
			assert.ok(commands.has(command), command);
		}
	});

	test('? shows every key of the current screen and the global ones; q closes it, never quits', async () => {
		app = await renderExplorer();
		await app.waitForFrame(current => current.includes('crackerjack-run'));
		await app.press('?');
		let seen = await app.waitForFrame(current => current.includes('Keys'), 'the overlay');
		assert.match(seen, /Keys.*\n│ Leaderboard +│/, 'the current screen’s keys come first');
		// Taller than the screen: scroll through it and collect what was shown.
		for (let line = 0; line < 140; line++) {
			await app.press('j');
			seen += app.lastFrame();
		}

		for (const binding of allBindings()) assert.ok(seen.includes(binding.description), binding.description);
		await app.press('q');
		await app.waitForFrame(current => current.includes('uses ▼'), 'the leaderboard again');
	});

	test('Tab and 1–6 switch screens; q in the drill-down goes back instead of quitting', async () => {
		app = await renderExplorer();
		await app.waitForFrame(current => current.includes('crackerjack-run'));
		await app.press(KEYS.tab);
		await app.waitForFrame(current => current.includes('Insights  ·') && current.includes('recommendations for'), 'the skill tab needs a skill: Tab passes it by');
		await app.press('\u001B[Z');
		await app.waitForFrame(current => current.includes('Leaderboard  ·') && current.includes('uses ▼'), 'Shift+Tab passes it by too');
		await app.press('3');
		await app.waitForFrame(current => current.includes('Choose the time window'), 'screen 3');
		await app.press(KEYS.escape, KEYS.enter);
		await app.waitForFrame(current => current.includes('Leaderboard › crackerjack-run'), 'the drill-down');
		await app.press('q');
		await app.waitForFrame(current => current.includes('uses ▼'), 'back on the leaderboard');
		await app.press('2');
		await app.waitForFrame(current => current.includes('No collection yet in this session'), 'screen 2');
	});
});
