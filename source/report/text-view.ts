/** A row of a text table: its cells by column. */
export type TableRow = Record<string, string | number>;

/** How a text form is drawn: the zone of its times, and the table renderer (loaded only for text). */
export interface TextView {
	displayZone: string;
	table: (rows: TableRow[]) => string;
	/** The home folder, written `~` in the paths shown. */
	home?: string;
	/**
	 * Every registered project, where it lives: a table that holds some of them names a `shop`
	 * against all (`shop (acme)` though it is the only shop of its table), as the explorer does.
	 */
	registered?: ReadonlyArray<{name: string; path: string}>;
}
