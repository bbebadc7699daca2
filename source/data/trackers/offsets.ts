import {wallClockToInstantMs, zoneOffsetMs} from '../../domain/timestamps.js';
import type {Database} from '../store/database.js';

/**
 * UTC offsets of the naive zone for the rows of `fast_raw` (trackers/fast-path.ts), from
 * timestamps.ts, so that ambiguous and skipped wall times are read as Python's fold=0.
 */

const HOUR_US = 3_600_000_000;

/** Per zone and wall-clock hour: its one offset, or null when a transition is within a day of it. */
const hourOffsets = new Map<string, number | null>();

function stableHourOffset(zone: string, hour: number): number | null {
	if (zone === 'UTC' || zone === 'Etc/UTC') return 0;
	const key = `${zone}|${hour}`;
	let offset = hourOffsets.get(key);
	if (offset === undefined) {
		const day = 86_400_000;
		const start = hour * 3_600_000;
		const probes = [start - day, start, start + 3_600_000, start + 3_600_000 + day].map(ms => zoneOffsetMs(zone, ms));
		// The same offset from a day before the hour to a day after it: every wall time in the hour
		// is read with it, as wallClockToInstantMs does.
		offset = probes.every(value => value === probes[0]) ? probes[0]! : null;
		hourOffsets.set(key, offset);
	}

	return offset;
}

/** Offsets of the naive zone (ms) per wall-clock hour, or per wall second in hours near a transition. */
export async function stageOffsets(database: Database, zone: string): Promise<void> {
	await database.run(`CREATE OR REPLACE TEMP TABLE fast_hours (hour BIGINT PRIMARY KEY, offset_ms BIGINT)`);
	await database.run(`CREATE OR REPLACE TEMP TABLE fast_seconds (wall_s BIGINT PRIMARY KEY, offset_ms BIGINT)`);
	const hours = await database.all<{hour: number}>(`SELECT DISTINCT (wall_us // ${HOUR_US})::DOUBLE AS hour FROM fast_raw WHERE offset_min IS NULL`);
	if (hours.length === 0) return;
	const unstable: number[] = [];
	const appender = await database.connection.createAppender('fast_hours', 'main', 'temp');
	for (const {hour} of hours) {
		const offset = stableHourOffset(zone, hour);
		if (offset === null) {
			unstable.push(hour);
		} else {
			appender.appendBigInt(BigInt(hour));
			appender.appendBigInt(BigInt(offset));
			appender.endRow();
		}
	}

	appender.flushSync();
	appender.closeSync();
	if (unstable.length === 0) return;
	await database.run(`CREATE OR REPLACE TEMP TABLE fast_unstable AS SELECT unnest(string_split($hours, ','))::BIGINT AS hour`, {hours: unstable.join(',')});
	const seconds = await database.all<{wall_s: number}>(
		`SELECT DISTINCT (wall_us // 1000000)::DOUBLE AS wall_s FROM fast_raw
		WHERE offset_min IS NULL AND wall_us // ${HOUR_US} IN (SELECT hour FROM fast_unstable)`,
	);
	const exact = await database.connection.createAppender('fast_seconds', 'main', 'temp');
	for (const {wall_s: wallS} of seconds) {
		const wallMs = wallS * 1000;
		exact.appendBigInt(BigInt(wallS));
		exact.appendBigInt(BigInt(wallMs - wallClockToInstantMs(zone, wallMs)));
		exact.endRow();
	}

	exact.flushSync();
	exact.closeSync();
}
