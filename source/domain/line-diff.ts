/*
 * A line diff of two skill bodies (outcomes.md: lines added and removed, and the diff itself on
 * request). Myers' O((N+M)·D) algorithm after the common head and tail are set aside: an edit to
 * a SKILL.md touches a few lines of a few hundred, so D is small and the work with it. Written
 * here rather than taken from a package: about a hundred lines, and domain/ imports no package.
 */

export type DiffKind = 'same' | 'add' | 'remove';

export interface DiffLine {
	kind: DiffKind;
	text: string;
}

/** Myers' shortest edit script of `a` into `b`, as lines kept, removed and added, in order. */
function middle(a: readonly string[], b: readonly string[]): DiffLine[] {
	const n = a.length;
	const m = b.length;
	const max = n + m;
	// trace[d] is V after step d, stored for k in −d..d only (index k + d): D² numbers in all.
	const trace: Int32Array[] = [];
	let previous = new Int32Array([0, 0]);
	let found = -1;
	for (let d = 0; d <= max && found < 0; d++) {
		const v = new Int32Array(2 * d + 1);
		const at = (k: number) => (k < -(d - 1) || k > d - 1 ? -1 : previous[k + d - 1]!);
		for (let k = -d; k <= d; k += 2) {
			let x = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? at(k + 1) : at(k - 1) + 1;
			if (d === 0) x = 0;
			let y = x - k;
			while (x < n && y < m && a[x] === b[y]) {
				x++;
				y++;
			}

			v[k + d] = x;
			if (x >= n && y >= m) found = d;
		}

		trace.push(v);
		previous = v;
	}

	return backtrack(a, b, trace);
}

/** Walks the stored steps back from the end, collecting the snakes and the one edit of each step. */
function backtrack(a: readonly string[], b: readonly string[], trace: readonly Int32Array[]): DiffLine[] {
	const out: DiffLine[] = [];
	let x = a.length;
	let y = b.length;
	for (let d = trace.length - 1; d > 0; d--) {
		const v = trace[d - 1]!;
		const at = (k: number) => (k < -(d - 1) || k > d - 1 ? -1 : v[k + d - 1]!);
		const k = x - y;
		const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
		const previousK = down ? k + 1 : k - 1;
		const previousX = at(previousK);
		const previousY = previousX - previousK;
		while (x > previousX + (down ? 0 : 1) && y > previousY + (down ? 1 : 0)) {
			out.push({kind: 'same', text: a[--x]!});
			y--;
		}

		if (down) out.push({kind: 'add', text: b[--y]!});
		else out.push({kind: 'remove', text: a[--x]!});
	}

	while (x > 0 && y > 0) {
		out.push({kind: 'same', text: a[--x]!});
		y--;
	}

	return out.reverse();
}

/** Every line of `a` and `b` as kept, removed or added. */
export function diffLines(a: readonly string[], b: readonly string[]): DiffLine[] {
	let head = 0;
	while (head < a.length && head < b.length && a[head] === b[head]) head++;
	let tail = 0;
	while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
	const same = (lines: readonly string[]) => lines.map((text): DiffLine => ({kind: 'same', text}));
	return [...same(a.slice(0, head)), ...middle(a.slice(head, a.length - tail), b.slice(head, b.length - tail)), ...same(a.slice(a.length - tail))];
}

/** A body's lines: `\n` separates them (bodies are normalized, outcomes.md); an empty body has none. */
export const linesOf = (text: string): string[] => (text === '' ? [] : text.split('\n'));

export function lineChanges(from: string, to: string): {added: number; removed: number} {
	const lines = diffLines(linesOf(from), linesOf(to));
	return {added: lines.filter(line => line.kind === 'add').length, removed: lines.filter(line => line.kind === 'remove').length};
}

/** GNU's range of a hunk side: `start,count`, `start` alone for one line, the line before for none. */
function range(start: number, count: number): string {
	if (count === 1) return String(start + 1);
	return `${count === 0 ? start : start + 1},${count}`;
}

/**
 * The unified diff (`diff -u`, `context` lines around each change) of `from` into `to`, headed
 * `--- fromName` / `+++ toName`; the empty string when they are equal.
 */
export function unifiedDiff(from: string, to: string, names: {from: string; to: string}, context = 3): string {
	const lines = diffLines(linesOf(from), linesOf(to));
	const changed = lines.flatMap((line, index) => (line.kind === 'same' ? [] : [index]));
	if (changed.length === 0) return '';
	const out = [`--- ${names.from}`, `+++ ${names.to}`];
	// Positions in each text before every line of the diff.
	const oldAt: number[] = [];
	const newAt: number[] = [];
	let oldLine = 0;
	let newLine = 0;
	for (const line of lines) {
		oldAt.push(oldLine);
		newAt.push(newLine);
		if (line.kind !== 'add') oldLine++;
		if (line.kind !== 'remove') newLine++;
	}

	let index = 0;
	while (index < changed.length) {
		const start = Math.max(0, changed[index]! - context);
		let last = changed[index]!;
		// Changes whose contexts touch share one hunk.
		while (index + 1 < changed.length && changed[index + 1]! - last <= 2 * context) last = changed[++index]!;
		const end = Math.min(lines.length, last + context + 1);
		const hunk = lines.slice(start, end);
		const oldCount = hunk.filter(line => line.kind !== 'add').length;
		const newCount = hunk.filter(line => line.kind !== 'remove').length;
		out.push(`@@ -${range(oldAt[start]!, oldCount)} +${range(newAt[start]!, newCount)} @@`);
		for (const line of hunk) out.push(`${line.kind === 'same' ? ' ' : line.kind === 'add' ? '+' : '-'}${line.text}`);
		index++;
	}

	return `${out.join('\n')}\n`;
}
