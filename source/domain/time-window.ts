export const WINDOWS = ['daily', 'weekly', 'monthly', 'all'] as const;
export type TimeWindow = (typeof WINDOWS)[number];

/** Bucket of `all`: one bucket, dated at the epoch so that no key holds a NULL. */
export const ALL_BUCKET = '1970-01-01';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isTimeWindow(value: string): value is TimeWindow {
	return (WINDOWS as readonly string[]).includes(value);
}

function toDate(day: string): Date {
	return new Date(`${day}T00:00:00Z`);
}

function fromDate(date: Date): string {
	return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
	const date = toDate(day);
	date.setUTCDate(date.getUTCDate() + days);
	return fromDate(date);
}

/** The calendar date that `instant` falls on in `zone`. */
export function localDate(instant: Date, zone: string): string {
	return new Intl.DateTimeFormat('en-CA', {timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit'}).format(instant);
}

/** Start of the bucket of `window` holding the local date `day`: weeks start on Monday. */
export function bucketStart(window: TimeWindow, day: string): string {
	switch (window) {
		case 'daily': {
			return day;
		}

		case 'weekly': {
			const weekday = toDate(day).getUTCDay();
			return addDays(day, -((weekday + 6) % 7));
		}

		case 'monthly': {
			return `${day.slice(0, 8)}01`;
		}

		case 'all': {
			return ALL_BUCKET;
		}
	}
}

/** The bucket before (-1) or after (+1) the one starting at `start`. */
export function stepBucket(window: TimeWindow, start: string, steps: number): string {
	switch (window) {
		case 'daily': {
			return addDays(start, steps);
		}

		case 'weekly': {
			return addDays(start, 7 * steps);
		}

		case 'monthly': {
			const date = toDate(start);
			date.setUTCMonth(date.getUTCMonth() + steps);
			return fromDate(date);
		}

		case 'all': {
			return ALL_BUCKET;
		}
	}
}

/** Last day of the bucket starting at `start` (inclusive). */
export function bucketEnd(window: TimeWindow, start: string): string | undefined {
	return window === 'all' ? undefined : addDays(stepBucket(window, start, 1), -1);
}

/**
 * A date as users type it: `2026-11-24`, `today`, `yesterday`, or `30d` (30 days ago), read in
 * the display zone. Undefined when it is none of those.
 */
export function parseDay(value: string, now: Date, zone: string): string | undefined {
	const today = localDate(now, zone);
	const text = value.trim().toLowerCase();
	if (text === 'today') return today;
	if (text === 'yesterday') return addDays(today, -1);
	const relative = /^(\d{1,5})d$/.exec(text);
	if (relative) return addDays(today, -Number(relative[1]));
	const match = DATE.exec(text);
	if (!match) return undefined;
	const date = toDate(text);
	return Number.isNaN(date.getTime()) || fromDate(date) !== text ? undefined : text;
}

/** A bucket's position counted in steps of `window` from the epoch: differences are bucket counts. */
export function bucketIndex(window: Exclude<TimeWindow, 'all'>, start: string): number {
	const date = toDate(start);
	switch (window) {
		case 'daily': {
			return Math.round(date.getTime() / 86_400_000);
		}

		case 'weekly': {
			return Math.floor(Math.round(date.getTime() / 86_400_000) / 7);
		}

		case 'monthly': {
			return (date.getUTCFullYear() - 1970) * 12 + date.getUTCMonth();
		}
	}
}
