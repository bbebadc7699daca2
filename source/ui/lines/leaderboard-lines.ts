import type {SkillRow} from '../../data/queries/top.js';
import {formatCleanRate, formatCount, formatDecimal, formatDuration, formatInstant, formatPercent} from '../../domain/format.js';
import {fitNames} from '../../domain/fit/names.js';
import {visible} from '../../domain/terminal-text.js';
import type {LeaderboardSort} from '../../domain/leaderboard.js';
import {tableLines, TABLE_HEAD_LINES} from '../table-lines.js';

export type Column = {title: string; sort?: LeaderboardSort; minWidth: number};

const COLUMNS: readonly Column[] = [
	{title: '#', minWidth: 0},
	{title: 'skill', sort: 'skill_name', minWidth: 0},
	{title: 'uses', sort: 'total_invocations', minWidth: 0},
	{title: 'success', sort: 'success_rate', minWidth: 0},
	{title: 'clean', sort: 'clean_rate', minWidth: 0},
	// Under 100 columns the names need its room more (issue 27: at 80 a name had 12 columns and
	// project-reader:diagnose could not show whole; the drill-down has the durations).
	{title: 'avg time', sort: 'avg_duration_ms', minWidth: 100},
	{title: 'follow-ups', sort: 'avg_followup_actions', minWidth: 110},
	{title: 'pending', sort: 'pending_invocations', minWidth: 110},
	// Under 70 columns the last use gives way too (at 60 the table wrapped).
	{title: 'last used', sort: 'last_used', minWidth: 70},
];

/** Columns by terminal width: the narrow layout keeps what matters most. */
export function columnsFor(width: number): Column[] {
	return COLUMNS.filter(column => width >= column.minWidth);
}

/** Sortable headings carry two spaces that the sort arrow takes, so no width ever changes. */
export const headingOf = (column: Column) => (column.sort ? `${column.title}  ` : column.title);

export interface DrawnLeaderboard {
	skills: SkillRow[];
	/** The columns drawn: the width's, less those that gave way to the names. */
	columns: Column[];
	head: string[];
	bottom: string;
	/** Each skill's row, drawn once with the widths of the whole table. */
	lines: Map<string, string>;
}

/** Every skill's row drawn once, so that a sort or a filter only reorders lines. */
/** A drawn table's columns: each its widest cell, a space either side, and a border. */
const drawnWidth = (cells: ReadonlyArray<Record<string, string>>, heading: string) => Math.max(heading.length, ...cells.map(row => row[heading]!.length)) + 3;

/**
 * Room for names: the terminal less the other columns as they will be drawn (ranks of two digits
 * and a clean column took the two characters an estimate had left), the › margin and the borders.
 */
function nameRoom(cells: ReadonlyArray<Record<string, string>>, columns: readonly Column[], width: number): number {
	const others = columns.filter(column => column.title !== 'skill').reduce((sum, column) => sum + drawnWidth(cells, headingOf(column)), 0);
	return Math.max(8, Math.min(48, width - 2 - 1 - others - 3));
}

/** The columns that may give way to the names, the first to go first (the drill-down shows them all). */
const GIVES_WAY = ['pending', 'follow-ups', 'avg time'];

/** How long a name the optional columns make room for when they have values: a plugin's skill, whole. */
const NAME_FIRST = 32;

/** A cell that says nothing: no count, no value. */
const isEmpty = (text: string) => /^(0|0\.0+|–|)$/.test(text);

export function drawLeaderboard(skills: SkillRow[], width: number, zone: string): DrawnLeaderboard {
	const lastUsedWidth = width >= 120 ? 16 : 10;
	const all = skills.map(row => ({
		'#': String(row.rank),
		skill: row.skill_name,
		uses: formatCount(row.total_invocations),
		success: formatPercent(row.success_rate),
		// "not known" is wider than the column's heading: the narrow layout says it shorter.
		clean: formatCleanRate(row.clean_rate, row.total_invocations).replace('not known', width >= 110 ? 'not known' : 'unknown'),
		'avg time': formatDuration(row.avg_duration_ms),
		'follow-ups': formatDecimal(row.avg_followup_actions),
		pending: formatCount(row.pending_invocations),
		'last used': formatInstant(row.last_used, zone).slice(0, lastUsedWidth),
	}) as Record<string, string>);
	const cellsOf = (columns: readonly Column[]) => all.map(cells => Object.fromEntries(columns.map(column => [headingOf(column), cells[column.title]!])));
	// Names get the room first: a column nobody filled (issue 27: an all-zero pending at 120
	// columns beside `project-re…:diagnose`) gives way before a name is cut.
	const longest = Math.max(0, ...skills.map(row => visible(row.skill_name).length));
	// Then, for a name of up to NAME_FIRST, the optional columns with values too, the least read first.
	let columns = columnsFor(width);
	const giveWay = (title: string, wanted: number) => {
		if (nameRoom(cellsOf(columns), columns, width) < wanted) columns = columns.filter(column => column.title !== title);
	};
	for (const title of GIVES_WAY) if (all.every(cells => isEmpty(cells[title]!))) giveWay(title, longest);
	for (const title of GIVES_WAY) giveWay(title, Math.min(longest, NAME_FIRST));

	const cells = cellsOf(columns);
	const nameWidth = nameRoom(cells, columns, width);
	const skillHeading = headingOf(columns.find(column => column.title === 'skill')!);
	// The whole column at once: names that would be cut alike are cut where they differ.
	const names = fitNames(cells.map(row => row[skillHeading]!), nameWidth);
	const rows = cells.map((row, index) => ({...row, [skillHeading]: names[index]!}));
	const drawn = tableLines(rows);
	return {
		skills,
		columns,
		head: drawn.slice(0, TABLE_HEAD_LINES),
		bottom: drawn.at(-1) ?? '',
		lines: new Map(skills.map((row, index) => [row.skill_name, drawn[TABLE_HEAD_LINES + index]!])),
	};
}

/** The table's lines for `rows` (sorted and filtered), the sorted column's heading marked ▼ or ▲. */
export function leaderboardLines(drawn: DrawnLeaderboard, rows: readonly SkillRow[], sort: LeaderboardSort, descending: boolean, _width?: number): string[] {
	const sorted = drawn.columns.find(column => column.sort === sort);
	const head = [...drawn.head];
	if (sorted && head[1]) head[1] = head[1].replace(`${sorted.title}  `, `${sorted.title} ${descending ? '▼' : '▲'}`);
	return [...head, ...rows.map(row => drawn.lines.get(row.skill_name)!), drawn.bottom];
}
