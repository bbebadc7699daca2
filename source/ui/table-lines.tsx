import {renderToString} from 'ink';
import {stripVTControlCharacters} from 'node:util';
import {visible} from '../domain/terminal-text.js';
import {Table} from './ink-table.js';

/** Ink lays text out on a grid this wide: wide enough for any table, small enough to be fast. */
const MAX_TABLE_WIDTH = 400;

export type Cell = string | number | null | undefined;
export type TableRow = Record<string, Cell>;

/**
 * ink-table drawn once and cut into lines, without the rules it puts between every row: they
 * halve how many rows fit on a screen. Line 0–2 are the top and the heading, then one line per
 * row, then the bottom rule.
 */
export function tableLines(rows: readonly TableRow[], columns?: readonly string[]): string[] {
	if (rows.length === 0) return [];
	// Every cell made visible before ink-table measures it: widths count what is drawn, and a
	// drawn line holds no control character but the colours ink-table adds (see DrawnLine).
	const data = rows.map(row => Object.fromEntries(Object.entries(row).map(([key, cell]) => [visible(key), typeof cell === 'string' ? visible(cell) : cell])));
	const drawn = renderToString(<Table data={data} columns={columns?.map(visible)} />, {columns: MAX_TABLE_WIDTH});
	const lines = drawn.split('\n');
	// The first ├ rule separates the heading from the rows: keep it, drop the others.
	const firstRule = lines.findIndex(line => stripVTControlCharacters(line).startsWith('├'));
	return lines.filter((line, index) => index === firstRule || !stripVTControlCharacters(line).startsWith('├'));
}

export const TABLE_HEAD_LINES = 3;
