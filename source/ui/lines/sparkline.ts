const BARS = '▁▂▃▄▅▆▇█';

/** One character per value, scaled to the largest; a missing value is a space. */
export function sparkline(values: ReadonlyArray<number | null>, max?: number): string {
	const top = max ?? Math.max(0, ...values.filter((value): value is number => value !== null));
	return values
		.map(value => {
			if (value === null) return ' ';
			if (top <= 0) return BARS[0];
			return BARS[Math.min(BARS.length - 1, Math.round((value / top) * (BARS.length - 1)))];
		})
		.join('');
}
