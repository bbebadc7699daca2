import {nextSort, naturalDescending, type LeaderboardSort} from '../domain/leaderboard.js';
import {optionIndex, stepChoice, type WindowChoice} from '../domain/window-choice.js';
import {INVENTORY_SORTS, naturalInventoryDescending, nextInventorySort, type InventorySort} from './lines/inventory-sort.js';
import {LIST_TOP, reduceList, type ListCommand, type ListSize, type ListState} from './list/list-state.js';
import {historyAfterGoing, type ScreenId, tabOf} from './navigation.js';

/** `filter`: the leaderboard's; `inventory-filter`: the Inventory's (each screen keeps its own). */
export type PromptId = 'filter' | 'inventory-filter' | 'add-project';
export type ConfirmId = 'toggle-project' | 'purge-project' | 'register-discovered';

/** The leaderboard's trigger filter, in the order `f` steps through it; null: every trigger. */
export const TRIGGER_FILTERS = [null, 'model', 'user', 'subagent'] as const;
export type TriggerFilter = (typeof TRIGGER_FILTERS)[number];

export function nextTrigger(trigger: TriggerFilter): TriggerFilter {
	return TRIGGER_FILTERS[(TRIGGER_FILTERS.indexOf(trigger) + 1) % TRIGGER_FILTERS.length]!;
}

/**
 * Where keys go: the screens (normal), the help overlay, a text prompt (keys are text), or a
 * yes/no question. One mode at a time, so no two parts of the explorer ever both take a key.
 */
export type InputMode =
	| {kind: 'normal'}
	| {kind: 'help'}
	| {kind: 'prompt'; prompt: PromptId; text: string}
	| {kind: 'confirm'; confirm: ConfirmId; subject: string};

export type ListId = 'leaderboard' | 'insights' | 'inventory' | 'projects' | 'window' | 'skill' | 'versions' | 'diff' | 'help';

/** The Inventory's own sort and filter, apart from the leaderboard's. */
export interface InventoryView {
	sort: InventorySort;
	descending: boolean;
	filter: string;
}

/** Everything the explorer remembers between key presses; data itself lives in the hooks. */
export interface UiState {
	screen: ScreenId;
	/** The screens Esc goes back through, the last one first. */
	history: ScreenId[];
	mode: InputMode;
	choice: WindowChoice;
	/** null: all active projects. */
	scopeProjectId: string | null;
	sort: LeaderboardSort;
	descending: boolean;
	filter: string;
	/** Only the leaderboard's invocations of this trigger. */
	trigger: TriggerFilter;
	inventory: InventoryView;
	skill: string | null;
	/** The versions of the skill whose diff is shown: `to` against the one before it (`from`; null for the first). */
	diff: {from: string | null; to: string} | null;
	lists: Record<ListId, ListState>;
	/** Bumped after anything that changes data, so that every view reloads. */
	dataVersion: number;
}

export type UiAction =
	| {type: 'go'; screen: ScreenId}
	| {type: 'back'}
	| {type: 'open-help'}
	| {type: 'close-help'}
	| {type: 'choose-window'; choice: WindowChoice}
	| {type: 'step-window'; steps: number}
	| {type: 'scope'; projectId: string | null}
	| {type: 'sort-next'}
	| {type: 'sort-reverse'}
	| {type: 'clear-filter'}
	| {type: 'trigger-next'}
	| {type: 'inventory-sort-next'}
	| {type: 'inventory-sort-reverse'}
	| {type: 'inventory-clear-filter'}
	| {type: 'open-prompt'; prompt: PromptId}
	| {type: 'prompt-type'; text: string}
	| {type: 'prompt-erase'}
	| {type: 'end-prompt'; keep: boolean}
	| {type: 'ask'; confirm: ConfirmId; subject: string}
	| {type: 'end-confirm'}
	| {type: 'list'; list: ListId; command: ListCommand | {select: number}; size: ListSize}
	| {type: 'open-skill'; skill: string}
	| {type: 'open-versions'}
	| {type: 'open-diff'; from: string | null; to: string}
	| {type: 'data-changed'};

const NORMAL: InputMode = {kind: 'normal'};

const LISTS: Record<ListId, ListState> = {leaderboard: LIST_TOP, insights: LIST_TOP, inventory: LIST_TOP, projects: LIST_TOP, window: LIST_TOP, skill: LIST_TOP, versions: LIST_TOP, diff: LIST_TOP, help: LIST_TOP};

export function initialState(screen: ScreenId, choice: WindowChoice): UiState {
	return {
		screen,
		history: [],
		mode: NORMAL,
		choice,
		scopeProjectId: null,
		sort: 'total_invocations',
		descending: true,
		filter: '',
		trigger: null,
		inventory: {sort: INVENTORY_SORTS[0], descending: true, filter: ''},
		skill: null,
		diff: null,
		lists: {...LISTS, window: windowCursor(choice)},
		dataVersion: 0,
	};
}

/** The window picker opens on the window in use. */
function windowCursor(choice: WindowChoice): ListState {
	return {cursor: Math.max(0, optionIndex(choice)), offset: 0};
}

const withLists = (state: UiState, lists: Partial<Record<ListId, ListState>>): UiState => ({...state, lists: {...state.lists, ...lists}});

function go(state: UiState, target: ScreenId): UiState {
	if (target === state.screen) return state;
	// The drill-down (and its versions) need a skill: without one, it is the leaderboard that can give one.
	const screen = tabOf(target) === 'skill' && state.skill === null ? 'leaderboard' : target === 'diff' && state.diff === null ? 'versions' : target;
	const moved = {...state, screen, history: historyAfterGoing(state.history, state.screen, screen)};
	return screen === 'window' ? withLists(moved, {window: windowCursor(state.choice)}) : moved;
}

function back(state: UiState): UiState {
	const previous = state.history.at(-1);
	return previous ? {...state, screen: previous, history: state.history.slice(0, -1)} : state;
}

function endPrompt(state: UiState, keep: boolean): UiState {
	if (state.mode.kind !== 'prompt') return state;
	const closed = {...state, mode: NORMAL};
	if (keep) return closed;
	if (state.mode.prompt === 'inventory-filter') return withInventory(closed, {filter: ''});
	if (state.mode.prompt !== 'filter') return closed;
	return withLists({...closed, filter: ''}, {leaderboard: LIST_TOP});
}

/** Another sort or filter of the Inventory is another list: from its top. */
function withInventory(state: UiState, change: Partial<InventoryView>): UiState {
	return withLists({...state, inventory: {...state.inventory, ...change}}, {inventory: LIST_TOP});
}

function inventorySortNext(state: UiState): UiState {
	const sort = nextInventorySort(state.inventory.sort);
	return withInventory(state, {sort, descending: naturalInventoryDescending(sort)});
}

function typed(state: UiState, text: string): UiState {
	if (state.mode.kind !== 'prompt') return state;
	const mode = {...state.mode, text};
	// The filter is live: each key narrows the leaderboard (or the Inventory), from its top.
	if (mode.prompt === 'inventory-filter') return withInventory({...state, mode}, {filter: text});
	return mode.prompt === 'filter' ? withLists({...state, mode, filter: text}, {leaderboard: LIST_TOP}) : {...state, mode};
}

/** A filter prompt opens on the filter in use, to be edited; an answer starts empty. */
function openingText(state: UiState, prompt: PromptId): string {
	if (prompt === 'filter') return state.filter;
	return prompt === 'inventory-filter' ? state.inventory.filter : '';
}

export function reduce(state: UiState, action: UiAction): UiState {
	switch (action.type) {
		case 'go': return go(state, action.screen);
		case 'back': return back(state);
		case 'open-help': return {...withLists(state, {help: LIST_TOP}), mode: {kind: 'help'}};
		case 'close-help': return state.mode.kind === 'help' ? {...state, mode: NORMAL} : state;
		case 'choose-window': return withLists({...back(state), choice: action.choice}, {leaderboard: LIST_TOP});
		case 'step-window': return {...state, choice: stepChoice(state.choice, action.steps)};
		// Another scope is another list: both lists start at their top.
		case 'scope': return withLists({...state, scopeProjectId: action.projectId}, {leaderboard: LIST_TOP, insights: LIST_TOP});
		case 'sort-next': {
			const sort = nextSort(state.sort);
			return withLists({...state, sort, descending: naturalDescending(sort)}, {leaderboard: LIST_TOP});
		}

		case 'sort-reverse': return withLists({...state, descending: !state.descending}, {leaderboard: LIST_TOP});
		// Another trigger is another list, as another filter is: from its top.
		case 'trigger-next': return withLists({...state, trigger: nextTrigger(state.trigger)}, {leaderboard: LIST_TOP});
		case 'inventory-sort-next': return inventorySortNext(state);
		case 'inventory-sort-reverse': return withInventory(state, {descending: !state.inventory.descending});
		case 'inventory-clear-filter': return state.inventory.filter ? withInventory(state, {filter: ''}) : state;
		case 'clear-filter': return state.filter ? withLists({...state, filter: ''}, {leaderboard: LIST_TOP}) : state;
		case 'open-prompt': return {...state, mode: {kind: 'prompt', prompt: action.prompt, text: openingText(state, action.prompt)}};
		case 'prompt-type': return state.mode.kind === 'prompt' ? typed(state, state.mode.text + action.text) : state;
		case 'prompt-erase': return state.mode.kind === 'prompt' ? typed(state, state.mode.text.slice(0, -1)) : state;
		case 'end-prompt': return endPrompt(state, action.keep);
		case 'ask': return {...state, mode: {kind: 'confirm', confirm: action.confirm, subject: action.subject}};
		case 'end-confirm': return state.mode.kind === 'confirm' ? {...state, mode: NORMAL} : state;
		// Relative to the state, not to what a handler saw: keys that arrive together all count.
		case 'list': return withLists(state, {[action.list]: reduceList(state.lists[action.list], action.command, action.size)});
		// Another skill's drill-down starts at its top, and so do its versions.
		case 'open-skill': return withLists({...go({...state, skill: action.skill, diff: null}, 'skill'), skill: action.skill, diff: null}, {skill: LIST_TOP, versions: LIST_TOP});
		case 'open-versions': return go(state, 'versions');
		case 'open-diff': return withLists(go({...state, diff: {from: action.from, to: action.to}}, 'diff'), {diff: LIST_TOP});
		case 'data-changed': return {...state, dataVersion: state.dataVersion + 1};
	}
}
