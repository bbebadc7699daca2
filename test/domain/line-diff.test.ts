import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import fc from 'fast-check';
import {diffLines, lineChanges, unifiedDiff} from '../../source/domain/line-diff.js';

/** The length of a longest common subsequence, by the textbook table: the edit count to expect. */
function lcs(a: readonly string[], b: readonly string[]): number {
	const table = Array.from({length: a.length + 1}, () => new Array<number>(b.length + 1).fill(0));
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) table[i]![j] = a[i - 1] === b[j - 1] ? table[i - 1]![j - 1]! + 1 : Math.max(table[i - 1]![j]!, table[i]![j - 1]!);
	}

	return table[a.length]![b.length]!;
}

const text = (...lines: string[]) => lines.join('\n');

describe('line diff', () => {
	test('the same output as GNU diff -u (diffutils 3.x, --label v1 --label v2) on hand-made pairs', () => {
		// printf 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n' > x1; printf 'a\nb\nC\nd\ne\nf\ng\nh\ni\nj\nk\nl\n' > x2; diff -u ...
		const from = text(...'abcdefghijk');
		const to = text('a', 'b', 'C', ...'defghijkl');
		assert.equal(unifiedDiff(from, to, {from: 'v1', to: 'v2'}), [
			'--- v1', '+++ v2',
			'@@ -1,6 +1,6 @@', ' a', ' b', '-c', '+C', ' d', ' e', ' f',
			'@@ -9,3 +9,4 @@', ' i', ' j', ' k', '+l', '',
		].join('\n'));
		assert.equal(unifiedDiff('one\ntwo', 'zero\none\ntwo', {from: 'a', to: 'b'}), '--- a\n+++ b\n@@ -1,2 +1,3 @@\n+zero\n one\n two\n');
		assert.equal(unifiedDiff('', 'x', {from: 'a', to: 'b'}), '--- a\n+++ b\n@@ -0,0 +1 @@\n+x\n');
		assert.equal(unifiedDiff('a\nb\nc', 'a\nc', {from: 'a', to: 'b'}), '--- a\n+++ b\n@@ -1,3 +1,2 @@\n a\n-b\n c\n');
	});

	test('equal texts have no diff and no changes', () => {
		assert.equal(unifiedDiff('same\ntext', 'same\ntext', {from: 'a', to: 'b'}), '');
		assert.deepEqual(lineChanges('same\ntext', 'same\ntext'), {added: 0, removed: 0});
		assert.deepEqual(lineChanges('', ''), {added: 0, removed: 0});
	});

	test('lines added and removed count each edited line once', () => {
		assert.deepEqual(lineChanges(text('# Review', 'Read the diff.', 'Be brief.'), text('# Review', 'Read the whole file.', 'Be brief.', 'List every nit.')), {added: 2, removed: 1});
	});

	test('any two texts: the diff rebuilds both, and its edits are the fewest (n + m − 2·LCS)', () => {
		const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), {maxLength: 25});
		fc.assert(fc.property(lines, lines, (a, b) => {
			const diff = diffLines(a, b);
			assert.deepEqual(diff.filter(line => line.kind !== 'add').map(line => line.text), a);
			assert.deepEqual(diff.filter(line => line.kind !== 'remove').map(line => line.text), b);
			assert.equal(diff.filter(line => line.kind !== 'same').length, a.length + b.length - 2 * lcs(a, b));
		}), {numRuns: 400});
	});

	test('a hunk header counts the lines it shows (applying it by hand gives the new text)', () => {
		fc.assert(fc.property(fc.array(fc.constantFrom('x', 'y', 'z'), {maxLength: 30}), fc.array(fc.constantFrom('x', 'y', 'z'), {maxLength: 30}), (a, b) => {
			const patch = unifiedDiff(a.join('\n'), b.join('\n'), {from: 'a', to: 'b'});
			if (patch === '') return;
			for (const match of patch.matchAll(/^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@\n((?:[ +-].*\n)*)/gm)) {
				const body = match[5]!.split('\n').slice(0, -1);
				assert.equal(body.filter(line => !line.startsWith('+')).length, Number(match[2] ?? 1));
				assert.equal(body.filter(line => !line.startsWith('-')).length, Number(match[4] ?? 1));
			}
		}), {numRuns: 200});
	});
});
