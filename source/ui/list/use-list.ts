import {useCommands} from '../hooks/use-commands.js';
import type {CommandOf, KeyContext} from '../keymap.js';
import type {ListId, UiAction, UiState} from '../state.js';
import {LIST_COMMANDS, visibleSlice, type ListCommand, type ListSize, type VisibleSlice} from './list-state.js';

/** Contexts whose bindings include every list move. */
type ListContext = {[Context in KeyContext]: ListCommand extends CommandOf<Context> ? Context : never}[KeyContext];

/**
 * A list's keys and its slice: the list moves of `context` become the reducer's commands on
 * `list`, with the size of the latest render; the other commands of the context are `handlers`.
 */
export function useList<Context extends ListContext>(options: {
	context: Context;
	list: ListId;
	state: UiState;
	dispatch: (action: UiAction) => void;
	size: ListSize;
	handlers: Record<Exclude<CommandOf<Context>, ListCommand>, () => void>;
	isActive: () => boolean;
}): VisibleSlice {
	const {context, list, state, dispatch, size, handlers, isActive} = options;
	const moves = Object.fromEntries(LIST_COMMANDS.map(command => [command, () => dispatch({type: 'list', list, command, size})])) as Record<ListCommand, () => void>;
	useCommands(context, {...moves, ...handlers} as Record<CommandOf<Context>, () => void>, isActive);
	return visibleSlice(state.lists[list], size);
}
