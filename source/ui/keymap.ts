import type {KeyName} from './keys/key-names.js';
import {keyLabel} from './keys/key-names.js';
import {SCREEN_TITLES, type ScreenId} from './navigation.js';

/**
 * The one keymap: key handling, the footer hints, the help overlay and the README's keys table
 * all read this table, so a key cannot work without being documented, or be documented without
 * working. Bindings are grouped by the context they work in; `useCommands` requires a handler for
 * every command of its context (a missing one does not compile).
 */
export type KeyContext = 'always' | 'global' | ScreenId | 'help' | 'filter' | 'prompt' | 'confirm';

export interface Binding {
	command: string;
	keys: readonly KeyName[];
	description: string;
	/** Short label for the footer; bindings without one are only in the help overlay. */
	hint?: string;
	/** How the footer writes the keys, when not the first key alone. */
	hintKeys?: string;
	/**
	 * Which hints a narrow footer keeps: 1 first, higher numbers give way first, each hint whole
	 * (issue 27: `p projec…` told nobody anything). Help (`?`) is 0 and always stays.
	 */
	priority?: number;
	/** The state the hint holds in (the key may still work otherwise): with `otherwise`, the hint then. */
	when?: HintCondition;
	/** The hint while `when` does not hold; without it the hint is left out then. */
	otherwise?: string;
}

/** What the footer knows of the explorer's state, for hints that hold only in some (`when`). */
export type HintCondition = 'collecting';

/** The moves of every list. */
const LIST_MOVES = [
	{command: 'cursor-up', keys: ['up', 'k'], description: 'Move up', hint: 'move', hintKeys: 'j/k', priority: 4},
	{command: 'cursor-down', keys: ['down', 'j'], description: 'Move down'},
	{command: 'cursor-top', keys: ['g', 'home'], description: 'Go to the first row'},
	{command: 'cursor-bottom', keys: ['G', 'end'], description: 'Go to the last row'},
	{command: 'page-up', keys: ['pageup'], description: 'Page up'},
	{command: 'page-down', keys: ['pagedown'], description: 'Page down'},
] as const;

/** The moves of a text that only scrolls. */
const SCROLL_MOVES = [
	{command: 'cursor-up', keys: ['up', 'k'], description: 'Scroll up', hint: 'scroll', hintKeys: 'j/k', priority: 4},
	{command: 'cursor-down', keys: ['down', 'j'], description: 'Scroll down'},
	{command: 'cursor-top', keys: ['g', 'home'], description: 'Scroll to the top'},
	{command: 'cursor-bottom', keys: ['G', 'end'], description: 'Scroll to the end'},
	{command: 'page-up', keys: ['pageup'], description: 'Scroll a page up'},
	{command: 'page-down', keys: ['pagedown'], description: 'Scroll a page down'},
] as const;

const SCOPE = {command: 'scope', keys: ['p'], description: 'Scope: all projects, each machine (if several), each project', hint: 'project', priority: 2} as const;

export const KEYMAP = {
	leaderboard: [
		...LIST_MOVES,
		{command: 'open', keys: ['return'], description: 'Open the skill’s drill-down', hint: 'details', priority: 1},
		{command: 'sort-next', keys: ['s'], description: 'Sort by the next column', hint: 'sort', priority: 3},
		{command: 'sort-reverse', keys: ['S'], description: 'Reverse the sort direction'},
		{command: 'filter', keys: ['/'], description: 'Filter skills by name (Esc clears)', hint: 'filter', priority: 2},
		{command: 'clear-filter', keys: ['escape'], description: 'Clear the filter'},
		{command: 'trigger-next', keys: ['f'], description: 'Trigger: all, then model, user, subagent in turn', hint: 'trigger', priority: 4},
		SCOPE,
	],
	projects: [
		...LIST_MOVES,
		{command: 'open', keys: ['return'], description: 'Leaderboard of this project', hint: 'leaderboard', priority: 1},
		{command: 'add-project', keys: ['a'], description: 'Add a directory; on one found in transcripts: register it', hint: 'add', priority: 1},
		{command: 'register-discovered', keys: ['A'], description: 'Register all found in Claude Code transcripts (asks first)', hint: 'add all', priority: 3},
		{command: 'toggle-active', keys: ['d'], description: 'Deactivate or reactivate (asks first)', hint: 'on/off', priority: 3},
		{command: 'purge-project', keys: ['x'], description: 'Purge the project and its rows (asks first)', hint: 'purge', priority: 4},
	],
	window: [...LIST_MOVES, {command: 'open', keys: ['return'], description: 'Use this window', hint: 'choose', priority: 1}],
	insights: [...LIST_MOVES, {command: 'open', keys: ['return'], description: 'Open the skill’s drill-down', hint: 'details', priority: 1}, SCOPE],
	inventory: [
		...LIST_MOVES,
		{command: 'open', keys: ['return'], description: 'Open the skill’s drill-down', hint: 'details', priority: 1},
		{command: 'sort-next', keys: ['s'], description: 'Sort by the next column', hint: 'sort', priority: 3},
		{command: 'sort-reverse', keys: ['S'], description: 'Reverse the sort direction'},
		{command: 'filter', keys: ['/'], description: 'Filter skills by name (Esc clears)', hint: 'filter', priority: 2},
		{command: 'clear-filter', keys: ['escape'], description: 'Clear the filter'},
		SCOPE,
	],
	skill: [...SCROLL_MOVES, {command: 'versions', keys: ['v'], description: 'Versions of the skill: each text it ran, compared with the one before', hint: 'versions', priority: 1}],
	versions: [...LIST_MOVES, {command: 'open', keys: ['return'], description: 'What changed from the version before it (the diff)', hint: 'diff', priority: 1}],
	diff: SCROLL_MOVES,
	// `Esc cancel` read the same with nothing running, where Esc goes back.
	collect: [{command: 'cancel-collect', keys: ['escape'], description: 'Cancel the running collection (once finished: back)', hint: 'cancel', when: 'collecting', otherwise: 'back', priority: 1}],
	global: [
		{command: 'help', keys: ['?'], description: 'Show or hide this help', hint: 'help', priority: 0},
		{command: 'collect', keys: ['r'], description: 'Collect the active projects (only what changed)', hint: 'collect', priority: 5},
		// No hint: the footer's live mark, always shown, names this key (liveKey).
		{command: 'toggle-live', keys: ['l'], description: 'Live on or off: collect and redraw as the files change'},
		{command: 'choose-window', keys: ['t'], description: 'Choose the time window', hint: 'window', priority: 3},
		{command: 'previous-bucket', keys: ['left'], description: 'Previous day / week / month / range'},
		{command: 'next-bucket', keys: ['right'], description: 'Next day / week / month / range'},
		{command: 'next-screen', keys: ['tab'], description: 'Next screen'},
		{command: 'previous-screen', keys: ['shift+tab'], description: 'Previous screen'},
		{command: 'go-screen-1', keys: ['1'], description: 'Projects'},
		{command: 'go-screen-2', keys: ['2'], description: 'Collection'},
		{command: 'go-screen-3', keys: ['3'], description: 'Time window'},
		{command: 'go-screen-4', keys: ['4'], description: 'Leaderboard'},
		{command: 'go-screen-5', keys: ['5'], description: 'Skill drill-down'},
		{command: 'go-screen-6', keys: ['6'], description: 'Insights: recommendations by priority'},
		{command: 'go-screen-7', keys: ['7'], description: 'Inventory: installed skills, their use and the listing budget'},
		{command: 'back', keys: ['escape'], description: 'Back, or close the overlay (never quits)', hint: 'back', priority: 1},
		{command: 'quit', keys: ['q'], description: 'Quit (from a top screen; from a drill-down: back)', hint: 'quit', priority: 2},
	],
	always: [{command: 'quit', keys: ['ctrl+c'], description: 'Quit, from anywhere (even while typing)'}],
	help: [...SCROLL_MOVES, {command: 'close-help', keys: ['escape', '?', 'q'], description: 'Close the help'}],
	filter: [
		{command: 'cursor-up', keys: ['up'], description: 'Move up while typing the filter'},
		{command: 'cursor-down', keys: ['down'], description: 'Move down while typing the filter'},
	],
	prompt: [
		{command: 'submit', keys: ['return'], description: 'Use what was typed'},
		{command: 'cancel', keys: ['escape'], description: 'Cancel (a filter: clear it)'},
		{command: 'erase', keys: ['backspace'], description: 'Erase the last character'},
	],
	confirm: [
		{command: 'yes', keys: ['y', 'Y'], description: 'Yes, do it'},
		{command: 'no', keys: ['n', 'N', 'escape'], description: 'No, leave it'},
	],
} as const satisfies Record<KeyContext, readonly Binding[]>;

/** The commands bound in a context: a handler set for it must have exactly these. */
export type CommandOf<Context extends KeyContext> = (typeof KEYMAP)[Context][number]['command'];
export type Command = CommandOf<KeyContext>;

/** Contexts in the order the help overlay and the README list them (after the current screen's). */
export const CONTEXT_ORDER: readonly KeyContext[] = ['global', 'always', 'projects', 'collect', 'window', 'leaderboard', 'skill', 'versions', 'diff', 'insights', 'inventory', 'help', 'filter', 'prompt', 'confirm'];

export const CONTEXT_TITLES: Record<KeyContext, string> = {
	always: 'Always',
	global: 'Everywhere',
	// A screen's keys are titled as the screen is.
	...SCREEN_TITLES,
	help: 'This help',
	filter: 'Typing a filter',
	prompt: 'Typing an answer',
	confirm: 'A yes/no question',
};

export function bindingsFor(context: KeyContext): readonly Binding[] {
	return KEYMAP[context];
}

/** Every binding with its context, for the help overlay and the checks on the table. */
export function allBindings(): Array<Binding & {context: KeyContext}> {
	return CONTEXT_ORDER.flatMap(context => bindingsFor(context).map(binding => ({...binding, context})));
}

/** The first of `contexts` that binds `name`, and its binding there: a screen's key hides a global one. */
export function bindingFor(contexts: readonly KeyContext[], name: string): {context: KeyContext; binding: Binding} | undefined {
	for (const context of contexts) {
		const binding = bindingsFor(context).find(candidate => (candidate.keys as readonly string[]).includes(name));
		if (binding) return {context, binding};
	}

	return undefined;
}

export type Hint = {keys: string; hint: string; priority: number};

/** Between two hints in the footer. */
export const HINT_GAP = '  ';

/** How wide `hints` draw in a row. */
export const hintsWidth = (hints: readonly Hint[]) => hints.reduce((sum, {keys, hint}, index) => sum + (index > 0 ? HINT_GAP.length : 0) + keys.length + 1 + hint.length, 0);

/**
 * Footer hints: the screen's keys first, then the global ones that carry a hint, each hint once;
 * a hint with a condition only while it holds (`holding`), else its `otherwise`. With `room`, the least important give way whole until the rest fit; `?` always stays.
 */
export function footerHints(screen: ScreenId, room = Number.POSITIVE_INFINITY, holding: ReadonlySet<HintCondition> = new Set()): Hint[] {
	const seen = new Set<string>();
	const screenKeys = new Set(bindingsFor(screen).flatMap(binding => binding.keys));
	const hintOf = (binding: Binding) => (binding.when === undefined || holding.has(binding.when) ? binding.hint : binding.otherwise);
	const hints = [...bindingsFor(screen), ...bindingsFor('global').filter(binding => !binding.keys.some(key => screenKeys.has(key)))]
		.map(binding => ({binding, hint: hintOf(binding)}))
		.filter(({hint}) => hint && !seen.has(hint) && seen.add(hint))
		.map(({binding, hint}) => ({keys: binding.hintKeys ?? keyLabel(binding.keys[0]!), hint: hint!, priority: binding.priority ?? 5}));
	// The latest of the least important first: the screen's own keys outlast a global one of equal rank.
	const dropOrder = hints.map((hint, index) => ({hint, index})).filter(({hint}) => hint.priority > 0).sort((a, b) => b.hint.priority - a.hint.priority || b.index - a.index);
	const kept = new Set(hints);
	for (const {hint} of dropOrder) {
		if (hintsWidth([...kept]) <= room) break;
		kept.delete(hint);
	}

	return hints.filter(hint => kept.has(hint));
}

/** The key that turns live collection on and off, as the footer's live mark shows it. */
export function liveKey(): string {
	return keyLabel(bindingsFor('global').find(binding => binding.command === 'toggle-live')!.keys[0]!);
}
