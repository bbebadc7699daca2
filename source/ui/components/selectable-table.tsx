import {Box} from 'ink';
import {DrawnLine, Text} from './text.js';
import type {VisibleSlice} from '../list/list-state.js';
import {ListView} from '../list/list-view.js';
import {TABLE_HEAD_LINES} from '../table-lines.js';

/** The lines a drawn table takes around its rows: the top, the heading, its rule, the bottom, the status. */
export const TABLE_CHROME_LINES = TABLE_HEAD_LINES + 2;

export const rowsStatus = (slice: VisibleSlice, stale = false) => (stale ? '  loading…' : slice.clipped ? `  rows ${slice.start + 1}–${slice.end} of ${slice.count}` : undefined);

/**
 * A drawn table (heading, one line per row, bottom) showing the rows of `slice`. `first`: the
 * list index of its first row, when the list goes on in another table (`status` false: the
 * caller says where the slice is, once for both).
 */
export function SelectableTable({lines, slice, stale = false, first = 0, status: showStatus = true}: {lines: readonly string[]; slice: VisibleSlice; stale?: boolean; first?: number; status?: boolean}) {
	const head = lines.slice(0, TABLE_HEAD_LINES);
	const bottom = lines.at(-1) ?? '';
	const status = showStatus ? rowsStatus(slice, stale) : undefined;
	// Stale rows (the next window or scope is loading) are dimmed, so they are not read as its.
	return (
		<Box flexDirection="column">
			{head.map((line, index) => (
				<DrawnLine key={`head-${index}`} dimColor={stale} line={`  ${line}`} />
			))}
			<ListView slice={slice} dim={stale} row={index => <DrawnLine line={lines[TABLE_HEAD_LINES + index - first] ?? ''} />} />
			<DrawnLine line={`  ${bottom}`} />
			{status ? <Text dimColor>{status}</Text> : null}
		</Box>
	);
}
