import {SCREENS, type ScreenId} from './keymap.js';

export const SCREEN_TITLES: Record<ScreenId, string> = {
	projects: 'Projects',
	collect: 'Collection',
	window: 'Time window',
	leaderboard: 'Leaderboard',
	skill: 'Skill',
	insights: 'Insights',
};

/** Tab labels when the terminal is too narrow for the titles (80 columns). */
export const SHORT_TITLES: Record<ScreenId, string> = {...SCREEN_TITLES, collect: 'Collect', window: 'Window'};

/** Screens a user can leave with q; from the drill-down q goes back instead. */
export function isTopScreen(screen: ScreenId): boolean {
	return screen !== 'skill';
}

export function screenAt(index: number): ScreenId {
	return SCREENS[((index % SCREENS.length) + SCREENS.length) % SCREENS.length]!;
}

/** `p`: all projects (null), then each active project in turn, then all again. */
export function nextScope(projectIds: readonly string[], current: string | null): string | null {
	return (current === null ? projectIds[0] : projectIds[projectIds.indexOf(current) + 1]) ?? null;
}

/** The drill-down has nothing to show before a skill is opened: Tab passes it by. */
export function stepScreen(screen: ScreenId, steps: number, hasSkill = true): ScreenId {
	const next = screenAt(SCREENS.indexOf(screen) + steps);
	return next === 'skill' && !hasSkill ? screenAt(SCREENS.indexOf(next) + Math.sign(steps)) : next;
}
