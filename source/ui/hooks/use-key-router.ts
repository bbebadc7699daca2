import {useInput} from 'ink';
import {useState, type MutableRefObject} from 'react';
import {inputContexts} from '../keys/input-contexts.js';
import {isText, keyNames} from '../keys/key-names.js';
import {KeyRegistry} from '../keys/key-registry.js';
import type {UiAction, UiState} from '../state.js';

/**
 * The explorer's one key listener: each key of an input event goes to the contexts of the input
 * mode as it is after the keys before it (`stateRef`, not the last render), so a path pasted
 * right after `a` is text and `jjj` moves three rows. An unbound character is a prompt's text.
 */
export function useKeyRouter(stateRef: MutableRefObject<UiState>, dispatch: (action: UiAction) => void, given?: KeyRegistry): KeyRegistry {
	const [registry] = useState(() => given ?? new KeyRegistry());
	useInput((input, key) => {
		for (const name of keyNames(input, key)) {
			const routed = registry.route(inputContexts(stateRef.current), name);
			if (!routed && stateRef.current.mode.kind === 'prompt' && isText(name)) dispatch({type: 'prompt-type', text: name});
		}
	});
	return registry;
}
