import {useEffect, useState} from 'react';
import {tableLines, type TableRow} from '../table-lines.js';

/**
 * ink-table's lines for `rows`, drawn by a second Ink renderer. Never during a render (React
 * forbids one render from starting another) nor inside the explorer's commit (yoga's layout is
 * not re-entrant): on the next turn of the event loop. `rows` must keep its identity between
 * renders (useMemo) or it is redrawn every time. Drawing costs milliseconds per row: for small
 * tables (projects, progress) only.
 */
export function useTableLines(rows: readonly TableRow[]): string[] | undefined {
	const [lines, setLines] = useState<string[]>();
	useEffect(() => {
		const timer = setImmediate(() => setLines(tableLines(rows)));
		return () => clearImmediate(timer);
	}, [rows]);
	// The previous drawing stays up until the next is ready: a ticking table never blinks.
	return lines;
}
