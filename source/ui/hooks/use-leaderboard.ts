import {useMemo} from 'react';
import {ensureAggregates} from '../../data/aggregator.js';
import {topSkills, type Period, type SkillRow} from '../../data/queries/top.js';
import {findProjectById} from '../../data/registry.js';
import {formatCount, formatDecimal, formatDuration, formatInstant, formatPercent, truncate} from '../../domain/format.js';
import {filterRows, sortRows, type LeaderboardSort} from '../../domain/leaderboard.js';
import {choiceRange, type WindowChoice} from '../../domain/window-choice.js';
import {useServices} from '../services.js';
import {tableLines, TABLE_HEAD_LINES} from '../table-lines.js';
import {useAsync} from './use-async.js';

export function periodOf(choice: WindowChoice): Period {
	if (choice.kind === 'bucket') return {kind: 'bucket', window: choice.window, bucketStart: choice.bucketStart};
	return {kind: 'range', ...choiceRange(choice)!};
}

export type Column = {title: string; sort?: LeaderboardSort; minWidth: number};

const COLUMNS: readonly Column[] = [
	{title: '#', minWidth: 0},
	{title: 'skill', sort: 'skill_name', minWidth: 0},
	{title: 'uses', sort: 'total_invocations', minWidth: 0},
	{title: 'success', sort: 'success_rate', minWidth: 0},
	{title: 'avg time', sort: 'avg_duration_ms', minWidth: 0},
	{title: 'follow-ups', sort: 'avg_followup_actions', minWidth: 110},
	{title: 'pending', sort: 'pending_invocations', minWidth: 110},
	{title: 'last used', sort: 'last_used', minWidth: 0},
];

/** Columns by terminal width: the narrow layout keeps what matters most. */
export function columnsFor(width: number): Column[] {
	return COLUMNS.filter(column => width >= column.minWidth);
}

/** Sortable headings carry two spaces that the sort arrow takes, so no width ever changes. */
export const headingOf = (column: Column) => (column.sort ? `${column.title}  ` : column.title);

export interface DrawnLeaderboard {
	skills: SkillRow[];
	head: string[];
	bottom: string;
	/** Each skill's row, drawn once with the widths of the whole table. */
	lines: Map<string, string>;
}

function draw(skills: SkillRow[], width: number, zone: string): DrawnLeaderboard {
	const columns = columnsFor(width);
	const lastUsedWidth = width >= 120 ? 16 : 10;
	const others = columns.filter(column => column.title !== 'skill').length;
	// Room left for names: the terminal less the other columns (about 10 each) and the borders.
	const nameWidth = Math.max(12, Math.min(48, width - others * 10 - lastUsedWidth - 6));
	const rows = skills.map(row => {
		const cells: Record<string, string> = {
			'#': String(row.rank),
			skill: truncate(row.skill_name, nameWidth),
			uses: formatCount(row.total_invocations),
			success: formatPercent(row.success_rate),
			'avg time': formatDuration(row.avg_duration_ms),
			'follow-ups': formatDecimal(row.avg_followup_actions),
			pending: formatCount(row.pending_invocations),
			'last used': formatInstant(row.last_used, zone).slice(0, lastUsedWidth),
		};
		return Object.fromEntries(columns.map(column => [headingOf(column), cells[column.title]]));
	});
	const drawn = tableLines(rows);
	return {
		skills,
		head: drawn.slice(0, TABLE_HEAD_LINES),
		bottom: drawn.at(-1) ?? '',
		lines: new Map(skills.map((row, index) => [row.skill_name, drawn[TABLE_HEAD_LINES + index]!])),
	};
}

/**
 * Every skill of the window, queried and drawn once per load; a sort or a filter then only
 * reorders drawn lines, so each key press answers without a query or a redraw.
 */
export function useLeaderboard(
	choice: WindowChoice,
	projectId: string | null,
	sort: LeaderboardSort,
	descending: boolean,
	filter: string,
	version: number,
	width: number,
) {
	const {database, displayZone} = useServices();
	const loaded = useAsync(async () => {
		await ensureAggregates(database, displayZone);
		const project = projectId ? await findProjectById(database, projectId) : undefined;
		const report = await topSkills(database, {scope: {project}, period: periodOf(choice), limit: 100_000});
		return draw(report.skills, width, displayZone);
	}, [database, displayZone, choice, projectId, version, width]);
	const rows = useMemo(() => (loaded.data ? filterRows(sortRows(loaded.data.skills, sort, descending), filter) : undefined), [loaded.data, sort, descending, filter]);
	const lines = useMemo(() => {
		if (!loaded.data || !rows) return undefined;
		const arrow = descending ? '▼' : '▲';
		const sorted = columnsFor(width).find(column => column.sort === sort);
		const head = [...loaded.data.head];
		if (sorted && head[1]) head[1] = head[1].replace(`${sorted.title}  `, `${sorted.title} ${arrow}`);
		return [...head, ...rows.map(row => loaded.data!.lines.get(row.skill_name)!), loaded.data.bottom];
	}, [loaded.data, rows, sort, descending, width]);
	return {...loaded, rows, lines};
}
