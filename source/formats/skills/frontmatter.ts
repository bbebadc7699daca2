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
		fields.set(key, fieldValue(key, (match[2] ?? '').trim(), continuation, lineNumber));
		index = next;
	}
}

function fieldValue(key: string, rest: string, continuation: string[], lineNumber: number): FieldValue {
	const block = BLOCK_INDICATOR.exec(rest);
	if (block) return blockScalar(continuation, block[1] === '>', block[2] ?? '');
	if (rest.startsWith('"') || rest.startsWith("'")) return quoted(key, [rest, ...continuation.map(line => line.trim())], lineNumber);
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

/** A quoted value, possibly over several lines (joined by a space, as YAML folds them). */
function quoted(key: string, parts: string[], lineNumber: number): string {
	const quote = parts[0]![0]!;
	const source = parts.join('\n');
	let value = '';
	let position = 1;
	while (position < source.length) {
		const char = source[position]!;
		if (quote === "'" && char === "'" && source[position + 1] === "'") {
			value += "'";
			position += 2;
		} else if (char === quote) {
			const after = source.slice(position + 1).split('\n')[0]!.trim();
			if (after !== '' && !after.startsWith('#')) throw new Malformed(`line ${lineNumber}: text after the closing quote of "${key}"`);
			if (source.slice(position + 1).split('\n').slice(1).some(line => line.trim() !== '')) {
				throw new Malformed(`line ${lineNumber}: lines after the closing quote of "${key}"`);
			}

			const folded = value.replaceAll(/ *\n */g, '\n').replaceAll(/(?<!\n)\n(?!\n)/g, ' ').replaceAll(/\n\n/g, '\n');
			return folded.replaceAll(ESCAPED_NEWLINE, '\n');
		} else if (quote === '"' && char === '\\') {
			value += ESCAPES[source[position + 1] ?? ''] ?? source[position + 1] ?? '';
			position += 2;
		} else {
			value += char;
			position++;
		}
	}

	throw new Malformed(`line ${lineNumber}: the quote that opens the value of "${key}" is never closed`);
}

/** Stands for an escaped `\n` while the line breaks of the source are folded. */
const ESCAPED_NEWLINE = '\uE000';
const ESCAPES: Record<string, string> = {n: ESCAPED_NEWLINE, t: '\t', '"': '"', '\\': '\\', '/': '/', '0': '\0', r: '\r'};

function unquote(text: string): string {
	const match = /^(["'])(.*)\1$/.exec(text);
	return match ? match[2]! : text;
}

/** A field as text: lists and empty values are not text. */
export function textField(fields: Map<string, FieldValue>, key: string): string | null {
	const value = fields.get(key);
	return typeof value === 'string' && value.trim() !== '' ? value : null;
}
