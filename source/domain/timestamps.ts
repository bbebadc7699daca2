/**
 * Timestamps as the writers produce them, turned into absolute instants (epoch microseconds).
 * Naive values are wall-clock times in the zone the writer ran in (see formats.md), so the zone
 * is a parameter, never the process's own.
 */
const TIMESTAMP =
	/^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

export type ParsedTimestamp = {ok: true; us: number} | {ok: false; message: string};

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();

function formatterFor(zone: string): Intl.DateTimeFormat {
	let formatter = offsetFormatters.get(zone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
		offsetFormatters.set(zone, formatter);
	}

	return formatter;
}

/** Offset of `zone` from UTC at the instant `ms`, in milliseconds (positive east of Greenwich). */
export function zoneOffsetMs(zone: string, ms: number): number {
	const parts = formatterFor(zone).formatToParts(new Date(ms));
	const field = (type: string) => Number(parts.find(part => part.type === type)?.value);
	const asUtc = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
	return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * The instant at which the wall clock of `zone` reads `wallMs` (wall time expressed as if UTC).
 * Like Python's fold=0: an ambiguous time (clocks going back) is its first occurrence, and a
 * time in a gap (clocks going forward) is read with the offset from before the change.
 */
export function wallClockToInstantMs(zone: string, wallMs: number): number {
	if (zone === 'UTC' || zone === 'Etc/UTC') return wallMs;
	const hourKey = `${zone}|${Math.floor(wallMs / 3_600_000)}`;
	const cached = offsetCache.get(hourKey);
	if (cached !== undefined) return wallMs - cached;
	const day = 86_400_000;
	const before = zoneOffsetMs(zone, wallMs - day);
	const after = zoneOffsetMs(zone, wallMs + day);
	if (before === after) {
		// No change within a day either side: the offset holds for the whole hour, cache it.
		offsetCache.set(hourKey, before);
		return wallMs - before;
	}

	const afterIsValid = zoneOffsetMs(zone, wallMs - after) === after;
	const beforeIsValid = zoneOffsetMs(zone, wallMs - before) === before;
	return wallMs - (beforeIsValid || !afterIsValid ? before : after);
}

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function parseTimestamp(value: unknown, naiveZone: string): ParsedTimestamp {
	if (typeof value !== 'string') return {ok: false, message: `expected a timestamp string, got ${describe(value)}`};
	const match = TIMESTAMP.exec(value.trim());
	if (!match) return {ok: false, message: `not a timestamp: ${JSON.stringify(value.slice(0, 60))}`};
	const [, y, mo, d, h, mi, s, frac, zone] = match;
	const year = Number(y);
	const month = Number(mo);
	const day = Number(d);
	const hour = Number(h);
	const minute = Number(mi);
	const second = Number(s ?? '0');
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
		return {ok: false, message: `not a valid date or time: ${JSON.stringify(value)}`};
	}

	const micros = frac ? Number(frac.padEnd(6, '0').slice(0, 6)) : 0;
	const wallMs = Date.UTC(year, month - 1, day, hour, minute, second);
	let instantMs: number;
	if (zone === undefined) {
		instantMs = wallClockToInstantMs(naiveZone, wallMs);
	} else if (zone === 'Z' || zone === 'z') {
		instantMs = wallMs;
	} else {
		const sign = zone.startsWith('-') ? -1 : 1;
		const digits = zone.slice(1).replace(':', '');
		const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0');
		if (offsetMinutes > 18 * 60) return {ok: false, message: `offset out of range: ${JSON.stringify(value)}`};
		instantMs = wallMs - sign * offsetMinutes * 60_000;
	}

	return {ok: true, us: instantMs * 1000 + micros};
}

export function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
	if (typeof value === 'number') return `the number ${value}`;
	return typeof value === 'object' ? 'an object' : typeof value;
}

/** ISO-8601 UTC with microseconds when they are not zero: `2026-03-02T10:00:00.000123Z`. */
export function formatInstantUs(us: number): string {
	const ms = Math.floor(us / 1000);
	const micros = us - ms * 1000;
	const iso = new Date(ms).toISOString();
	return micros === 0 ? iso : iso.replace('Z', `${String(micros).padStart(3, '0')}Z`);
}

export function isValidZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', {timeZone: zone});
		return true;
	} catch {
		return false;
	}
}

/** The zone's canonical name: `Etc/UTC`, `GMT` and `UTC` are one zone, and one set of rollups. */
export function canonicalZone(zone: string): string {
	return new Intl.DateTimeFormat('en-US', {timeZone: zone}).resolvedOptions().timeZone;
}

/** `tz` (the TZ variable, read at the edge) when it names a zone, else the zone the runtime reports. */
export function machineZone(tz?: string): string {
	return canonicalZone(tz && isValidZone(tz) ? tz : Intl.DateTimeFormat().resolvedOptions().timeZone);
}
