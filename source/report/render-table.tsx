import {tableLines, type TableRow} from '../ui/table-lines.js';

/** A one-shot table: ink-table, compact (no rule between rows). */
export function renderTable(rows: TableRow[]): string {
	return tableLines(rows).join('\n');
}
