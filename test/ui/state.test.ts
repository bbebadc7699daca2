import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {WINDOW_OPTIONS} from '../../source/domain/window-choice.js';
import {trailOf} from '../../source/ui/app.js';
import {inputContexts} from '../../source/ui/keys/input-contexts.js';
import {historyAfterGoing} from '../../source/ui/navigation.js';
import {initialState, reduce, type UiAction, type UiState} from '../../source/ui/state.js';

const start = (screen: UiState['screen'] = 'leaderboard') => initialState(screen, WINDOW_OPTIONS[0]!.make('2026-11-24'));
const apply = (state: UiState, ...actions: UiAction[]) => actions.reduce(reduce, state);
const rows = {count: 10, visible: 5};

describe('history stack', () => {
	test('a sub-screen remembers where it was reached from; a top screen starts afresh', () => {
		assert.deepEqual(historyAfterGoing([], 'leaderboard', 'skill'), ['leaderboard']);
		assert.deepEqual(historyAfterGoing(['leaderboard'], 'skill', 'window'), ['leaderboard', 'skill']);
		assert.deepEqual(historyAfterGoing(['leaderboard', 'skill'], 'window', 'skill'), ['leaderboard'], 'back to a screen on the stack');
		assert.deepEqual(historyAfterGoing(['insights'], 'skill', 'leaderboard'), []);
	});

	test('Esc walks back: drill-down → window → drill-down → the list it came from', () => {
		let state = apply(start(), {type: 'open-skill', skill: 'code'}, {type: 'go', screen: 'window'});
		assert.deepEqual(trailOf(state), ['Leaderboard', 'code', 'Time window']);
		state = apply(state, {type: 'choose-window', choice: WINDOW_OPTIONS[2]!.make('2026-11-24')});
		assert.equal(state.screen, 'skill', 'choosing a window returns to the drill-down');
		assert.deepEqual(trailOf(state, 'tracker'), ['Leaderboard', 'code', 'tracker']);
		state = apply(state, {type: 'back'});
		assert.equal(state.screen, 'leaderboard');
		assert.deepEqual(apply(state, {type: 'back'}), state, 'a top screen with no history stays');
	});

	test('the drill-down needs a skill: going there without one lands on the leaderboard', () => {
		assert.equal(apply(start('insights'), {type: 'go', screen: 'skill'}).screen, 'leaderboard');
	});

	test('a new skill opens at the top of its drill-down', () => {
		const scrolled = apply(start(), {type: 'open-skill', skill: 'a'}, {type: 'list', list: 'skill', command: 'page-down', size: {count: 40, visible: 10, kind: 'scroll'}});
		assert.equal(scrolled.lists.skill.offset, 10);
		assert.equal(apply(scrolled, {type: 'back'}, {type: 'open-skill', skill: 'b'}).lists.skill.offset, 0);
	});

	test('the window picker opens on the window in use', () => {
		const weekly = apply(start(), {type: 'go', screen: 'window'}, {type: 'list', list: 'window', command: 'cursor-down', size: rows}, {type: 'list', list: 'window', command: 'cursor-down', size: rows});
		const chosen = apply(weekly, {type: 'choose-window', choice: WINDOW_OPTIONS[2]!.make('2026-11-24')}, {type: 'go', screen: 'window'});
		assert.equal(chosen.lists.window.cursor, 2);
	});
});

describe('input mode', () => {
	test('a prompt takes keys as text; the filter is live and Esc clears it, Enter keeps it', () => {
		let state = apply(start(), {type: 'list', list: 'leaderboard', command: 'cursor-bottom', size: rows}, {type: 'open-prompt', prompt: 'filter'});
		assert.deepEqual(inputContexts(state), ['filter', 'prompt', 'always']);
		state = apply(state, {type: 'prompt-type', text: 's'}, {type: 'prompt-type', text: 'e'}, {type: 'prompt-type', text: 'x'}, {type: 'prompt-erase'});
		assert.equal(state.filter, 'se');
		assert.equal(state.lists.leaderboard.cursor, 0, 'each key narrows the list from its top');
		assert.equal(apply(state, {type: 'end-prompt', keep: false}).filter, '');
		const kept = apply(state, {type: 'end-prompt', keep: true});
		assert.equal(kept.filter, 'se');
		assert.deepEqual(kept.mode, {kind: 'normal'});
		assert.equal(apply(kept, {type: 'open-prompt', prompt: 'filter'}, {type: 'prompt-type', text: 's'}).filter, 'ses', '/ again goes on from the kept filter');
		assert.equal(apply(kept, {type: 'clear-filter'}).filter, '');
	});

	test('the add prompt starts empty and leaves the filter alone', () => {
		const state = apply(start('projects'), {type: 'open-prompt', prompt: 'add-project'}, {type: 'prompt-type', text: '~'});
		assert.deepEqual(state.mode, {kind: 'prompt', prompt: 'add-project', text: '~'});
		assert.deepEqual(inputContexts(state), ['prompt', 'always']);
		assert.equal(state.filter, '');
	});

	test('a question, the help, and the screens each have their own contexts', () => {
		assert.deepEqual(inputContexts(apply(start('projects'), {type: 'ask', confirm: 'purge-project', subject: 'p1'})), ['confirm', 'always']);
		assert.deepEqual(inputContexts(apply(start(), {type: 'open-help'})), ['help', 'always']);
		assert.deepEqual(inputContexts(apply(start(), {type: 'open-help'}, {type: 'close-help'})), ['leaderboard', 'global', 'always']);
	});

	test('another scope, sort or window starts the lists at their top', () => {
		const down = apply(start(), {type: 'list', list: 'leaderboard', command: 'cursor-bottom', size: rows}, {type: 'list', list: 'insights', command: 'cursor-bottom', size: rows});
		assert.equal(down.lists.leaderboard.cursor, 9);
		assert.equal(apply(down, {type: 'scope', projectId: 'p'}).lists.insights.cursor, 0);
		assert.equal(apply(down, {type: 'sort-next'}).lists.leaderboard.cursor, 0);
		assert.equal(apply(down, {type: 'sort-reverse'}).lists.leaderboard.cursor, 0);
	});
});
