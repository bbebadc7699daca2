import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import fc from 'fast-check';
import {terminalOutput, visible, visibleStrings} from '../../source/domain/terminal-text.js';

/** Every character a terminal acts on instead of drawing. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this looks for
const RAW = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069]/;

describe('the terminal sanitiser', () => {
	test('shows each control character as a visible escape', () => {
		assert.equal(visible('evil\u001B]0;pwned\u0007'), 'evil\\e]0;pwned\\a');
		assert.equal(visible('cr\rover\nline\ttab\u0000nul\b\v\f'), 'cr\\rover\\nline\\ttab\\0nul\\b\\v\\f');
		assert.equal(visible('del\u007F c1\u009B2J rlo\u202E lri\u2066 pdi\u2069 ls\u2028 lrm\u200E alm\u061C \u0001'), 'del\\u007f c1\\u009b2J rlo\\u202e lri\\u2066 pdi\\u2069 ls\\u2028 lrm\\u200e alm\\u061c \\u0001');
		assert.equal(visible('café → 日本 ✓ \\e'), 'café → 日本 ✓ \\e', 'printable text, backslashes included, is left alone');
	});

	test('leaves no raw control character, and a second pass changes nothing', () => {
		fc.assert(fc.property(fc.string({unit: 'binary'}), text => {
			const once = visible(text);
			assert.doesNotMatch(once, RAW);
			assert.equal(visible(once), once);
		}));
	});

	test('makes every string of a report visible, and nothing else', () => {
		const report = {name: 'a\u001B[31m', rows: [{skill: 'b\n', count: 2, at: null}], ok: true};
		assert.deepEqual(visibleStrings(report), {name: 'a\\e[31m', rows: [{skill: 'b\\n', count: 2, at: null}], ok: true});
		assert.equal(report.name, 'a\u001B[31m', 'the report itself is not changed');
	});

	test('an output keeps its lines, and our colours only with colour on', () => {
		const drawn = '\u001B[1mTop\u001B[22m skills\nevil\u001B]0;x\u0007\r\u009B\n';
		assert.equal(terminalOutput(drawn, true), '\u001B[1mTop\u001B[22m skills\nevil\\e]0;x\\a\\r\\u009b\n');
		assert.equal(terminalOutput(drawn, false), 'Top skills\nevil\\e]0;x\\a\\r\\u009b\n');
	});

	test('JSON through the output guard is the same JSON', () => {
		fc.assert(fc.property(fc.jsonValue(), fc.string({unit: 'binary'}), (value, text) => {
			const document = {value, text};
			const json = JSON.stringify(document, null, 2);
			const guarded = terminalOutput(json, false);
			assert.doesNotMatch(guarded.replaceAll('\n', ''), RAW);
			assert.deepEqual(JSON.parse(guarded), JSON.parse(json));
		}));
	});
});
