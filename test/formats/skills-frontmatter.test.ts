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
