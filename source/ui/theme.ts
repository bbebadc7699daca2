/** Colours mean the same everywhere; with colour off (NO_COLOR, --no-color) they are dropped. */
export const THEME = {
	accent: 'cyan',
	muted: 'gray',
	good: 'green',
	warn: 'yellow',
	bad: 'red',
} as const;
