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
	return useDrawnTable(rows).lines;
}

/** The lines and the rows they were drawn from: a list whose rows are selected needs the two to agree. */
export function useDrawnTable(rows: readonly TableRow[]): {lines?: string[]; current: boolean} {
	const [drawn, setDrawn] = useState<{lines: string[]; rows: readonly TableRow[]}>();
	useEffect(() => {
		const timer = setImmediate(() => setDrawn({lines: tableLines(rows), rows}));
		return () => clearImmediate(timer);
	}, [rows]);
	// The previous drawing stays up until the next is ready: a ticking table never blinks.
	return {lines: drawn?.lines, current: drawn?.rows === rows};
}
