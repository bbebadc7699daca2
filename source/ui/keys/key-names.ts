import type {Key} from 'ink';

type Chars<S extends string, Found extends string = never> = S extends `${infer First}${infer Rest}` ? Chars<Rest, Found | First> : Found;
type Letter = Chars<'abcdefghijklmnopqrstuvwxyz'>;

/** A key that types a character; the keymap may bind any of them. */
export type CharKey = Chars<'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/?-_=+[]{};:\'",.<>!@#$%^&*()|\\`~'>;
export type NamedKey =
	| 'up'
	| 'down'
	| 'left'
	| 'right'
	| 'pageup'
	| 'pagedown'
	| 'home'
	| 'end'
	| 'return'
	| 'escape'
	| 'tab'
	| 'shift+tab'
	| 'backspace'
	| `ctrl+${Letter}`;
/** Every name the keymap can bind: a misspelt key (`'retrun'`, `'ctrl+'`) does not compile. */
export type KeyName = CharKey | NamedKey;

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

/** A control character inside a burst of keys, named as keyName names it alone. */
const CONTROL_NAMES: Record<string, string> = {'\r': 'return', '\n': 'return', '\t': 'tab', '\u007F': 'backspace', '\b': 'backspace', '\u001B': 'escape'};

/**
 * The keys one input event stands for. Keys typed faster than they are read arrive together
 * (`jjj`, a pasted path): each one counts. Esc quickly followed by a key reads as Alt+key: it
 * was meant as both.
 */
export function keyNames(input: string, key: Key): string[] {
	if (!key.ctrl && !key.meta && input.length > 1) return [...input].map(char => CONTROL_NAMES[char] ?? char);
	if (key.meta && !key.escape && input.length === 1) return ['escape', input];
	return [keyName(input, key)];
}

/** A name that is text to a prompt: one character, not a named key. */
export function isText(name: string): boolean {
	return [...name].length === 1 && name >= ' ';
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
	backspace: 'Backspace',
	'ctrl+c': 'Ctrl+C',
};

export function keyLabel(name: KeyName): string {
	return KEY_LABELS[name] ?? name;
}
