/*
 * The one sanitiser for text drawn on a terminal. Names, paths and messages come from files that
 * anyone may have written (a cloned repository's SKILL.md, a transcript a prompt-injected model
 * wrote, another machine's lake folder): drawn raw, an escape sequence in them retitles the
 * terminal (OSC 0), plants a link (OSC 8), recolours, moves the cursor (CR) over what is shown,
 * rings the bell, reverses the text after it (U+202E) or splits a table row (newline). Every such
 * character is shown instead as a visible escape (`\e`, `\r`, `\n`, `\u202e`), so that the name
 * reads as what it is, widths count what is drawn, and a cut can never leave half a sequence.
 *
 * A backslash is left alone: making text visible twice changes nothing, so each place where file
 * text enters a drawn string may do it without knowing whether another did.
 */

/**
 * C0 (newline and tab included: a drawn cell or line holds neither), DEL, C1 (U+009B is a CSI to
 * many terminals), the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and
 * marks (U+061C, U+200E, U+200F), and the Unicode line and paragraph separators.
 */
const CONTROLS = '\\u0000-\\u001F\\u007F-\\u009F\\u061C\\u200E\\u200F\\u2028-\\u202E\\u2066-\\u2069';
const CONTROL = new RegExp(`[${CONTROLS}]`, 'g');

const SHORT: Readonly<Record<string, string>> = {
	'\u0000': '\\0',
	'\u0007': '\\a',
	'\b': '\\b',
	'\t': '\\t',
	'\n': '\\n',
	'\v': '\\v',
	'\f': '\\f',
	'\r': '\\r',
	'\u001B': '\\e',
};

/** `\uXXXX` for the rest: in JSON text that is the same character again, so --json stays exact. */
function escaped(char: string): string {
	return SHORT[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** `text` with every control character shown as a visible escape: safe to draw anywhere. */
export function visible(text: string): string {
	return text.replace(CONTROL, escaped);
}

/**
 * Every string in a report (objects and arrays, deeply) made visible: what a command's text form
 * is drawn from, so that no field of it, of today or added later, reaches the terminal raw.
 */
export function visibleStrings<T>(value: T, multiline: ReadonlySet<string> = NONE): T {
	if (typeof value === 'string') return visible(value) as T;
	if (Array.isArray(value)) return value.map(item => visibleStrings(item, multiline)) as T;
	if (value !== null && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
		return Object.fromEntries(
			Object.entries(value).map(([key, item]) => [key, multiline.has(key) && typeof item === 'string' ? visibleLines(item) : visibleStrings(item, multiline)]),
		) as T;
	}

	return value;
}

const NONE: ReadonlySet<string> = new Set();

/**
 * A text drawn as lines (a diff of two SKILL.md texts): its line breaks kept, every other control
 * character of each line made visible, a CR of a CRLF file included.
 */
export function visibleLines(text: string): string {
	return text.split('\n').map(visible).join('\n');
}

/** The colours we draw (SGR: `ESC [ … m`), and every control character. */
const OUTPUT = new RegExp(`\\u001B\\[[0-9;]*m|[${CONTROLS}]`, 'g');

/**
 * What may reach the terminal of a whole output (lines of text, or JSON): its line breaks, and its
 * colours only when `colour`; any other control character is made visible. The last guard, after
 * each name was made visible where it entered the text: a hostile `ESC [31m` was `\e[31m` by then.
 */
export function terminalOutput(text: string, colour: boolean): string {
	return text.replace(OUTPUT, match => {
		if (match === '\n') return match;
		if (match.length > 1) return colour ? match : '';
		return escaped(match);
	});
}
