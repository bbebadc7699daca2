import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import ts from 'typescript';
import {sourceFiles} from './imports.js';

/*
 * Small files and short functions (issue 12): no file under source/ over 250 lines, no function
 * (declaration, method, arrow or function expression) over 80 lines, measured from its first
 * line to its last. A React component is a function too. Small folders (issue 26): no more than
 * 25 files in one, so that folder names keep saying what lives there.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAX_FILE_LINES = 250;
const MAX_FUNCTION_LINES = 80;
/** A folder's name says what lives there; past this many files it holds more than one thing (issue 26). */
const MAX_FOLDER_FILES = 25;

type Sized = {where: string; lines: number};

function functionsOf(file: string): Sized[] {
	const text = readFileSync(path.join(ROOT, file), 'utf8');
	const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
	const found: Sized[] = [];
	const visit = (node: ts.Node): void => {
		if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isConstructorDeclaration(node) || ts.isGetAccessor(node)) {
			const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
			const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
			const name = 'name' in node && node.name && ts.isIdentifier(node.name) ? node.name.text : '(anonymous)';
			found.push({where: `${file}:${first + 1} ${name}`, lines: last - first + 1});
		}

		ts.forEachChild(node, visit);
	};

	visit(source);
	return found;
}

describe('sizes', () => {
	const files = sourceFiles(ROOT);

	test(`no source file is over ${MAX_FILE_LINES} lines`, () => {
		const long = files
			.map(file => ({where: file, lines: readFileSync(path.join(ROOT, file), 'utf8').split('\n').length - 1}))
			.filter(file => file.lines > MAX_FILE_LINES);
		assert.deepEqual(long, []);
	});

	test(`no folder holds more than ${MAX_FOLDER_FILES} files (commands/, one module per command, aside)`, () => {
		const counts = new Map<string, number>();
		for (const file of files) counts.set(path.posix.dirname(file), (counts.get(path.posix.dirname(file)) ?? 0) + 1);
		const crowded = [...counts].filter(([folder, count]) => folder !== 'source/commands' && count > MAX_FOLDER_FILES).map(([folder, count]) => ({where: folder, files: count}));
		assert.deepEqual(crowded, []);
	});

	test(`no function is over ${MAX_FUNCTION_LINES} lines`, () => {
		const long = files.flatMap(functionsOf).filter(fn => fn.lines > MAX_FUNCTION_LINES);
		assert.deepEqual(long, []);
	});

	test('the measure sees a long function', () => {
		const body = Array.from({length: MAX_FUNCTION_LINES}, (_, index) => `\tconst a${index} = ${index};`).join('\n');
		const source = ts.createSourceFile('x.ts', `function long() {\n${body}\n}\n`, ts.ScriptTarget.Latest, true);
		let lines = 0;
		ts.forEachChild(source, node => {
			if (ts.isFunctionDeclaration(node)) lines = source.getLineAndCharacterOfPosition(node.getEnd()).line - source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
		});
		assert.equal(lines, MAX_FUNCTION_LINES + 2);
	});
});
