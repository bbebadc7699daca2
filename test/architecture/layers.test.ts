import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {REPO} from '../helpers/run-cli.js';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {allImports, circlePath, type Import, importCircles, sourceFiles} from './imports.js';

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
		const allowed = (each: Import) => under('source/ui')(each.from) || each.from === 'source/app.tsx' || isRenderFile(each.from);
		assert.deepEqual(where(imports.filter(each => isUiPackage(each.specifier) && !allowed(each))), []);
	});

	test('DuckDB\'s binding is loaded through data/store/duckdb.ts only (an ESM import of it costs 150-200 ms of a start-up)', () => {
		const direct = imports.filter(each => each.specifier === '@duckdb/node-api' && each.kind !== 'type' && each.from !== 'source/data/store/duckdb.ts');
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
		// cli.tsx runs main.ts; main.ts loads the explorer (app.tsx) on demand, and uses flags and help.
		const entryUse = (each: Import) => (each.from === 'source/cli.tsx' && each.file === 'source/main.ts') || each.from === 'source/main.ts';
		const intoEntry = imports.filter(each => isEntry(each.file) && !entryUse(each));
		assert.deepEqual(where(intoEntry), []);
	});
});

/*
 * The rooms of data/ and formats/ (ARCHITECTURE.md): each arrow here is one the map draws, and
 * only those. A new arrow between rooms is a design change: draw it there first, then here.
 */
const room = (prefix: string) => (each: Import) => under(prefix)(each.from);
const into = (each: Import, ...prefixes: string[]) => prefixes.some(prefix => under(prefix)(each.file));

describe('rooms', () => {
	test('errors.ts imports nothing of ours: every layer may throw its errors', () => {
		assert.deepEqual(where(imports.filter(each => each.from === 'source/errors.ts' && each.file)), []);
	});

	test('the store (data/store) is the bottom of data: it imports no other room of data', () => {
		const found = imports.filter(each => room('source/data/store')(each) && into(each, 'source/data') && !into(each, 'source/data/store'));
		assert.deepEqual(where(found), []);
	});

	test('the two sources stay apart: data/trackers and data/transcripts never import each other, and know a collect by its contract only', () => {
		const contract = ['source/data/collect/types.ts', 'source/data/collect/ranges.ts', 'source/data/collect/tuning.ts', 'source/data/collect/threads.ts'];
		const sources = imports.filter(each => room('source/data/trackers')(each) || room('source/data/transcripts')(each));
		const crossed = sources.filter(each => (room('source/data/trackers')(each) && into(each, 'source/data/transcripts')) || (room('source/data/transcripts')(each) && into(each, 'source/data/trackers')));
		const orchestrator = sources.filter(each => into(each, 'source/data/collect') && !contract.includes(each.file!));
		assert.deepEqual(where([...crossed, ...orchestrator]), []);
	});

	test('the formats of each source stay apart: formats/transcripts, formats/trackers and formats/skills share only formats/ itself', () => {
		const rooms = ['source/formats/transcripts', 'source/formats/trackers', 'source/formats/skills'];
		const crossed = imports.filter(each => rooms.some(prefix => room(prefix)(each) && rooms.some(other => other !== prefix && into(each, other))));
		assert.deepEqual(where(crossed), []);
	});

	test('readers ask the rollups façade (data/rollups/fresh.ts); only writers refresh rollups themselves', () => {
		const writers = ['source/data/rollups', 'source/data/collect', 'source/data/lake', 'source/data/team', 'source/data/prune', 'source/commands/aggregate.ts'];
		const refreshing = sourceFiles(REPO).filter(file => !writers.some(prefix => under(prefix)(file)) && /\b(refreshAggregates|refreshWorkflows)\b/.test(readFileSync(path.join(REPO, file), 'utf8')));
		assert.deepEqual(refreshing, []);
	});

	test('the environment is read at the edge only (environment.ts and the entry points), and passed down', () => {
		const edge = ['source/environment.ts', 'source/runtime-env.ts', 'source/main.ts', 'source/io.ts', 'source/config-path.ts'];
		const reading = sourceFiles(REPO).filter(file => !edge.includes(file) && /\bprocess\.env\b|\bhomedir\(/.test(readFileSync(path.join(REPO, file), 'utf8').replaceAll(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')));
		assert.deepEqual(reading, []);
	});

	test('only data/team imports pg (the one networking package), and only commands/team.ts loads data/team, on demand', () => {
		const network = imports.filter(each => /^pg($|-|\/)/.test(each.specifier) && !room('source/data/team')(each));
		assert.deepEqual(where(network), []);
		const isTeamCommand = (file: string) => file === 'source/commands/team.ts' || file === 'source/commands/team-text.ts';
		const loading = imports.filter(each => into(each, 'source/data/team') && !room('source/data/team')(each) && each.kind !== 'type' && !(isTeamCommand(each.from) && each.kind === 'dynamic'));
		assert.deepEqual(where(loading), []);
	});

	test('the product never imports the bench (bench/ sits beside source/, out of the package)', () => {
		assert.deepEqual(where(imports.filter(each => /(^|\/)bench\//.test(each.file ?? each.specifier))), []);
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
