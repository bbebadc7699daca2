import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {REPO} from '../helpers/run-cli.js';
import {allImports, circlePath, type Import, importCircles} from './imports.js';

/*
 * The layers of source/, proven from the imports themselves (test/architecture/imports.ts parses
 * every file with TypeScript's parser; type-only and dynamic imports count too).
 */
const imports = allImports(REPO);

const under = (prefix: string) => (file: string | undefined) => file !== undefined && (file === prefix || file.startsWith(`${prefix}/`));
const isUiPackage = (specifier: string) => /^(ink|react)($|\/|-)/.test(specifier);
const where = (found: readonly Import[]) => found.map(each => `${each.from}:${each.line} imports ${each.specifier}`);

const ENTRY = ['source/cli.tsx', 'source/main.ts', 'source/flags.ts', 'source/help.ts', 'source/app.tsx'];
const isEntry = (file: string | undefined) => file !== undefined && ENTRY.includes(file);
/** Files that draw with Ink for the one-shot commands, loaded only when text is printed. */
const isRenderFile = (file: string | undefined) => file !== undefined && /^source\/report\/render-[^/]+\.tsx$/.test(file);

describe('layers', () => {
	test('the parser sees every kind of import', () => {
		const has = (from: string, file: string, kind: Import['kind']) => imports.some(each => each.from === from && each.file === file && each.kind === kind);
		assert.ok(has('source/cli.tsx', 'source/main.ts', 'static'));
		assert.ok(has('source/main.ts', 'source/app.tsx', 'dynamic'));
		assert.ok(has('source/mcp/tool.ts', 'source/commands/command.ts', 'type'));
		assert.ok(imports.some(each => each.from === 'source/ui/app.tsx' && each.specifier === 'ink'));
	});

	test('only the UI, the explorer\'s entry and the report renderers import ink or react', () => {
		const allowed = (each: Import) =>
			under('source/ui')(each.from) || each.from === 'source/app.tsx' || isRenderFile(each.from)
			// The bench drives the explorer as the UI tests do.
			|| (under('source/bench')(each.from) && each.specifier === 'ink-testing-library');
		assert.deepEqual(where(imports.filter(each => isUiPackage(each.specifier) && !allowed(each))), []);
	});

	test('DuckDB\'s binding is loaded through data/store/duckdb.ts only (an ESM import of it costs 150-200 ms of a start-up)', () => {
		const direct = imports.filter(each => each.specifier === '@duckdb/node-api' && each.kind !== 'type' && each.from !== 'source/data/store/duckdb.ts' && !under('source/bench')(each.from));
		assert.deepEqual(where(direct), []);
	});

	test('domain imports nothing of ours outside domain, and no package', () => {
		const outside = imports.filter(each => under('source/domain')(each.from) && (each.file ? !under('source/domain')(each.file) : !each.specifier.startsWith('node:')));
		assert.deepEqual(where(outside), []);
	});

	test('formats reads files into records: it imports only domain and itself', () => {
		const outside = imports.filter(each => under('source/formats')(each.from) && each.file && !under('source/formats')(each.file) && !under('source/domain')(each.file));
		assert.deepEqual(where(outside), []);
	});

	test('data imports nothing from ui, report, mcp, commands or the entry points', () => {
		const upward = ['source/ui', 'source/report', 'source/mcp', 'source/commands'].map(under);
		const found = imports.filter(each => under('source/data')(each.from) && (upward.some(is => is(each.file)) || isEntry(each.file)));
		assert.deepEqual(where(found), []);
	});

	test('commands and mcp never load Ink up front (--json and the server never draw); nothing imports the entry points', () => {
		const drawing = (file: string | undefined) => under('source/ui')(file) || file === 'source/app.tsx' || isRenderFile(file);
		const eager = imports.filter(each => (under('source/commands')(each.from) || under('source/mcp')(each.from)) && each.kind !== 'dynamic' && drawing(each.file));
		assert.deepEqual(where(eager), []);
		// cli.tsx runs main.ts; main.ts loads the explorer (app.tsx) on demand, and uses flags and help; the bench drives the explorer.
		const entryUse = (each: Import) => (each.from === 'source/cli.tsx' && each.file === 'source/main.ts') || each.from === 'source/main.ts' || (under('source/bench')(each.from) && each.file === 'source/app.tsx');
		const intoEntry = imports.filter(each => isEntry(each.file) && !entryUse(each));
		assert.deepEqual(where(intoEntry), []);
	});
});

/**
 * Circles of imports known and owned elsewhere, to be broken there: each entry must match a
 * circle that exists, member for member. A new circle, or a known one that grew, fails; a known
 * one that shrank or is gone fails too, asking to update this list (it only ever shrinks).
 */
const KNOWN_CIRCLES: ReadonlyArray<{owner: string; files: readonly string[]}> = [];

describe('import circles', () => {
	const circles = importCircles(imports);
	const key = (files: readonly string[]) => [...files].sort().join(' ');
	const known = new Map(KNOWN_CIRCLES.map(entry => [key(entry.files), entry]));

	test('no circle of imports in source/ but the known ones', () => {
		const unknown = circles.filter(circle => !known.has(key(circle))).map(circle => `${circlePath(circle, imports)}   (files: ${circle.join(', ')})`);
		assert.deepEqual(unknown, [], `circles of imports:\n${unknown.join('\n')}`);
	});

	test('every known circle still exists as listed (fixed ones leave the list)', () => {
		const present = new Set(circles.map(circle => key(circle)));
		const stale = KNOWN_CIRCLES.filter(entry => !present.has(key(entry.files))).map(entry => `${entry.owner}: ${entry.files.join(', ')}`);
		assert.deepEqual(stale, [], `known circles that changed or are gone: update KNOWN_CIRCLES\n${stale.join('\n')}`);
	});

	test('the circle finder finds a circle, and its path', () => {
		const edge = (from: string, file: string): Import => ({from, file, specifier: file, kind: 'static', line: 1});
		const made = [edge('a.ts', 'b.ts'), edge('b.ts', 'c.ts'), edge('c.ts', 'a.ts'), edge('c.ts', 'd.ts'), edge('d.ts', 'd.ts')];
		assert.deepEqual(importCircles(made), [['a.ts', 'b.ts', 'c.ts'], ['d.ts']]);
		assert.equal(circlePath(['a.ts', 'b.ts', 'c.ts'], made), 'a.ts → b.ts → c.ts → a.ts');
	});
});
