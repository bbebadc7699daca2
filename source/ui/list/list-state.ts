/**
 * One list's cursor and scroll, as ink-ui's select keeps them: a pure reducer over named
 * commands, and the slice of rows on screen. A `select` list moves a cursor and scrolls only
 * when the cursor would leave the screen; a `scroll` list (a long text) moves its first line.
 */
export interface ListState {
	cursor: number;
	/** The first row on screen. */
	offset: number;
}

export interface ListSize {
	count: number;
	/** Rows that fit on screen. */
	visible: number;
	kind?: 'select' | 'scroll';
}

export type ListCommand = 'cursor-up' | 'cursor-down' | 'cursor-top' | 'cursor-bottom' | 'page-up' | 'page-down';

export const LIST_COMMANDS: readonly ListCommand[] = ['cursor-up', 'cursor-down', 'cursor-top', 'cursor-bottom', 'page-up', 'page-down'];

export const LIST_TOP: ListState = {cursor: 0, offset: 0};

export interface VisibleSlice {
	/** The selected row (0 for an empty list). */
	cursor: number;
	/** Rows `start` up to, not including, `end` are on screen. */
	start: number;
	end: number;
	count: number;
	/** More rows than fit: say which are shown. */
	clipped: boolean;
}

const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(high, value));

/** How far a command moves, in rows. */
function delta(command: ListCommand, count: number, visible: number): number {
	switch (command) {
		case 'cursor-up': return -1;
		case 'cursor-down': return 1;
		case 'cursor-top': return -count;
		case 'cursor-bottom': return count;
		case 'page-up': return -visible;
		case 'page-down': return visible;
	}
}

export function reduceList(state: ListState, command: ListCommand | {select: number}, size: ListSize): ListState {
	const visible = Math.max(1, size.visible);
	const start = visibleSlice(state, size);
	if (size.kind === 'scroll') {
		const top = typeof command === 'object' ? command.select : start.start + delta(command, size.count, visible);
		const offset = clamp(top, 0, Math.max(0, size.count - visible));
		return {cursor: offset, offset};
	}

	// From the cursor as shown (a list that shrank clamps it), so that a burst of keys adds up.
	const cursor = clamp(typeof command === 'object' ? command.select : start.cursor + delta(command, size.count, visible), 0, Math.max(0, size.count - 1));
	return keepInView(cursor, start.start, size.count, visible);
}

function keepInView(cursor: number, offset: number, count: number, visible: number): ListState {
	const first = clamp(offset, cursor - visible + 1, cursor);
	return {cursor, offset: clamp(first, 0, Math.max(0, count - visible))};
}

/** The rows on screen for `state`, with the cursor kept inside the list and on screen. */
export function visibleSlice(state: ListState, size: ListSize): VisibleSlice {
	const visible = Math.max(1, size.visible);
	const count = Math.max(0, size.count);
	if (size.kind === 'scroll') {
		const start = clamp(state.offset, 0, Math.max(0, count - visible));
		return {cursor: start, start, end: Math.min(count, start + visible), count, clipped: count > visible};
	}

	const cursor = clamp(state.cursor, 0, Math.max(0, count - 1));
	const {offset} = keepInView(cursor, state.offset, count, visible);
	return {cursor, start: offset, end: Math.min(count, offset + visible), count, clipped: count > visible};
}
