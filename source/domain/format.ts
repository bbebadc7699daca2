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

/** `1 version`, `3 versions`: a count and its noun, singular for one (the explorer read `1 versions of …`). */
export function quantity(count: number, noun: string, plural = `${noun}s`): string {
	return `${formatCount(count)} ${count === 1 ? noun : plural}`;
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

/**
 * A clock a collect reports in whole milliseconds (per project): under one reads `<1ms`. A
 * project with nothing new takes a fraction of one, rounded to 0, and `formatDuration` wrote
 * that as `0µs`: a unit finer than the value, and a time nothing takes.
 */
export function formatMeasured(ms: number | null | undefined): string {
	return ms !== null && ms !== undefined && ms < 1 ? '<1ms' : formatDuration(ms);
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

/**
 * Text fitted to `width` as drawn by dropping whole words from its end, the cut marked `…`: a
 * line that cannot wrap gives way between words (`never the…` told nobody what was left out).
 * A first word wider than `width` alone is cut inside.
 */
export function fitWords(text: string, width: number): string {
	const shown = visible(text);
	if (shown.length <= width) return shown;
	if (width <= 1) return '…'.slice(0, Math.max(0, width));
	const room = shown.slice(0, width - 1);
	// The room ends at a word's end when the next character is a space; else its last word is partial.
	const end = /\s/.test(shown[width - 1]!) ? room.length : room.search(/\s\S*$/);
	const kept = end > 0 ? room.slice(0, end).replace(/[\s,;:·–-]+$/, '') : '';
	return kept ? `${kept}…` : truncate(shown, width);
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
