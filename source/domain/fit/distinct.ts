/*
 * The one rule of a fitted column (issue 27): two different texts never render the same. A column
 * is fitted whole: each text gets its first cut, and where different texts collide they are cut
 * again, all alike while that tells them apart (the column stays even), else each on its own, and
 * last (only for texts that differ nowhere a cut can show) numbered.
 */

type Cut = (text: string) => string;

/** The renders of `texts` made distinct: `first` is each one's preferred cut, `alternatives` the others in order. */
export function distinctColumn(texts: readonly string[], width: number, first: readonly string[], alternatives: (text: string) => readonly Cut[]): string[] {
	const renders = new Map(texts.map((text, index) => [text, first[index]!]));
	for (const group of collisions(renders)) {
		const used = new Set([...renders].filter(([text]) => !group.includes(text)).map(([, render]) => render));
		const fitted = alike(group, used, alternatives) ?? oneByOne(group, used, alternatives, width);
		for (const [text, render] of fitted) renders.set(text, render);
	}

	return texts.map(text => renders.get(text)!);
}

/** The sets of different texts that render the same, each sorted (a column fits the same whatever its order). */
function collisions(renders: ReadonlyMap<string, string>): string[][] {
	const byRender = new Map<string, string[]>();
	for (const [text, render] of renders) byRender.set(render, [...(byRender.get(render) ?? []), text]);
	return [...byRender.values()].filter(group => group.length > 1).map(group => group.sort());
}

/** The first alternative that, applied to every text of the group, tells them all apart. */
function alike(group: readonly string[], used: ReadonlySet<string>, alternatives: (text: string) => readonly Cut[]): Map<string, string> | undefined {
	const cuts = group.map(text => alternatives(text));
	const most = Math.max(...cuts.map(list => list.length));
	for (let index = 0; index < most; index++) {
		const renders = group.map((text, at) => (cuts[at]![index] ?? cuts[at]!.at(-1))?.(text) ?? text);
		if (new Set(renders).size === group.length && !renders.some(render => used.has(render))) return new Map(group.map((text, at) => [text, renders[at]!]));
	}

	return undefined;
}

/** Each text its own first alternative that is still free, else its end replaced by a number. */
function oneByOne(group: readonly string[], used: ReadonlySet<string>, alternatives: (text: string) => readonly Cut[], width: number): Map<string, string> {
	const taken = new Set(used);
	const fitted = new Map<string, string>();
	for (const text of group) {
		const render = alternatives(text).map(cut => cut(text)).find(candidate => !taken.has(candidate)) ?? numbered(text, width, taken);
		taken.add(render);
		fitted.set(text, render);
	}

	return fitted;
}

function numbered(text: string, width: number, taken: ReadonlySet<string>): string {
	for (let number = 2; ; number++) {
		const tag = `#${number}`;
		const render = width > tag.length ? `${text.slice(0, width - 1 - tag.length)}…${tag}` : `${text}${tag}`;
		if (!taken.has(render)) return render;
	}
}
