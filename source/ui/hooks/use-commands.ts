import {commandFor, KEYMAP, keyName, type Command, type KeyContext, type ScreenId} from '../keymap.js';
import {useKeyInput} from './use-key-input.js';

/** A control character inside a burst of keys, named as keyName names it alone. */
const CONTROL_NAMES: Record<string, string> = {'\r': 'return', '\n': 'return', '\t': 'tab', '\u007F': 'backspace', '\b': 'backspace', '\u001B': 'escape'};

function charName(char: string): string {
	return CONTROL_NAMES[char] ?? char;
}

export type CommandHandlers = Partial<Record<Command, () => void>>;

/**
 * Key handling through the keymap. A screen's handler sees the keys bound for that screen; the
 * global handler sees the global keys the screen does not claim. `screenNow` and `isActive` may
 * be functions, read when the key arrives.
 */
export function useCommands(screenNow: ScreenId | (() => ScreenId), context: KeyContext, handlers: CommandHandlers, isActive: boolean | (() => boolean) = true): void {
	useKeyInput((input, key) => {
		// Keys typed faster than they are read arrive together ("jjj"): each one counts.
		const plain = !key.ctrl && !key.meta && input.length > 1;
		// Esc quickly followed by a key reads as Alt+key: it was meant as both.
		const escaped = key.meta && !key.escape && input.length === 1;
		const names = plain ? [...input].map(charName) : escaped ? ['escape', input] : [keyName(input, key)];
		const screen = typeof screenNow === 'function' ? screenNow() : screenNow;
		for (const name of names) {
			const claimedByScreen = KEYMAP.some(binding => binding.context === screen && binding.keys.includes(name));
			if (context === 'global' && claimedByScreen) continue;
			if (context !== 'global' && !claimedByScreen) continue;
			const command = commandFor(screen, name);
			if (command) handlers[command]?.();
		}
	}, isActive);
}
