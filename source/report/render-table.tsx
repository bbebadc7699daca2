import {renderToString} from 'ink';
import {Table} from '../ui/ink-table.js';

type Cell = string | number | null | undefined;

/** A one-shot table: ink-table drawn once to a string, as wide as the terminal allows. */
export function renderTable(rows: Array<Record<string, Cell>>, columns = 200): string {
	if (rows.length === 0) return '';
	return renderToString(<Table data={rows} />, {columns});
}
