import assert from 'node:assert/strict';
import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import {afterEach, describe, test} from 'node:test';
import {KEYS, lineWith, renderExplorer, type Explorer} from '../helpers/render-app.js';

let app: Explorer | undefined;
afterEach(async () => {
	await app?.close();
	app = undefined;
});

describe('project registry', () => {
	test('with no data the explorer opens on the registry and says how to start', async () => {
		app = await renderExplorer({collected: false});
		const frame = await app.waitForFrame(current => current.includes('No projects registered yet'), 'the empty registry');
		assert.match(frame, /Projects {2}·/);
		assert.match(frame, /a add/);
	});

	test('a adds a directory (validated), then it is listed and can be collected', async () => {
		app = await renderExplorer({collected: false});
		await app.waitForFrame(current => current.includes('No projects registered yet'));
		await app.press('a');
		await app.waitForFrame(current => current.includes('Add project directory:'), 'the prompt');
		const missing = path.join(app.root, 'nope');
		await app.press(missing, KEYS.enter);
		await app.waitForFrame(current => current.includes(`${missing}: no such directory`), 'the error');
		await app.press('a', app.projects.sqlite, KEYS.enter);
		const added = await app.waitForFrame(current => current.includes('Added sqlite') && current.includes('│ sqlite'), 'the new project');
		assert.match(lineWith(added, '│ sqlite'), /│ yes +│ 0 /);
		await app.press('r');
		await app.waitForFrame(current => current.includes('Done in'), 'the collect');
		await app.press('1');
		const after = await app.waitForFrame(current => /│ sqlite .*│ yes +│ 6 /.test(current), 'six rows');
		assert.ok(after);
	});

	test('d deactivates after a confirmation; x purges after naming what it deletes; Enter scopes the leaderboard', async () => {
		app = await renderExplorer();
		await app.press('1');
		await app.waitForFrame(current => current.includes('│ crackerjack'), 'the projects');
		await app.press('d');
		await app.waitForFrame(current => current.includes('Deactivate crackerjack?'), 'the question');
		await app.press('n');
		await app.waitForFrame(current => !current.includes('Deactivate crackerjack?'));
		assert.match(lineWith(app.lastFrame(), '│ crackerjack'), /│ yes /);
		await app.press('d', 'y');
		await app.waitForFrame(current => /│ crackerjack .*│ no /.test(current), 'inactive');
		await app.press('j', 'x');
		const question = await app.waitForFrame(current => current.includes('Purge design?'), 'the purge question');
		assert.match(question, /deletes its 3 collected invocations/);
		await app.press('y');
		await app.waitForFrame(current => current.includes('Purged design: 3 invocations deleted') && lineWith(current, '│ design') === '', 'purged and gone from the list');
		await app.press('G', KEYS.enter);
		const scoped = await app.waitForFrame(current => current.includes('project tracker') && /│ 1 +│ 100\.0%/.test(lineWith(current, 'crackerjack-run')), 'the tracker leaderboard');
		assert.match(scoped, /Leaderboard {2}·/);
	});

	test('typing in the add prompt never triggers keys (q, r, 1 are text there)', async () => {
		app = await renderExplorer({collected: false});
		await app.waitForFrame(current => current.includes('No projects registered yet'));
		const directory = path.join(app.root, 'qr1');
		await mkdir(directory);
		await app.press('a', directory, KEYS.enter);
		await app.waitForFrame(current => current.includes('Added qr1'), 'the project named qr1');
		assert.match(app.lastFrame(), /Projects {2}·/);
	});
});
