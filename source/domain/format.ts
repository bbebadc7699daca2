import {cutAfter} from './fit/names.js';
import {visible} from './terminal-text.js';

/** How numbers look to a person; JSON never goes through here. */
const DASH = '–';

export function formatPercent(rate: number | null | undefined): string {
	if (rate === null || rate === undefined) return DASH;
	return `${(rate * 100).toFixed(1)}%`;
}

export function formatCount(count: number | null | undefined): string {
	if (count === null || count === undefined) return DASH;
	return count.toLocaleString('en-US');
}

export function formatDecimal(value: number | null | undefined, digits = 2): string {
	if (value === null || value === undefined) return DASH;
	return value.toFixed(digits);
}

export function formatDuration(ms: number | null | undefined): string {
	if (ms === null || ms === undefined) return DASH;
	if (ms < 1) return `${Math.round(ms * 1000)}µs`;
	if (ms < 1000) return `${Math.round(ms)}ms`;
	const seconds = ms / 1000;
	if (seconds < 60) return `${seconds.toFixed(1)}s`;
	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) return `${minutes}m ${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
	return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** `2026-11-24 01:12` in the display zone: minutes are what a person compares. */
export function formatInstant(iso: string | null | undefined, zone: string): string {
	if (!iso) return DASH;
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return iso;
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone: zone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
	}).formatToParts(date);
	const part = (type: string) => parts.find(item => item.type === type)?.value ?? '';
	return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** Text cut to `width` as drawn: made visible first, so that the width counts its escapes. */
export function truncate(text: string, width: number): string {
	if (width <= 0) return '';
	const shown = visible(text);
	return shown.length <= width ? shown : `${shown.slice(0, Math.max(0, width - 1))}…`;
}

/** A path (or any text) cut in its middle to `width`, as drawn: its start and its end both stay. */
export function middleCut(text: string, width: number): string {
	return cutAfter(visible(text), width, Math.ceil((width - 1) / 2));
}

/** A clean rate; "not known" for uses none of whose outcome is known (read before outcomes were recorded). */
export function formatCleanRate(rate: number | null | undefined, uses: number): string {
	if ((rate === null || rate === undefined) && uses > 0) return 'not known';
	return formatPercent(rate);
}
