import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {
	ALL_BUCKET,
	addDays,
	bucketEnd,
	bucketStart,
	isTimeWindow,
	localDate,
	parseDay,
	stepBucket,
} from '../../source/domain/time-window.js';

describe('bucketStart', () => {
	test('daily: the day itself', () => {
		assert.equal(bucketStart('daily', '2026-03-01'), '2026-03-01');
	});

	test('weekly: weeks start on Monday', () => {
		// 2026-03-02 is a Monday.
		assert.equal(bucketStart('weekly', '2026-03-02'), '2026-03-02');
		assert.equal(bucketStart('weekly', '2026-03-04'), '2026-03-02');
		// Saturday and Sunday belong to the week of the Monday before them.
		assert.equal(bucketStart('weekly', '2026-03-07'), '2026-03-02');
		assert.equal(bucketStart('weekly', '2026-03-08'), '2026-03-02');
		assert.equal(bucketStart('weekly', '2026-03-01'), '2026-02-23');
	});

	test('weekly: a week can start in the previous month or year', () => {
		// 2027-01-01 is a Friday; its Monday is 2026-12-28.
		assert.equal(bucketStart('weekly', '2027-01-01'), '2026-12-28');
		assert.equal(bucketStart('weekly', '2027-01-03'), '2026-12-28');
		assert.equal(bucketStart('weekly', '2027-01-04'), '2027-01-04');
	});

	test('monthly: the first of the month', () => {
		assert.equal(bucketStart('monthly', '2026-02-28'), '2026-02-01');
		assert.equal(bucketStart('monthly', '2026-12-31'), '2026-12-01');
	});

	test('all: one bucket', () => {
		assert.equal(bucketStart('all', '2026-02-28'), ALL_BUCKET);
		assert.equal(bucketStart('all', '1999-01-01'), ALL_BUCKET);
	});
});

describe('stepping and ends', () => {
	test('stepBucket moves one bucket of each window', () => {
		assert.equal(stepBucket('daily', '2026-02-28', 1), '2026-03-01');
		assert.equal(stepBucket('daily', '2028-02-28', 1), '2028-02-29');
		assert.equal(stepBucket('weekly', '2026-12-28', 1), '2027-01-04');
		assert.equal(stepBucket('weekly', '2026-03-02', -1), '2026-02-23');
		assert.equal(stepBucket('monthly', '2026-12-01', 1), '2027-01-01');
		assert.equal(stepBucket('monthly', '2026-03-01', -1), '2026-02-01');
		assert.equal(stepBucket('all', ALL_BUCKET, 1), ALL_BUCKET);
	});

	test('bucketEnd is the last day inside the bucket', () => {
		assert.equal(bucketEnd('daily', '2026-03-01'), '2026-03-01');
		assert.equal(bucketEnd('weekly', '2026-03-02'), '2026-03-08');
		assert.equal(bucketEnd('monthly', '2026-02-01'), '2026-02-28');
		assert.equal(bucketEnd('monthly', '2028-02-01'), '2028-02-29');
		assert.equal(bucketEnd('monthly', '2026-12-01'), '2026-12-31');
		assert.equal(bucketEnd('all', ALL_BUCKET), undefined);
	});

	test('addDays crosses months and years', () => {
		assert.equal(addDays('2026-12-31', 1), '2027-01-01');
		assert.equal(addDays('2026-03-01', -1), '2026-02-28');
	});
});

describe('localDate: the calendar day in the display zone', () => {
	const instant = new Date('2026-03-01T23:30:00Z');
	test('the same instant is on different days in different zones', () => {
		assert.equal(localDate(instant, 'UTC'), '2026-03-01');
		assert.equal(localDate(instant, 'Europe/Berlin'), '2026-03-02');
		assert.equal(localDate(new Date('2026-03-02T03:00:00Z'), 'America/Los_Angeles'), '2026-03-01');
	});
});

describe('parseDay', () => {
	// 23:30 UTC on Sunday 1 March is already Monday 2 March in Berlin.
	const now = new Date('2026-03-01T23:30:00Z');
	test('today, yesterday and Nd are read in the display zone', () => {
		assert.equal(parseDay('today', now, 'UTC'), '2026-03-01');
		assert.equal(parseDay('today', now, 'Europe/Berlin'), '2026-03-02');
		assert.equal(parseDay('Yesterday', now, 'UTC'), '2026-02-28');
		assert.equal(parseDay('30d', now, 'UTC'), '2026-01-30');
		assert.equal(parseDay('0d', now, 'Europe/Berlin'), '2026-03-02');
	});

	test('a calendar date is taken as written', () => {
		assert.equal(parseDay('2026-11-24', now, 'UTC'), '2026-11-24');
		assert.equal(parseDay(' 2028-02-29 ', now, 'UTC'), '2028-02-29');
	});

	test('anything else is undefined', () => {
		for (const value of ['2026-02-30', '2026-13-01', '24/11/2026', 'last week', '-3d', '', '2026-1-1']) {
			assert.equal(parseDay(value, now, 'UTC'), undefined, value);
		}
	});
});

test('isTimeWindow knows the four windows and nothing else', () => {
	for (const window of ['daily', 'weekly', 'monthly', 'all']) assert.equal(isTimeWindow(window), true);
	for (const window of ['yearly', 'Daily', '', 'week']) assert.equal(isTimeWindow(window), false);
});
