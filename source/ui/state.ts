import {nextSort, naturalDescending, type LeaderboardSort} from '../domain/leaderboard.js';
import {stepChoice, type WindowChoice} from '../domain/window-choice.js';
import type {ScreenId} from './keymap.js';

/** Everything the explorer remembers between key presses; data itself lives in the hooks. */
export interface UiState {
	screen: ScreenId;
	/** Where Esc returns to from the window selector and the drill-down. */
	returnTo: ScreenId;
	helpOpen: boolean;
	choice: WindowChoice;
	/** null: all active projects. */
	scopeProjectId: string | null;
	sort: LeaderboardSort;
	descending: boolean;
	filter: string;
	filtering: boolean;
	cursor: number;
	skill: string | null;
	/** The screen the drill-down was opened from, where Esc goes back to. */
	skillFrom: 'leaderboard' | 'insights';
	/** Selected row of the Insights screen. */
	insightCursor: number;
	/** Bumped after anything that changes data, so that every view reloads. */
	dataVersion: number;
}

export type UiAction =
	| {type: 'go'; screen: ScreenId}
	| {type: 'back'}
	| {type: 'toggle-help'}
	| {type: 'close-help'}
	| {type: 'choose-window'; choice: WindowChoice}
	| {type: 'step-window'; steps: number}
	| {type: 'scope'; projectId: string | null}
	| {type: 'sort-next'}
	| {type: 'sort-reverse'}
	| {type: 'filter-start'}
	| {type: 'filter-set'; filter: string}
	| {type: 'filter-end'; keep: boolean}
	| {type: 'cursor'; cursor: number}
	| {type: 'cursor-by'; delta: number; last: number}
	| {type: 'open-skill'; skill: string; from?: 'leaderboard' | 'insights'}
	| {type: 'insight-cursor'; cursor: number}
	| {type: 'data-changed'};

export function initialState(screen: ScreenId, choice: WindowChoice): UiState {
	return {
		screen,
		returnTo: 'leaderboard',
		helpOpen: false,
		choice,
		scopeProjectId: null,
		sort: 'total_invocations',
		descending: true,
		filter: '',
		filtering: false,
		cursor: 0,
		skill: null,
		skillFrom: 'leaderboard',
		insightCursor: 0,
		dataVersion: 0,
	};
}

export function reduce(state: UiState, action: UiAction): UiState {
	switch (action.type) {
		case 'go': {
			if (action.screen === state.screen) return state;
			// The drill-down needs a skill: without one, it is the leaderboard that can give one.
			const screen = action.screen === 'skill' && state.skill === null ? 'leaderboard' : action.screen;
			// Going to the drill-down from a list makes that list the one Esc returns to.
			const skillFrom = screen === 'skill' && (state.screen === 'leaderboard' || state.screen === 'insights') ? state.screen : state.skillFrom;
			return {...state, screen, skillFrom, returnTo: state.screen === 'window' || state.screen === 'skill' ? state.returnTo : state.screen};
		}

		case 'back': {
			if (state.helpOpen) return {...state, helpOpen: false};
			if (state.screen === 'skill') return {...state, screen: state.skillFrom};
			if (state.screen === 'window') return {...state, screen: state.returnTo === 'window' ? 'leaderboard' : state.returnTo};
			return state;
		}

		case 'toggle-help': {
			return {...state, helpOpen: !state.helpOpen};
		}

		case 'close-help': {
			return {...state, helpOpen: false};
		}

		case 'choose-window': {
			const back = state.returnTo === 'window' ? 'leaderboard' : state.returnTo;
			return {...state, choice: action.choice, screen: back, cursor: 0};
		}

		case 'step-window': {
			return {...state, choice: stepChoice(state.choice, action.steps)};
		}

		case 'scope': {
			// Another scope is another list: both cursors start at its top.
			return {...state, scopeProjectId: action.projectId, cursor: 0, insightCursor: 0};
		}

		case 'sort-next': {
			const sort = nextSort(state.sort);
			return {...state, sort, descending: naturalDescending(sort), cursor: 0};
		}

		case 'sort-reverse': {
			return {...state, descending: !state.descending, cursor: 0};
		}

		case 'filter-start': {
			return {...state, filtering: true};
		}

		case 'filter-set': {
			return {...state, filter: action.filter, cursor: 0};
		}

		case 'filter-end': {
			return {...state, filtering: false, filter: action.keep ? state.filter : '', cursor: action.keep ? state.cursor : 0};
		}

		case 'cursor': {
			return {...state, cursor: Math.max(0, action.cursor)};
		}

		case 'cursor-by': {
			// Relative to the state, not to what a handler saw: keys that arrive together all count.
			const from = Math.min(state.cursor, action.last);
			return {...state, cursor: Math.max(0, Math.min(action.last, from + action.delta))};
		}

		case 'open-skill': {
			return {...state, skill: action.skill, screen: 'skill', skillFrom: action.from ?? 'leaderboard'};
		}

		case 'insight-cursor': {
			return {...state, insightCursor: Math.max(0, action.cursor)};
		}

		case 'data-changed': {
			return {...state, dataVersion: state.dataVersion + 1};
		}
	}
}
