import assert from 'node:assert/strict';
import {readFile} from 'node:fs/promises';
import {afterEach, describe, test} from 'node:test';
import {keysMarkdown} from '../../source/ui/keys/keys-markdown.js';
import {isText, keyNames} from '../../source/ui/keys/key-names.js';
import {allBindings, bindingsFor, CONTEXT_ORDER, footerHints, hintsWidth, KEYMAP, type Command, type KeyContext} from '../../source/ui/keymap.js';
import {SCREENS} from '../../source/ui/navigation.js';
import {renderExplorer, type Explorer} from '../helpers/render-app.js';

const noKey = {upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false};

let app: Explorer | undefined;
afterEach(async () => {
	await app?.close();
	app = undefined;
});

describe('keymap', () => {
	test('every context is in the help order once, and none binds a key twice', () => {
		assert.deepEqual([...CONTEXT_ORDER].sort(), (Object.keys(KEYMAP) as KeyContext[]).sort());
		for (const context of CONTEXT_ORDER) {
			const keys = bindingsFor(context).flatMap(binding => binding.keys);
			assert.equal(new Set(keys).size, keys.length, `${context} binds each key once`);
			assert.ok(keys.length > 0, `${context} has keys`);
		}
	});

	test('every bound command has a handler in the running explorer, in its context', async () => {
		app = await renderExplorer();
		await app.waitForFrame(frame => frame.includes('crackerjack-run'));
		for (const context of CONTEXT_ORDER) {
			const handled = app.keys.handled(context);
			for (const binding of bindingsFor(context)) assert.ok(handled.has(binding.command as Command), `${context}: ${binding.command} has a handler`);
		}
	});

	test('the footer shows each screen’s hints, and never a key the screen took for itself', () => {
		for (const screen of SCREENS) {
			const hints = footerHints(screen);
			assert.ok(hints.some(hint => hint.hint === 'help'), `${screen} hints at ?`);
			assert.equal(new Set(hints.map(hint => hint.hint)).size, hints.length);
		}

		// Esc cancels a running collect and goes back otherwise: the hint says which, from the keymap.
		const escapeHint = (holding: ReadonlySet<'collecting'>) => footerHints('collect', Number.POSITIVE_INFINITY, holding).filter(hint => hint.keys === 'Esc').map(hint => hint.hint);
		assert.deepEqual(escapeHint(new Set(['collecting'])), ['cancel'], 'a collect running: Esc cancel, no Esc back');
		assert.deepEqual(escapeHint(new Set()), ['back'], 'nothing running: Esc back, no Esc cancel');
		assert.ok(footerHints('skill').some(hint => hint.hint === 'back'));
	});

	test('a narrow footer drops whole hints, the least important first, and keeps ? (issue 27)', () => {
		for (const screen of SCREENS) {
			const all = footerHints(screen);
			for (let room = 0; room <= 160; room++) {
				const kept = footerHints(screen, room);
				assert.ok(kept.some(hint => hint.keys === '?'), `${screen} at ${room}: ? stays`);
				assert.ok(hintsWidth(kept) <= room || kept.length === 1, `${screen} at ${room}: ${hintsWidth(kept)} columns`);
				const names = kept.map(hint => hint.hint);
				assert.deepEqual(names, all.filter(hint => names.includes(hint.hint)).map(hint => hint.hint), 'in the keymap’s order');
				const dropped = all.filter(hint => !names.includes(hint.hint));
				const weakestKept = Math.max(...kept.map(hint => hint.priority));
				assert.ok(dropped.every(hint => hint.priority >= weakestKept), `${screen} at ${room}: a more important hint went first`);
			}
		}
	});

	test('a burst is each of its keys; Esc then a key is both', () => {
		assert.deepEqual(keyNames('jj\r', noKey), ['j', 'j', 'return']);
		assert.deepEqual(keyNames('/tmp/a b', noKey), ['/', 't', 'm', 'p', '/', 'a', ' ', 'b']);
		assert.deepEqual(keyNames('j', {...noKey, meta: true}), ['escape', 'j']);
		assert.deepEqual(keyNames('c', {...noKey, ctrl: true}), ['ctrl+c']);
		assert.deepEqual(keyNames('', {...noKey, tab: true, shift: true}), ['shift+tab']);
		assert.ok(isText('é') && isText(' ') && !isText('return') && !isText('\u0001'));
	});

	test('the README’s keys table is the keymap’s', async () => {
		const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
		const table = /<!-- keys:start -->\n([\s\S]*?)\n<!-- keys:end -->/.exec(readme)?.[1];
		assert.equal(table, keysMarkdown(), `README.md's keys table should be:\n${keysMarkdown()}`);
		for (const binding of allBindings()) assert.ok(table.includes(binding.description), binding.description);
	});
});
