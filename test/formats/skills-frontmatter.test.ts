import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {parseFrontmatter, textField} from '../../source/formats/skills/frontmatter.js';

/*
 * The frontmatter forms SKILL.md files use, each read as a YAML parser reads it (the expected
 * values are YAML's), and the mistakes a YAML parser refuses, each reported with its line.
 */

const read = (text: string) => {
	const parsed = parseFrontmatter(text);
	return {found: parsed.found, malformed: parsed.malformed, name: textField(parsed.fields, 'name'), description: textField(parsed.fields, 'description')};
};

describe('SKILL.md frontmatter', () => {
	const cases: Array<{why: string; text: string; name?: string | null; description: string | null}> = [
		{why: 'plain values', text: '---\nname: pdf\ndescription: Fill PDF forms.\n---\nbody', name: 'pdf', description: 'Fill PDF forms.'},
		{why: 'CRLF line ends and a BOM', text: '\uFEFF---\r\nname: pdf\r\ndescription: Fill forms\r\n---\r\n', name: 'pdf', description: 'Fill forms'},
		{why: 'double quotes with a colon and escapes', text: '---\nname: "pdf"\ndescription: "Use when: \\"forms\\""\n---\n', name: 'pdf', description: 'Use when: "forms"'},
		{why: "single quotes with '' for a quote", text: "---\ndescription: 'It''s: fine'\n---\n", description: "It's: fine"},
		{why: 'a plain value continued on indented lines is folded with spaces', text: '---\ndescription: Reads the\n  spreadsheet and\n  sums it\nname: x\n---\n', name: 'x', description: 'Reads the spreadsheet and sums it'},
		{why: 'an escaped newline in double quotes is kept, a line break folded', text: '---\ndescription: "a\\nb\n  c"\n---\n', description: 'a\nb c'},
		{why: 'a quoted value over two lines', text: '---\ndescription: "first\n  second"\n---\n', description: 'first second'},
		{why: 'a folded block keeps one final newline', text: '---\ndescription: >\n  one\n  two\n\n  three\nname: y\n---\n', name: 'y', description: 'one two\nthree\n'},
		{why: 'a literal block with strip chomping', text: '---\ndescription: |-\n  line one\n  line two\n---\n', description: 'line one\nline two'},
		{why: 'comments, blank lines and a list beside', text: '---\n# a comment\nname: z\n\nallowed-tools:\n  - Read\n  - Grep\ndescription: Z # trailing comment\n---\n', name: 'z', description: 'Z'},
		{why: 'an empty description is none', text: '---\nname: e\ndescription:\n---\n', name: 'e', description: null},
		{why: 'a list is not a description', text: '---\ndescription:\n  - a\n  - b\n---\n', description: null},
		{why: 'a URL keeps its colon', text: '---\ndescription: See https://example.com/x for more\n---\n', description: 'See https://example.com/x for more'},
		// YAML's double-quoted escapes, each decoded as a YAML parser does (issue 22, D11).
		{why: 'a \\u escape', text: '---\nname: "caf\\u00e9"\ndescription: "d"\n---\n', name: 'café', description: 'd'},
		{why: '\\x and \\U escapes, and \\u surrogates that pair', text: '---\ndescription: "\\x41\\x62 \\U0001F600 \\ud83d\\ude00"\n---\n', description: 'Ab 😀 😀'},
		{why: 'the control escapes', text: '---\ndescription: "\\e[1m\\a\\b\\f\\v\\0\\r\\t|\\\t|"\n---\n', description: '\u001B[1m\u0007\b\f\v\u0000\r\t|\t|'},
		{why: 'the named escapes and the quoted characters', text: '---\ndescription: "\\N\\_\\L\\P \\" \\/ \\\\ \\ end"\n---\n', description: '\u0085\u00A0\u2028\u2029 " / \\  end'},
		{why: 'an escaped line break joins the lines, keeping what came before it', text: '---\ndescription: "one \\\n  two\\\n  three"\n---\n', description: 'one twothree'},
		{why: 'escaped white space at a line end is kept, the line break folded', text: '---\ndescription: "tab\\t\n  next\\ \n  last"\n---\n', description: 'tab\t next  last'},
		{why: 'escapes next to folded blank lines', text: '---\ndescription: "a\\x20\n\n  b"\n---\n', description: 'a \nb'},
	];
	for (const {why, text, name, description} of cases) {
		test(why, () => {
			const parsed = read(text);
			assert.deepEqual([parsed.found, parsed.malformed, parsed.description], [true, null, description]);
			if (name !== undefined) assert.equal(parsed.name, name);
		});
	}

	test('no frontmatter: the file does not open with ---', () => {
		assert.deepEqual(read('# Title\n---\nname: x\n---\n'), {found: false, malformed: null, name: null, description: null});
		assert.deepEqual(read(''), {found: false, malformed: null, name: null, description: null});
	});

	const broken: Array<{why: string; text: string; message: RegExp}> = [
		{why: 'never closed', text: '---\nname: x\ndescription: y\n', message: /opened on line 1 is never closed/},
		{why: 'an unquoted ": " in a plain value', text: '---\nname: x\ndescription: Use when: the user asks\n---\n', message: /^line 3: the value of "description" holds ": " unquoted/},
		{why: 'an unclosed quote', text: "---\ndescription: 'open\n---\n", message: /^line 2: the quote that opens the value of "description" is never closed/},
		{why: 'text after the closing quote', text: '---\ndescription: "a" b\n---\n', message: /^line 2: text after the closing quote/},
		{why: 'a repeated key', text: '---\nname: a\nname: b\n---\n', message: /^line 3: "name" is given again \(first on line 2\)/},
		{why: 'a line that is not key: value', text: '---\nname: a\njust words\n---\n', message: /^line 3: "just words" is not "key: value"/},
		{why: 'a tab indent', text: '---\ndescription: a\n\tb\n---\n', message: /^line 3: indented with a tab/},
		{why: 'an indented first line', text: '---\n  name: a\n---\n', message: /^line 2: an indented line that belongs to no key/},
		{why: 'a reserved first character', text: '---\ndescription: `code` first\n---\n', message: /^line 2: the value of "description" starts with "`"/},
		{why: 'an escape YAML does not know', text: '---\nname: a\ndescription: "one\n  \\q"\n---\n', message: /^line 4: "\\q" in the value of "description" is not an escape YAML knows/},
		{why: 'a \\x escape with one hex digit', text: '---\ndescription: "\\x4"\n---\n', message: /^line 2: "\\x4" in the value of "description" is not an escape YAML knows/},
		{why: 'a \\U escape past the last code point', text: '---\ndescription: "\\U00110000"\n---\n', message: /^line 2: "\\U00110000" in the value of "description" is not an escape YAML knows/},
	];
	for (const {why, text, message} of broken) {
		test(`malformed: ${why}`, () => {
			const parsed = read(text);
			assert.equal(parsed.found, true);
			assert.match(parsed.malformed ?? '', message);
		});
	}

	test('what was read before a mistake is kept', () => {
		const parsed = read('---\nname: kept\ndescription: Use when: x\n---\n');
		assert.deepEqual([parsed.name, parsed.description], ['kept', null]);
	});
});
