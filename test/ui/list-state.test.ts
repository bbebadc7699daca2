import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {LIST_TOP, reduceList, visibleSlice, type ListCommand, type ListSize, type ListState} from '../../source/ui/list/list-state.js';

const run = (commands: ReadonlyArray<ListCommand | {select: number}>, size: ListSize, from: ListState = LIST_TOP) => commands.reduce((state, command) => reduceList(state, command, size), from);

describe('list reducer', () => {
	const size = {count: 20, visible: 5};

	test('down moves the cursor; the view scrolls only when the cursor would leave it', () => {
		assert.deepEqual(run(['cursor-down', 'cursor-down'], size), {cursor: 2, offset: 0});
		assert.deepEqual(run(Array(4).fill('cursor-down'), size), {cursor: 4, offset: 0});
		assert.deepEqual(run(Array(5).fill('cursor-down'), size), {cursor: 5, offset: 1});
		// Back up inside the view: it stays still until the cursor reaches its top.
		assert.deepEqual(run([...Array(7).fill('cursor-down'), 'cursor-up', 'cursor-up'], size), {cursor: 5, offset: 3});
		assert.deepEqual(run([...Array(7).fill('cursor-down'), ...Array(5).fill('cursor-up')], size), {cursor: 2, offset: 2});
	});

	test('the cursor stops at both ends; top and bottom jump there', () => {
		assert.deepEqual(run(['cursor-up'], size), LIST_TOP);
		assert.deepEqual(run(['cursor-bottom'], size), {cursor: 19, offset: 15});
		assert.deepEqual(run(['cursor-bottom', 'cursor-down'], size), {cursor: 19, offset: 15});
		assert.deepEqual(run(['cursor-bottom', 'cursor-top'], size), LIST_TOP);
	});

	test('a page is the rows that fit', () => {
		assert.deepEqual(run(['page-down'], size), {cursor: 5, offset: 1});
		assert.deepEqual(run(['page-down', 'page-down', 'page-up'], size), {cursor: 5, offset: 5});
		assert.deepEqual(run(Array(9).fill('page-down'), size), {cursor: 19, offset: 15});
	});

	test('select jumps to a row, clamped to the list', () => {
		assert.deepEqual(run([{select: 12}], size), {cursor: 12, offset: 8});
		assert.deepEqual(run([{select: 99}], size), {cursor: 19, offset: 15});
		assert.deepEqual(run([{select: -3}], size), LIST_TOP);
	});

	test('an empty list keeps the cursor at 0 whatever is pressed', () => {
		const empty = {count: 0, visible: 5};
		assert.deepEqual(run(['cursor-down', 'cursor-bottom', 'page-down'], empty), LIST_TOP);
		assert.deepEqual(visibleSlice(LIST_TOP, empty), {cursor: 0, start: 0, end: 0, count: 0, clipped: false});
	});

	test('a list that shrank (a filter) shows its last rows with the cursor on its last one', () => {
		const before = run([{select: 17}], size);
		const slice = visibleSlice(before, {count: 3, visible: 5});
		assert.deepEqual(slice, {cursor: 2, start: 0, end: 3, count: 3, clipped: false});
		// Moving from there starts from what is shown, not from row 17.
		assert.deepEqual(reduceList(before, 'cursor-up', {count: 3, visible: 5}), {cursor: 1, offset: 0});
	});

	test('a terminal made shorter keeps the cursor on screen', () => {
		const state = run([{select: 10}], {count: 20, visible: 15});
		assert.deepEqual(state, {cursor: 10, offset: 0});
		assert.deepEqual(visibleSlice(state, {count: 20, visible: 4}), {cursor: 10, start: 7, end: 11, count: 20, clipped: true});
	});

	test('a scroll list moves its first line and never scrolls past the end', () => {
		const text = {count: 30, visible: 10, kind: 'scroll' as const};
		assert.deepEqual(run(['cursor-down', 'cursor-down'], text), {cursor: 2, offset: 2});
		assert.deepEqual(run(['cursor-bottom'], text), {cursor: 20, offset: 20});
		assert.deepEqual(run(['cursor-bottom', 'page-up', 'cursor-up'], text), {cursor: 9, offset: 9});
		assert.deepEqual(visibleSlice({cursor: 0, offset: 25}, text), {cursor: 20, start: 20, end: 30, count: 30, clipped: true});
		assert.equal(visibleSlice(LIST_TOP, {count: 8, visible: 10, kind: 'scroll'}).clipped, false);
	});

	test('any sequence keeps the cursor in the list and on screen', () => {
		const commands: ListCommand[] = ['cursor-up', 'cursor-down', 'cursor-top', 'cursor-bottom', 'page-up', 'page-down'];
		for (let seed = 1; seed < 200; seed++) {
			const count = seed % 13;
			const visible = 1 + (seed % 6);
			let state = LIST_TOP;
			for (let step = 0; step < 30; step++) {
				state = reduceList(state, commands[(seed * 7 + step * 3) % commands.length]!, {count, visible});
				const slice = visibleSlice(state, {count, visible});
				assert.ok(slice.cursor >= 0 && slice.cursor <= Math.max(0, count - 1), `cursor in the list (seed ${seed})`);
				assert.ok(count === 0 || (slice.cursor >= slice.start && slice.cursor < slice.end), `cursor on screen (seed ${seed})`);
				assert.ok(slice.end - slice.start <= visible);
			}
		}
	});
});
