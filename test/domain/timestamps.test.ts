import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {formatInstantUs, parseTimestamp, wallClockToInstantMs, zoneOffsetMs} from '../../source/domain/timestamps.js';

/** Epoch microseconds of a UTC wall time, computed independently of the module. */
function utcUs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, micros = 0): number {
	return Date.UTC(year, month - 1, day, hour, minute, second) * 1000 + micros;
}

function us(value: unknown, zone = 'UTC'): number {
	const parsed = parseTimestamp(value, zone);
	assert.ok(parsed.ok, `expected ${JSON.stringify(value)} to parse: ${parsed.ok ? '' : parsed.message}`);
	return parsed.us;
}

const HOUR_US = 3_600_000_000;

describe('parseTimestamp: the forms formats.md accepts', () => {
	test('naive ISO with microseconds keeps all six digits', () => {
		assert.equal(us('2026-11-24T01:12:35.660193'), utcUs(2026, 11, 24, 1, 12, 35, 660_193));
	});

	test('microseconds are optional, and shorter fractions are scaled, not read as microseconds', () => {
		assert.equal(us('2026-11-24T01:12:35'), utcUs(2026, 11, 24, 1, 12, 35));
		assert.equal(us('2026-11-24T01:12:35.5'), utcUs(2026, 11, 24, 1, 12, 35, 500_000));
		assert.equal(us('2026-11-24T01:12:35.123'), utcUs(2026, 11, 24, 1, 12, 35, 123_000));
		// Beyond microseconds the key's precision ends: the extra digits are dropped.
		assert.equal(us('2026-11-24T01:12:35.123456789'), utcUs(2026, 11, 24, 1, 12, 35, 123_456));
	});

	test('Z and offsets give the same instant whatever the naive zone', () => {
		const instant = utcUs(2026, 9, 14, 8, 2, 11, 418_203);
		assert.equal(us('2026-09-14T08:02:11.418203+00:00', 'America/New_York'), instant);
		assert.equal(us('2026-09-14T08:02:11.418203Z', 'Asia/Tokyo'), instant);
		assert.equal(us('2026-09-14T00:02:11.418203-08:00'), instant);
		assert.equal(us('2026-09-14T13:32:11.418203+05:30'), instant);
		assert.equal(us('2026-09-14T13:32:11.418203+0530'), instant);
	});

	test("SQLite's `YYYY-MM-DD HH:MM:SS` is a naive time", () => {
		assert.equal(us('2026-11-01 08:10:00'), utcUs(2026, 11, 1, 8, 10));
		assert.equal(us('2026-11-01 08:10:00', 'Europe/Berlin'), utcUs(2026, 11, 1, 7, 10));
	});

	test('naive values are wall-clock times of the given zone, daylight saving included', () => {
		// New York: EST (UTC-5) in winter, EDT (UTC-4) in summer.
		assert.equal(us('2026-11-24T01:12:35.660193', 'America/New_York'), utcUs(2026, 11, 24, 6, 12, 35, 660_193));
		assert.equal(us('2026-07-01T12:00:00', 'America/New_York'), utcUs(2026, 7, 1, 16));
		// Berlin: CET (UTC+1) in winter: the local day starts an hour before the UTC day.
		assert.equal(us('2026-03-02T00:30:00', 'Europe/Berlin'), utcUs(2026, 3, 1, 23, 30));
		assert.equal(us('2026-03-02T00:30:00', 'UTC'), utcUs(2026, 3, 2, 0, 30));
	});

	test('a time skipped by clocks going forward is read with the offset from before (Python fold=0)', () => {
		// 2026-03-08 02:00 EST → 03:00 EDT in New York: 02:30 never happened; read as EST.
		assert.equal(us('2026-03-08T02:30:00', 'America/New_York'), utcUs(2026, 3, 8, 7, 30));
		assert.equal(us('2026-03-08T03:30:00', 'America/New_York'), utcUs(2026, 3, 8, 7, 30));
	});

	test('a time repeated by clocks going back is its first occurrence (Python fold=0)', () => {
		// 2026-11-01 02:00 EDT → 01:00 EST: 01:30 happens twice, first at 05:30Z.
		assert.equal(us('2026-11-01T01:30:00', 'America/New_York'), utcUs(2026, 11, 1, 5, 30));
		assert.equal(us('2026-11-01T02:30:00', 'America/New_York'), utcUs(2026, 11, 1, 7, 30));
	});

	test('surrounding whitespace is tolerated', () => {
		assert.equal(us('  2026-01-01T00:00:00Z \n'), utcUs(2026, 1, 1));
	});
});

describe('parseTimestamp: what is rejected', () => {
	const rejected: Array<[string, unknown]> = [
		['missing', undefined],
		['null', null],
		['a number', 1_764_000_000],
		['an empty string', ''],
		['a date without a time', '2026-11-24'],
		['free text', 'yesterday at noon'],
		['February 30th', '2026-02-30T10:00:00'],
		['February 29th of a common year', '2027-02-29T10:00:00'],
		['hour 24', '2026-01-01T24:00:00'],
		['minute 60', '2026-01-01T10:60:00'],
		['month 13', '2026-13-01T10:00:00'],
		['an offset beyond ±18h', '2026-01-01T10:00:00+19:00'],
	];
	for (const [what, value] of rejected) {
		test(`${what}`, () => {
			const parsed = parseTimestamp(value, 'UTC');
			assert.equal(parsed.ok, false);
			assert.ok(!parsed.ok && parsed.message.length > 0);
		});
	}

	test('February 29th of a leap year is accepted', () => {
		assert.equal(us('2028-02-29T10:00:00Z'), utcUs(2028, 2, 29, 10));
	});
});

describe('zone arithmetic', () => {
	test('zoneOffsetMs is positive east of Greenwich and follows daylight saving', () => {
		assert.equal(zoneOffsetMs('Europe/Berlin', Date.UTC(2026, 0, 15)), 3_600_000);
		assert.equal(zoneOffsetMs('Europe/Berlin', Date.UTC(2026, 6, 15)), 7_200_000);
		assert.equal(zoneOffsetMs('America/New_York', Date.UTC(2026, 0, 15)), -5 * 3_600_000);
		assert.equal(zoneOffsetMs('Asia/Kolkata', Date.UTC(2026, 0, 15)), 5.5 * 3_600_000);
	});

	test('wallClockToInstantMs is the inverse of the offset away from transitions', () => {
		assert.equal(wallClockToInstantMs('Asia/Kolkata', Date.UTC(2026, 0, 15, 12)), Date.UTC(2026, 0, 15, 6, 30));
		assert.equal(wallClockToInstantMs('UTC', Date.UTC(2026, 0, 15, 12)), Date.UTC(2026, 0, 15, 12));
		// The same wall hour twice (cached the second time) gives the same instant.
		const first = wallClockToInstantMs('Europe/Berlin', Date.UTC(2026, 4, 5, 9));
		assert.equal(wallClockToInstantMs('Europe/Berlin', Date.UTC(2026, 4, 5, 9)), first);
		assert.equal(first, Date.UTC(2026, 4, 5, 7));
	});
});

describe('formatInstantUs', () => {
	test('ISO-8601 UTC, with microseconds only when there are some', () => {
		assert.equal(formatInstantUs(utcUs(2026, 3, 2, 10)), '2026-03-02T10:00:00.000Z');
		assert.equal(formatInstantUs(utcUs(2026, 3, 2, 10, 0, 0, 123)), '2026-03-02T10:00:00.000123Z');
		assert.equal(formatInstantUs(utcUs(2026, 11, 24, 1, 12, 35, 660_193)), '2026-11-24T01:12:35.660193Z');
	});

	test('round-trips through parseTimestamp to the microsecond', () => {
		const instant = utcUs(2026, 10, 1, 17, 30, 42, 1);
		assert.equal(us(formatInstantUs(instant), 'America/New_York'), instant);
		assert.equal(us(formatInstantUs(instant + 5 * HOUR_US)), instant + 5 * HOUR_US);
	});
});
