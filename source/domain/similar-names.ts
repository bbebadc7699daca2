function editDistance(a: string, b: string): number {
	let previous = Array.from({length: b.length + 1}, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
		}

		previous = current;
	}

	return previous[b.length]!;
}

/** Names a user probably meant: near in spelling, or containing what was typed. Best first. */
export function similarNames(wanted: string, known: readonly string[], limit = 3): string[] {
	const needle = wanted.toLowerCase();
	// The name itself is no suggestion: it exists, only not where (or when) it was looked for.
	const scored = known
		.filter(name => name !== wanted)
		.map(name => {
			const hay = name.toLowerCase();
			const distance = editDistance(needle, hay);
			const contains = hay.includes(needle) || needle.includes(hay);
			return {name, score: contains ? Math.min(distance, 1) : distance};
		})
		.filter(({score}) => score <= Math.max(2, Math.floor(needle.length / 3)));
	scored.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
	return scored.slice(0, limit).map(({name}) => name);
}
