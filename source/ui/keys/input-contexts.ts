import type {KeyContext} from '../keymap.js';
import type {UiState} from '../state.js';

/**
 * The contexts a key is looked up in, first to last, for the input mode: a prompt takes every
 * key as text but its own (and Ctrl+C); the help overlay and a question shut the screens out.
 */
export function inputContexts(state: UiState): KeyContext[] {
	switch (state.mode.kind) {
		case 'prompt': return state.mode.prompt === 'filter' ? ['filter', 'prompt', 'always'] : ['prompt', 'always'];
		case 'confirm': return ['confirm', 'always'];
		case 'help': return ['help', 'always'];
		case 'normal': return [state.screen, 'global', 'always'];
	}
}
