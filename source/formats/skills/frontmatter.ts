/*
 * The YAML frontmatter of a SKILL.md or command file: the block between a first `---` line and
 * the next. Only what skill files use is read, by hand (no YAML dependency): `key: value` with
 * plain, 'single' or "double" quoted values (which may span lines), `|` and `>` block scalars,
 * indented continuation lines and `- item` lists. Anything else a YAML parser would refuse (a
 * plain value holding ": ", an unclosed quote, a repeated key, a tab indent) is reported with
 * its line, so that a broken file is a problem on that skill and never a crash.
 */

export type FieldValue = string | string[] | null;

export interface Frontmatter {
	/** False when the file does not open with a `---` line. */
	found: boolean;
	fields: Map<string, FieldValue>;
	/** What a YAML parser would refuse, with the 1-based line of the file; null when none. */
	malformed: string | null;
}

const KEY_LINE = /^([A-Za-z0-9_][\w.-]*)[ \t]*:(?:[ \t]+(.*))?$/;
const BLOCK_INDICATOR = /^([|>])([+-]?)\d?\s*(#.*)?$/;

class Malformed extends Error {}

/** Lines of the frontmatter body with their 1-based line numbers in the file. */
interface Body {
	lines: string[];
	/** File line number of lines[0]. */
	first: number;
}

export function parseFrontmatter(text: string): Frontmatter {
	const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
	if (lines[0]?.trimEnd() !== '---') return {found: false, fields: new Map(), malformed: null};
	const end = lines.findIndex((line, index) => index > 0 && (line.trimEnd() === '---' || line.trimEnd() === '...'));
	if (end < 0) return {found: true, fields: new Map(), malformed: 'the frontmatter opened on line 1 is never closed (no second "---" line)'};
	const fields = new Map<string, FieldValue>();
	try {
		parseBody({lines: lines.slice(1, end), first: 2}, fields);
		return {found: true, fields, malformed: null};
	} catch (error) {
		if (error instanceof Malformed) return {found: true, fields, malformed: error.message};
		throw error;
	}
}

const isBlank = (line: string) => line.trim() === '' || /^\s*#/.test(line);
const indentOf = (line: string) => line.length - line.trimStart().length;

function parseBody(body: Body, fields: Map<string, FieldValue>): void {
	const seen = new Map<string, number>();
	let index = 0;
	while (index < body.lines.length) {
		const line = body.lines[index]!;
		const lineNumber = body.first + index;
		if (isBlank(line)) {
			index++;
			continue;
		}

		if (/^\s/.test(line)) throw new Malformed(`line ${lineNumber}: an indented line that belongs to no key`);
		const match = KEY_LINE.exec(line);
		if (!match) throw new Malformed(`line ${lineNumber}: "${line.slice(0, 60)}" is not "key: value"`);
		const key = match[1]!;
		if (seen.has(key)) throw new Malformed(`line ${lineNumber}: "${key}" is given again (first on line ${seen.get(key)})`);
		seen.set(key, lineNumber);
		let next = index + 1;
		while (next < body.lines.length && (body.lines[next]!.trim() === '' || /^\s/.test(body.lines[next]!))) next++;
		const continuation = body.lines.slice(index + 1, next);
		const tab = continuation.findIndex(each => /^ *\t/.test(each) && each.trim() !== '');
		if (tab >= 0) throw new Malformed(`line ${lineNumber + 1 + tab}: indented with a tab, which YAML does not allow`);
		fields.set(key, fieldValue(key, match[2] ?? '', continuation, lineNumber));
		index = next;
	}
}

function fieldValue(key: string, raw: string, continuation: string[], lineNumber: number): FieldValue {
	const rest = raw.trim();
	const block = BLOCK_INDICATOR.exec(rest);
	if (block) return blockScalar(continuation, block[1] === '>', block[2] ?? '');
	// Quoted: white space at a line's end is the folding's to drop, or an escape's to keep.
	if (rest.startsWith('"') || rest.startsWith("'")) return quoted(key, [raw.trimStart(), ...continuation.map(line => line.trimStart())], lineNumber);
	const items = continuation.filter(line => line.trim() !== '');
	if (rest === '' && items.length === 0) return null;
	if (rest === '' && items[0]!.trim().startsWith('-')) return items.map(item => unquote(item.trim().replace(/^-\s*/, '')));
	if (rest.startsWith('@') || rest.startsWith('`')) throw new Malformed(`line ${lineNumber}: the value of "${key}" starts with "${rest[0]}", which YAML reserves; quote it`);
	const plain = [rest, ...continuation.map(line => line.trim())].filter(part => part !== '').map(part => part.replace(/\s+#.*$/, ''));
	const colon = plain.findIndex(part => /:(\s|$)/.test(part) && !rest.startsWith('[') && !rest.startsWith('{'));
	if (colon >= 0) throw new Malformed(`line ${lineNumber + (colon === 0 ? 0 : colon)}: the value of "${key}" holds ": " unquoted, which YAML reads as a nested key; quote the value`);
	return plain.join(' ');
}

/** A `|` (lines kept) or `>` (lines folded) block, with its chomping (`-` strip, `+` keep, else one final newline). */
function blockScalar(continuation: string[], folded: boolean, chomp: string): string {
	const firstText = continuation.find(line => line.trim() !== '');
	if (firstText === undefined) return '';
	const indent = indentOf(firstText);
	const lines = continuation.map(line => (line.trim() === '' ? '' : line.slice(Math.min(indent, indentOf(line)))));
	while (lines.length > 0 && lines.at(-1) === '') lines.pop();
	let text = '';
	for (const [position, line] of lines.entries()) {
		const previous = lines[position - 1];
		if (previous === undefined) text = line;
		else if (!folded || line.startsWith(' ') || previous.startsWith(' ')) text += `\n${line}`;
		// Folded: a blank line is a newline, the line after it follows that newline directly.
		else if (line === '') text += '\n';
		else text += previous === '' ? line : ` ${line}`;
	}

	const trailing = continuation.length - lines.length;
	if (chomp === '-') return text;
	return chomp === '+' ? text + '\n'.repeat(trailing + 1) : `${text}\n`;
}

/**
 * A quoted value, possibly over several lines, folded as YAML folds a flow scalar: a line break
 * is a space, each blank line a newline, and white space around a break is dropped unless an
 * escape wrote it. The continuation lines come trimmed.
 */
function quoted(key: string, parts: string[], lineNumber: number): string {
	const quote = parts[0]![0]!;
	const source = parts.join('\n');
	let value = '';
	// value[0, kept) was written by escapes or ends in one: folding never trims it.
	let kept = 0;
	let position = 1;
	while (position < source.length) {
		const char = source[position]!;
		if (quote === "'" && char === "'" && source[position + 1] === "'") {
			value += "'";
			position += 2;
		} else if (char === quote) {
			closed(key, source.slice(position + 1), lineNumber);
			return value;
		} else if (char === '\n') {
			let breaks = 0;
			while (source[position] === '\n') {
				breaks++;
				position++;
			}

			value = value.slice(0, kept) + value.slice(kept).replace(/[ \t]+$/, '') + (breaks === 1 ? ' ' : '\n'.repeat(breaks - 1));
		} else if (quote === '"' && char === '\\' && source[position + 1] === '\n') {
			// An escaped line break: the lines join with nothing between them.
			position += 2;
			kept = value.length;
		} else if (quote === '"' && char === '\\') {
			const [text, length] = escapeAt(source, position, key, lineNumber);
			value += text;
			kept = value.length;
			position += length;
		} else {
			value += char;
			position++;
		}
	}

	throw new Malformed(`line ${lineNumber}: the quote that opens the value of "${key}" is never closed`);
}

/** What follows a closing quote: a comment at most, then nothing. */
function closed(key: string, after: string, lineNumber: number): void {
	const [rest, ...lines] = after.split('\n');
	if (rest!.trim() !== '' && !rest!.trim().startsWith('#')) throw new Malformed(`line ${lineNumber}: text after the closing quote of "${key}"`);
	if (lines.some(line => line.trim() !== '')) throw new Malformed(`line ${lineNumber}: lines after the closing quote of "${key}"`);
}

/** YAML 1.2's escapes of one character in double quotes. */
const ESCAPES: Readonly<Record<string, string>> = {
	'0': '\0', a: '\u0007', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\u001B', ' ': ' ', '"': '"', '/': '/', '\\': '\\',
	N: '\u0085', _: '\u00A0', L: '\u2028', P: '\u2029',
};
const HEX_DIGITS: Readonly<Record<string, number>> = {x: 2, u: 4, U: 8};

/**
 * The escape at `position` (a backslash) and its length, decoded as YAML decodes it (so a name
 * reads as Claude Code reads it); an escape YAML does not know makes the file malformed, as it
 * makes a YAML parser refuse it.
 */
function escapeAt(source: string, position: number, key: string, lineNumber: number): [string, number] {
	const letter = source[position + 1] ?? '';
	const simple = ESCAPES[letter];
	if (simple !== undefined) return [simple, 2];
	const digits = HEX_DIGITS[letter];
	const hex = digits === undefined ? '' : source.slice(position + 2, position + 2 + digits);
	const code = digits !== undefined && new RegExp(`^[0-9A-Fa-f]{${digits}}$`).test(hex) ? Number.parseInt(hex, 16) : Number.NaN;
	// \u escapes of UTF-16 halves pair up as JavaScript strings do; \U names a whole code point.
	if (code <= 0xFFFF) return [String.fromCharCode(code), 2 + digits!];
	if (code <= 0x10FFFF) return [String.fromCodePoint(code), 2 + digits!];
	const line = lineNumber + (source.slice(0, position).match(/\n/g)?.length ?? 0);
	const shown = source.slice(position, position + 2) + (/^[0-9A-Fa-f]*/.exec(hex)?.[0] ?? '');
	throw new Malformed(`line ${line}: "${shown}" in the value of "${key}" is not an escape YAML knows`);
}

function unquote(text: string): string {
	const match = /^(["'])(.*)\1$/.exec(text);
	return match ? match[2]! : text;
}

/** A field as text: lists and empty values are not text. */
export function textField(fields: Map<string, FieldValue>, key: string): string | null {
	const value = fields.get(key);
	return typeof value === 'string' && value.trim() !== '' ? value : null;
}
