import {createContext, useContext, useEffect, useRef} from 'react';
import type {KeyRegistry} from '../keys/key-registry.js';
import type {CommandOf, KeyContext} from '../keymap.js';

export const KeyRegistryContext = createContext<KeyRegistry | undefined>(undefined);

export type Handlers<Context extends KeyContext> = Record<CommandOf<Context>, () => void>;

/**
 * The handlers of `context`: one for every command the keymap binds there (the type says so).
 * `isActive` is read when a key arrives, so that a key right after one that changed the state
 * sees the new state, rendered or not. Handlers of the latest render are the ones called.
 */
export function useCommands<Context extends KeyContext>(context: Context, handlers: Handlers<Context>, isActive: () => boolean = () => true, registry?: KeyRegistry): void {
	const provided = useContext(KeyRegistryContext);
	const target = registry ?? provided;
	if (!target) throw new Error('useCommands outside a KeyRegistryContext');
	const latest = useRef({context: context as KeyContext, handlers, isActive});
	latest.current = {context, handlers, isActive};
	useEffect(() => target.add(latest), [target]);
}
