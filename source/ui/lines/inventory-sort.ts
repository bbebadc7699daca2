import type {InventorySkill} from '../../data/inventory/inventory.js';

/** The Inventory's sort columns, in the order `s` steps through them. */
export const INVENTORY_SORTS = ['invocations', 'last_used', 'skill_name', 'state', 'scope', 'kind', 'problems'] as const;
export type InventorySort = (typeof INVENTORY_SORTS)[number];

export function nextInventorySort(current: InventorySort): InventorySort {
	return INVENTORY_SORTS[(INVENTORY_SORTS.indexOf(current) + 1) % INVENTORY_SORTS.length]!;
}

/** Words read A→Z first, numbers and dates largest first (as on the leaderboard). */
export function naturalInventoryDescending(sort: InventorySort): boolean {
	return sort === 'invocations' || sort === 'last_used' || sort === 'problems';
}

/** States by how much they ask for attention: a skill never used first when descending. */
const STATE_RANK = {active: 0, stale: 1, 'never-picked': 2, 'never-used': 3} as const;

function sortValue(skill: InventorySkill, sort: InventorySort): string | number | null {
	if (sort === 'problems') return skill.problems.length;
	if (sort === 'state') return STATE_RANK[skill.state];
	return skill[sort];
}

/** Missing values (never used: no last use) go last either way; ties by invocations, then name. */
export function sortInventory(skills: readonly InventorySkill[], sort: InventorySort, descending: boolean): InventorySkill[] {
	return [...skills].sort((left, right) => {
		const a = sortValue(left, sort);
		const b = sortValue(right, sort);
		if (a === null && b !== null) return 1;
		if (b === null && a !== null) return -1;
		const order = (a === b || a === null || b === null ? 0 : a < b ? -1 : 1) * (descending ? -1 : 1);
		return order || right.invocations - left.invocations || left.skill_name.localeCompare(right.skill_name) || left.path.localeCompare(right.path);
	});
}

/** Case-insensitive; every space-separated word must be in the name (as the leaderboard's filter). */
export function filterInventory(skills: readonly InventorySkill[], filter: string): InventorySkill[] {
	const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
	return skills.filter(skill => words.every(word => skill.skill_name.toLowerCase().includes(word)));
}
