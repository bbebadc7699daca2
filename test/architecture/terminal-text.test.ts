import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {test} from 'node:test';
import ts from 'typescript';
import {REPO} from '../helpers/run-cli.js';
import {allImports, sourceFiles} from './imports.js';

/*
 * The explorer cannot draw a string that was not made visible (domain/terminal-text.ts): text
 * reaches the screen through ui/components/text.tsx, which makes every string visible, and tables
 * through ui/table-lines.tsx, which makes every cell visible before ink-table lays it out.
 */

/** Every `import {Name} from 'ink'` of a value (not a type) named `name`, as `file:line`. */
function inkImportsOf(name: string): string[] {
	return sourceFiles(REPO).flatMap(file => {
		const text = readFileSync(path.join(REPO, file), 'utf8');
		const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
		return source.statements.flatMap(statement => {
			if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || statement.moduleSpecifier.text !== 'ink') return [];
			const clause = statement.importClause;
			if (!clause || clause.isTypeOnly) return [];
			const bindings = clause.namedBindings;
			const named = bindings && ts.isNamedImports(bindings) ? bindings.elements.filter(element => !element.isTypeOnly && (element.propertyName ?? element.name).text === name) : [];
			const whole = bindings && ts.isNamespaceImport(bindings) ? [bindings] : [];
			const line = source.getLineAndCharacterOfPosition(statement.getStart()).line + 1;
			return [...named, ...whole].map(() => `${file}:${line}`);
		});
	});
}

test('ink\'s Text is imported by ui/components/text.tsx alone: every other module draws through it', () => {
	assert.deepEqual(inkImportsOf('Text').filter(place => !place.startsWith('source/ui/components/text.tsx:') && !place.startsWith('source/ui/ink-table.ts:')), []);
});

test('ink-table is drawn by ui/table-lines.tsx alone, which makes every cell visible first', () => {
	const users = allImports(REPO).filter(each => each.file === 'source/ui/ink-table.ts').map(each => each.from);
	assert.deepEqual(users, ['source/ui/table-lines.tsx']);
});
