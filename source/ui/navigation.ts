/** The screens, in tab order: `1`–`7` go to them. */
export const SCREENS = ['projects', 'collect', 'window', 'leaderboard', 'skill', 'insights', 'inventory'] as const;
export type TabId = (typeof SCREENS)[number];
/** Screens without a tab, reached from the drill-down: a skill's versions, and the diff of one. */
export const INNER_SCREENS = ['versions', 'diff'] as const;
export type ScreenId = TabId | (typeof INNER_SCREENS)[number];
export const ALL_SCREENS: readonly ScreenId[] = [...SCREENS, ...INNER_SCREENS];

export const SCREEN_TITLES: Record<ScreenId, string> = {
	projects: 'Projects',
	collect: 'Collection',
	window: 'Time window',
	leaderboard: 'Leaderboard',
	skill: 'Skill',
	insights: 'Insights',
	inventory: 'Inventory',
	versions: 'Versions',
	diff: 'Diff',
};

/** Tab labels when the terminal is too narrow for the titles (80 columns). */
export const SHORT_TITLES: Record<TabId, string> = {...SCREEN_TITLES, collect: 'Collect', window: 'Window', leaderboard: 'Board'};

/** The tab a screen is shown under: the drill-down's for its versions and their diff. */
export function tabOf(screen: ScreenId): TabId {
	return screen === 'versions' || screen === 'diff' ? 'skill' : screen;
}

/** Screens a user can leave with q; from the drill-down (and what it opens) q goes back instead. */
export function isTopScreen(screen: ScreenId): boolean {
	return tabOf(screen) !== 'skill';
}

/** Screens reached from another one, that Esc leaves for it: they go on the history stack. */
export function isSubScreen(screen: ScreenId): boolean {
	return tabOf(screen) === 'skill' || screen === 'window';
}

export function screenAt(index: number): TabId {
	return SCREENS[((index % SCREENS.length) + SCREENS.length) % SCREENS.length]!;
}

/** `p`: all projects (null), then each active project in turn, then all again. */
export function nextScope(projectIds: readonly string[], current: string | null): string | null {
	return (current === null ? projectIds[0] : projectIds[projectIds.indexOf(current) + 1]) ?? null;
}

/** The drill-down has nothing to show before a skill is opened: Tab passes it by. */
export function stepScreen(screen: ScreenId, steps: number, hasSkill = true): ScreenId {
	const next = screenAt(SCREENS.indexOf(tabOf(screen)) + steps);
	return next === 'skill' && !hasSkill ? screenAt(SCREENS.indexOf(next) + Math.sign(steps)) : next;
}

/**
 * The history after going from `from` to `to`: a top screen (Tab, 1–7) starts afresh; a
 * sub-screen remembers where it was reached from; a screen already on the stack is gone back to.
 */
export function historyAfterGoing(history: readonly ScreenId[], from: ScreenId, to: ScreenId): ScreenId[] {
	if (!isSubScreen(to)) return [];
	const earlier = history.indexOf(to);
	if (earlier >= 0) return history.slice(0, earlier);
	return [...history, from];
}
