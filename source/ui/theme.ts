import type {InsightLevel} from '../domain/insights.js';

/** Colours mean the same everywhere; with colour off (NO_COLOR, --no-color) they are dropped. */
export const THEME = {
	accent: 'cyan',
	muted: 'gray',
	good: 'green',
	warn: 'yellow',
	bad: 'red',
} as const;

export const INSIGHT_COLORS: Record<InsightLevel, string> = {
	high: THEME.bad,
	medium: THEME.warn,
	info: THEME.muted,
	positive: THEME.good,
};

export function rateColor(rate: number | null): string | undefined {
	if (rate === null) return undefined;
	if (rate < 0.6) return THEME.bad;
	if (rate < 0.7) return THEME.warn;
	return rate > 0.9 ? THEME.good : undefined;
}
