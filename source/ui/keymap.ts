import type {Key} from 'ink';

/**
 * The one keymap: key handling, the footer hints and the help overlay all read this table,
 * so a key cannot work without being documented, or be documented without working.
 */
export const SCREENS = ['projects', 'collect', 'window', 'leaderboard', 'skill', 'insights'] as const;
export type ScreenId = (typeof SCREENS)[number];
export type KeyContext = 'global' | ScreenId;

export type Command =
	| 'quit'
	| 'back'
	| 'help'
	| 'next-screen'
	| 'previous-screen'
	| 'go-screen-1'
	| 'go-screen-2'
	| 'go-screen-3'
	| 'go-screen-4'
	| 'go-screen-5'
	| 'go-screen-6'
	| 'collect'
	| 'choose-window'
	| 'previous-bucket'
	| 'next-bucket'
	| 'cursor-up'
	| 'cursor-down'
	| 'cursor-top'
	| 'cursor-bottom'
	| 'page-up'
	| 'page-down'
	| 'open'
	| 'sort-next'
	| 'sort-reverse'
	| 'filter'
	| 'scope'
	| 'add-project'
	| 'toggle-active'
	| 'purge-project'
	| 'cancel-collect';

export interface Binding {
	command: Command;
	keys: readonly string[];
	description: string;
	context: KeyContext;
	/** Short label for the footer; bindings without one are only in the help overlay. */
	hint?: string;
	/** How the footer writes the keys, when not the first key alone. */
	hintKeys?: string;
}

export const KEYMAP: readonly Binding[] = [
	{command: 'cursor-up', keys: ['up', 'k'], description: 'Move up', context: 'leaderboard', hint: 'move', hintKeys: 'j/k'},
	{command: 'cursor-down', keys: ['down', 'j'], description: 'Move down', context: 'leaderboard'},
	{command: 'cursor-top', keys: ['g', 'home'], description: 'Go to the first row', context: 'leaderboard'},
	{command: 'cursor-bottom', keys: ['G', 'end'], description: 'Go to the last row', context: 'leaderboard'},
	{command: 'page-up', keys: ['pageup'], description: 'Page up', context: 'leaderboard'},
	{command: 'page-down', keys: ['pagedown'], description: 'Page down', context: 'leaderboard'},
	{command: 'open', keys: ['return'], description: 'Open the skill’s drill-down', context: 'leaderboard', hint: 'details'},
	{command: 'sort-next', keys: ['s'], description: 'Sort by the next column', context: 'leaderboard', hint: 'sort'},
	{command: 'sort-reverse', keys: ['S'], description: 'Reverse the sort direction', context: 'leaderboard'},
	{command: 'filter', keys: ['/'], description: 'Filter skills by name (Esc clears)', context: 'leaderboard', hint: 'filter'},
	{command: 'scope', keys: ['p'], description: 'Scope: all projects, then each project in turn', context: 'leaderboard', hint: 'project'},

	{command: 'cursor-up', keys: ['up', 'k'], description: 'Move up', context: 'projects', hint: 'move', hintKeys: 'j/k'},
	{command: 'cursor-down', keys: ['down', 'j'], description: 'Move down', context: 'projects'},
	{command: 'cursor-top', keys: ['g', 'home'], description: 'Go to the first project', context: 'projects'},
	{command: 'cursor-bottom', keys: ['G', 'end'], description: 'Go to the last project', context: 'projects'},
	{command: 'open', keys: ['return'], description: 'Leaderboard of this project', context: 'projects', hint: 'leaderboard'},
	{command: 'add-project', keys: ['a'], description: 'Add a project directory', context: 'projects', hint: 'add'},
	{command: 'toggle-active', keys: ['d'], description: 'Deactivate or reactivate (asks first)', context: 'projects', hint: 'on/off'},
	{command: 'purge-project', keys: ['x'], description: 'Purge the project and its rows (asks first)', context: 'projects', hint: 'purge'},

	{command: 'cursor-up', keys: ['up', 'k'], description: 'Move up', context: 'window', hint: 'move', hintKeys: 'j/k'},
	{command: 'cursor-down', keys: ['down', 'j'], description: 'Move down', context: 'window'},
	{command: 'open', keys: ['return'], description: 'Use this window', context: 'window', hint: 'choose'},

	{command: 'cursor-up', keys: ['up', 'k'], description: 'Move up', context: 'insights', hint: 'move', hintKeys: 'j/k'},
	{command: 'cursor-down', keys: ['down', 'j'], description: 'Move down', context: 'insights'},
	{command: 'cursor-top', keys: ['g', 'home'], description: 'Go to the first recommendation', context: 'insights'},
	{command: 'cursor-bottom', keys: ['G', 'end'], description: 'Go to the last recommendation', context: 'insights'},
	{command: 'open', keys: ['return'], description: 'Open the skill’s drill-down', context: 'insights', hint: 'details'},
	{command: 'scope', keys: ['p'], description: 'Scope: all projects, then each project in turn', context: 'insights', hint: 'project'},

	{command: 'cursor-up', keys: ['up', 'k'], description: 'Scroll up', context: 'skill', hint: 'scroll', hintKeys: 'j/k'},
	{command: 'cursor-down', keys: ['down', 'j'], description: 'Scroll down', context: 'skill'},

	{command: 'cancel-collect', keys: ['escape'], description: 'Cancel the running collection', context: 'collect', hint: 'cancel'},

	{command: 'help', keys: ['?'], description: 'Show or hide this help', context: 'global', hint: 'help'},
	{command: 'collect', keys: ['r'], description: 'Collect the active projects (only what changed)', context: 'global', hint: 'collect'},
	{command: 'choose-window', keys: ['t'], description: 'Choose the time window', context: 'global', hint: 'window'},
	{command: 'previous-bucket', keys: ['left'], description: 'Previous day / week / month / range', context: 'global'},
	{command: 'next-bucket', keys: ['right'], description: 'Next day / week / month / range', context: 'global'},
	{command: 'next-screen', keys: ['tab'], description: 'Next screen', context: 'global'},
	{command: 'previous-screen', keys: ['shift+tab'], description: 'Previous screen', context: 'global'},
	{command: 'go-screen-1', keys: ['1'], description: 'Projects', context: 'global'},
	{command: 'go-screen-2', keys: ['2'], description: 'Collection', context: 'global'},
	{command: 'go-screen-3', keys: ['3'], description: 'Time window', context: 'global'},
	{command: 'go-screen-4', keys: ['4'], description: 'Leaderboard', context: 'global'},
	{command: 'go-screen-5', keys: ['5'], description: 'Skill drill-down', context: 'global'},
	{command: 'go-screen-6', keys: ['6'], description: 'Insights: recommendations by priority', context: 'global'},
	{command: 'back', keys: ['escape'], description: 'Back, or close the overlay (never quits)', context: 'global', hint: 'back'},
	{command: 'quit', keys: ['q'], description: 'Quit (from a top screen; from a drill-down: back)', context: 'global', hint: 'quit'},
	{command: 'quit', keys: ['ctrl+c'], description: 'Quit, from anywhere', context: 'global'},
];

/** Ink's (input, key) pair as one name: `up`, `return`, `ctrl+c`, `shift+tab`, `G`, `/`. */
export function keyName(input: string, key: Key): string {
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.pageUp) return 'pageup';
	if (key.pageDown) return 'pagedown';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.return) return 'return';
	if (key.escape) return 'escape';
	if (key.tab) return key.shift ? 'shift+tab' : 'tab';
	if (key.backspace || key.delete) return 'backspace';
	if (key.ctrl && input) return `ctrl+${input.toLowerCase()}`;
	return input;
}

/** The screen's own binding wins over a global one with the same key. */
export function commandFor(screen: ScreenId, name: string): Command | undefined {
	const own = KEYMAP.find(binding => binding.context === screen && binding.keys.includes(name));
	if (own) return own.command;
	return KEYMAP.find(binding => binding.context === 'global' && binding.keys.includes(name))?.command;
}

const KEY_LABELS: Record<string, string> = {
	up: '↑',
	down: '↓',
	left: '←',
	right: '→',
	return: 'Enter',
	escape: 'Esc',
	tab: 'Tab',
	'shift+tab': 'Shift+Tab',
	pageup: 'PgUp',
	pagedown: 'PgDn',
	home: 'Home',
	end: 'End',
	'ctrl+c': 'Ctrl+C',
};

export function keyLabel(name: string): string {
	return KEY_LABELS[name] ?? name;
}

export function bindingsFor(context: KeyContext): Binding[] {
	return KEYMAP.filter(binding => binding.context === context);
}

/** Footer hints: the screen's keys first, then the global ones that carry a hint. */
export function footerHints(screen: ScreenId): Array<{keys: string; hint: string}> {
	const hinted = [...bindingsFor(screen), ...bindingsFor('global')].filter(binding => binding.hint);
	const seen = new Set<string>();
	return hinted
		.filter(binding => {
			const fresh = !seen.has(binding.hint!);
			seen.add(binding.hint!);
			return fresh;
		})
		.map(binding => ({keys: binding.hintKeys ?? keyLabel(binding.keys[0]!), hint: binding.hint!}));
}
