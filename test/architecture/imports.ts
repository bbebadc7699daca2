import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/*
 * Every import of every file under source/, read with TypeScript's own parser: static imports
 * and re-exports, type-only ones, and dynamic import() calls, each resolved to a file of ours or
 * left as a package name.
 */

export type ImportKind = 'static' | 'type' | 'dynamic';

export interface Import {
	/** The importing file, relative to the repository, e.g. `source/cli.tsx`. */
	from: string;
	specifier: string;
	/** The file of ours it names (relative to the repository), or undefined for a package or node: module. */
	file?: string;
	kind: ImportKind;
	line: number;
}

export function sourceFiles(root: string, directory = 'source'): string[] {
	return readdirSync(path.join(root, directory), {withFileTypes: true}).flatMap(entry => {
		const relative = path.posix.join(directory, entry.name);
		if (entry.isDirectory()) return sourceFiles(root, relative);
		return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [relative] : [];
	});
}

/** `./x.js` from `source/a/b.ts` is `source/a/x.ts` or `.tsx`, whichever exists. */
function resolve(from: string, specifier: string, known: ReadonlySet<string>): string | undefined {
	if (!specifier.startsWith('.')) return undefined;
	const base = path.posix.join(path.posix.dirname(from), specifier).replace(/\.js$/, '');
	return [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find(candidate => known.has(candidate)) ?? `${base} (missing)`;
}

export function importsOf(root: string, file: string, known: ReadonlySet<string>): Import[] {
	const text = readFileSync(path.join(root, file), 'utf8');
	const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
	const found: Import[] = [];
	const add = (node: ts.Node, specifier: ts.Expression | undefined, kind: ImportKind) => {
		if (!specifier || !ts.isStringLiteralLike(specifier)) return;
		const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
		found.push({from: file, specifier: specifier.text, file: resolve(file, specifier.text, known), kind, line});
	};

	const visit = (node: ts.Node): void => {
		if (ts.isImportDeclaration(node)) {
			add(node, node.moduleSpecifier, node.importClause?.isTypeOnly ? 'type' : 'static');
		} else if (ts.isExportDeclaration(node)) {
			add(node, node.moduleSpecifier, node.isTypeOnly ? 'type' : 'static');
		} else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
			add(node, node.arguments[0], 'dynamic');
		} else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
			add(node, node.argument.literal, 'type');
		}

		ts.forEachChild(node, visit);
	};

	visit(source);
	return found;
}

export function allImports(root: string): Import[] {
	const files = sourceFiles(root);
	const known = new Set(files);
	return files.flatMap(file => importsOf(root, file, known));
}

/** Strongly connected groups of files (Tarjan): each group of two or more is a circle of imports. */
export function importCircles(imports: readonly Import[]): string[][] {
	const edges = new Map<string, Set<string>>();
	for (const {from, file} of imports) {
		if (file === undefined) continue;
		if (!edges.has(from)) edges.set(from, new Set());
		edges.get(from)!.add(file);
	}

	let counter = 0;
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const groups: string[][] = [];
	const connect = (node: string): void => {
		index.set(node, counter);
		low.set(node, counter);
		counter += 1;
		stack.push(node);
		onStack.add(node);
		for (const next of edges.get(node) ?? []) {
			if (!index.has(next)) {
				connect(next);
				low.set(node, Math.min(low.get(node)!, low.get(next)!));
			} else if (onStack.has(next)) {
				low.set(node, Math.min(low.get(node)!, index.get(next)!));
			}
		}

		if (low.get(node) === index.get(node)) {
			const group: string[] = [];
			let member: string;
			do {
				member = stack.pop()!;
				onStack.delete(member);
				group.push(member);
			} while (member !== node);
			if (group.length > 1 || edges.get(node)?.has(node)) groups.push(group.sort());
		}
	};

	for (const node of [...edges.keys()].sort()) if (!index.has(node)) connect(node);
	return groups.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** One circle through `group` as a readable path: a → b → c → a (the shortest back to its first file). */
export function circlePath(group: readonly string[], imports: readonly Import[]): string {
	const members = new Set(group);
	const start = group[0]!;
	const previous = new Map<string, string>();
	const queue = [start];
	while (queue.length > 0) {
		const node = queue.shift()!;
		for (const {file} of imports.filter(each => each.from === node && each.file !== undefined && members.has(each.file))) {
			if (file === start) {
				const chain = [node];
				while (chain[0] !== start) chain.unshift(previous.get(chain[0]!)!);
				return [...chain, start].join(' → ');
			}

			if (!previous.has(file!)) {
				previous.set(file!, node);
				queue.push(file!);
			}
		}
	}

	return group.join(', ');
}
