import {Box, Text} from 'ink';
import type {VisibleSlice} from '../list/list-state.js';
import {ListView} from '../list/list-view.js';
import {TABLE_HEAD_LINES} from '../table-lines.js';

/** The lines a drawn table takes around its rows: the top, the heading, its rule, the bottom, the status. */
export const TABLE_CHROME_LINES = TABLE_HEAD_LINES + 2;

/** A drawn table (heading, one line per row, bottom) showing the rows of `slice`. */
export function SelectableTable({lines, slice, stale = false}: {lines: readonly string[]; slice: VisibleSlice; stale?: boolean}) {
	const head = lines.slice(0, TABLE_HEAD_LINES);
	const bottom = lines.at(-1) ?? '';
	const status = stale ? '  loading…' : slice.clipped ? `  rows ${slice.start + 1}–${slice.end} of ${slice.count}` : undefined;
	// Stale rows (the next window or scope is loading) are dimmed, so they are not read as its.
	return (
		<Box flexDirection="column">
			{head.map((line, index) => (
				<Text key={`head-${index}`} dimColor={stale}>{`  ${line}`}</Text>
			))}
			<ListView slice={slice} dim={stale} row={index => lines[TABLE_HEAD_LINES + index] ?? ''} />
			<Text>{`  ${bottom}`}</Text>
			{status ? <Text dimColor>{status}</Text> : null}
		</Box>
	);
}
