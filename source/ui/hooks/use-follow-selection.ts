import {useEffect, useRef} from 'react';

/**
 * On a reload of the same view (new data: live collection, a collect), the cursor stays on the
 * row it was on, found by its key, wherever that row moved; a new sort, filter or window is
 * another view and keeps its own cursor rules. `view` names the view (its sort, filter, ...).
 */
export function useFollowSelection<T>(rows: readonly T[] | undefined, key: (row: T) => string, cursor: number, view: string, select: (index: number) => void): void {
	const seen = useRef<{view: string; rows?: readonly T[]; selected?: string}>({view});
	// The callbacks of the latest render, without making each render's new closures a reason to run.
	const latest = useRef({key, select});
	latest.current = {key, select};
	useEffect(() => {
		const {key, select} = latest.current;
		const previous = seen.current;
		if (rows && previous.rows && rows !== previous.rows && previous.view === view && previous.selected !== undefined) {
			const index = rows.findIndex(row => key(row) === previous.selected);
			if (index >= 0 && index !== cursor) {
				seen.current = {view, rows, selected: previous.selected};
				select(index);
				return;
			}
		}

		const row = rows?.[cursor];
		seen.current = {view, rows, selected: row === undefined ? undefined : key(row)};
	}, [rows, cursor, view]);
}
