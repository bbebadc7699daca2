import {useInput, type Key} from 'ink';
import {useRef} from 'react';

/**
 * ink's useInput, subscribed once and for good, calling the handler and honouring `isActive`
 * of the latest render (or, given a function, of the moment the key arrives). ink (re)subscribes only after a commit: a key typed right after one that
 * opened a prompt or moved a cursor would otherwise be dropped, or see the previous state.
 */
export function useKeyInput(handler: (input: string, key: Key) => void, isActive: boolean | (() => boolean)): void {
	const latest = useRef({handler, isActive});
	latest.current = {handler, isActive};
	useInput((input, key) => {
		const {isActive: active} = latest.current;
		// Every listener decides whether a key is its own before any of them acts on it: `?`
		// opens the help, and the help's own listener must not then close it on the same key.
		if (typeof active === 'function' ? active() : active) queueMicrotask(() => latest.current.handler(input, key));
	});
}
