import type {UsageMetrics} from './metrics.js';

/** Sorting and filtering of leaderboard rows: pure, so every key press answers at once. */
export interface LeaderboardRow extends UsageMetrics {
	skill_name: string;
	/** outcomes.md: clean finishes over the uses with a known outcome. */
	clean_rate: number | null;
}

export const SORT_CYCLE = [
	'total_invocations',
	'success_rate',
	'clean_rate',
	'avg_duration_ms',
	'avg_followup_actions',
	'pending_invocations',
	'last_used',
	'skill_name',
] as const;
export type LeaderboardSort = (typeof SORT_CYCLE)[number];

export function nextSort(current: LeaderboardSort): LeaderboardSort {
	return SORT_CYCLE[(SORT_CYCLE.indexOf(current) + 1) % SORT_CYCLE.length]!;
}

/** Names read A→Z first; every number reads largest first. */
export function naturalDescending(field: LeaderboardSort): boolean {
	return field !== 'skill_name';
}

function compareValues(a: string | number | null, b: string | number | null): number {
	if (a === b) return 0;
	if (a === null) return 1;
	if (b === null) return -1;
	return a < b ? -1 : 1;
}

/** Missing values (no rate, no duration) go last in either direction; ties by uses, then name. */
export function sortRows<T extends LeaderboardRow>(rows: readonly T[], field: LeaderboardSort, descending: boolean): T[] {
	return [...rows].sort((left, right) => {
		const a = left[field];
		const b = right[field];
		if (a === null && b !== null) return 1;
		if (b === null && a !== null) return -1;
		const order = compareValues(a, b) * (descending ? -1 : 1);
		return order || right.total_invocations - left.total_invocations || left.skill_name.localeCompare(right.skill_name);
	});
}

/** Case-insensitive substring match; every space-separated word must match. */
export function filterRows<T extends LeaderboardRow>(rows: readonly T[], filter: string): T[] {
	const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
	if (words.length === 0) return [...rows];
	return rows.filter(row => words.every(word => row.skill_name.toLowerCase().includes(word)));
}
