import {SCREENS, type ScreenId} from './keymap.js';

export const SCREEN_TITLES: Record<ScreenId, string> = {
	projects: 'Projects',
	collect: 'Collection',
	window: 'Time window',
	leaderboard: 'Leaderboard',
	skill: 'Skill',
};

/** Screens a user can leave with q; from the drill-down q goes back instead. */
export function isTopScreen(screen: ScreenId): boolean {
	return screen !== 'skill';
}

export function screenAt(index: number): ScreenId {
	return SCREENS[((index % SCREENS.length) + SCREENS.length) % SCREENS.length]!;
}

export function stepScreen(screen: ScreenId, steps: number): ScreenId {
	return screenAt(SCREENS.indexOf(screen) + steps);
}
