import {wallClockToInstantMs, zoneOffsetMs} from '../domain/timestamps.js';
import {maxSourceBytes, type FoundSource} from '../formats/sources.js';
import {MAX_SKILL_NAME_LENGTH} from '../formats/validation.js';
import type {Database} from './database.js';
import {notLocalReason} from './local-path.js';
import {STAGE_COLUMNS} from './usage-writer.js';

/**
 * The bulk path for tracker files (variants A and B, formats.md): DuckDB's own JSON reader turns
 * the file into `usage_stage` rows, with the same rules as the JavaScript path (tracker-json.ts):
 * status, UTC instants of naive times in the naive zone (offsets from timestamps.ts, so that
 * ambiguous and skipped wall times are read as Python's fold=0), durations, metadata.
 *
 * It only takes files it can read exactly like the JavaScript path. Anything else, however
 * rare, returns `undefined` and the caller reads the file the exact way (zod, with one message
 * per bad record): a record that zod would reject or that this SQL does not mirror, a file
 * that is not one object, a variant-C export (no `skills`: other status rules), an unusual
 * timestamp spelling. A file DuckDB cannot parse falls back too, and JSON.parse then reports it.
 *
 * Known differences, none of which Python's json module writes: DuckDB's reader accepts trailing
 * commas, which JSON.parse refuses (the JavaScript path stores nothing from such a file); a bare
 * NaN/Infinity outside the records' fields (in `skills`) is not reported as the JavaScript path
 * reports it (the rows are the same). Duplicate keys make DuckDB refuse the file: the exact path.
 * SKILLSCOPE_DEBUG_FAST_PATH=1 prints why a file was not taken.
 */

const FIELDS = [
	'skill_name', 'invoked_at', 'completed', 'duration_seconds', 'follow_up_actions', 'error_type', 'session_id',
	'workflow_path', 'user_query', 'alternatives_considered', 'selection_rank', 'workflow_phase', 'workflow_step_id',
] as const;
const OPTIONAL_METADATA = ['workflow_path', 'error_type', 'user_query', 'alternatives_considered', 'selection_rank', 'workflow_phase', 'workflow_step_id'];
const COLUMNS = `{invocations: 'STRUCT(${FIELDS.map(field => `${field} JSON`).join(', ')})[]', skills: 'JSON'}`;

/** The characters String.prototype.trim removes (zod trims skill names): names with them go the exact way. */
const TRIMMED = String.raw`[\s\x{0b}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}]`;
const TIMESTAMP = String.raw`^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:\d{2})?$`;
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

const nullOr = (field: string, types: string) => `(${field} IS NULL OR json_type(${field}) IN (${types}))`;
const stringList = (field: string) =>
	`(${field} IS NULL OR (json_type(${field}) = 'ARRAY' AND len(list_filter(json_type(${field}, '$[*]'), t -> t <> 'VARCHAR')) = 0))`;

/** Every field as zod checks it, restricted to the spellings this SQL converts exactly. */
const VALID = [
	`json_type(skill_name) = 'VARCHAR'`,
	`strlen(name) BETWEEN 1 AND ${MAX_SKILL_NAME_LENGTH}`,
	`NOT regexp_matches(name, '^${TRIMMED}|${TRIMMED}$')`,
	`json_type(invoked_at) = 'VARCHAR'`,
	`wall IS NOT NULL`,
	`strftime(wall, '%Y-%m-%dT%H:%M:%S') = substr(stamp, 1, 19)`,
	`year(wall) BETWEEN 1000 AND 2200`,
	`(offset_min IS NULL OR abs(offset_min) <= 1080)`,
	`json_type(completed) = 'BOOLEAN'`,
	`(duration_seconds IS NULL OR (json_type(duration_seconds) IN ('DOUBLE', 'BIGINT', 'UBIGINT') AND isfinite(seconds) AND abs(seconds) < 1e9))`,
	stringList('follow_up_actions'),
	stringList('alternatives_considered'),
	...['error_type', 'session_id', 'workflow_path', 'user_query', 'workflow_phase', 'workflow_step_id'].map(field => nullOr(field, `'VARCHAR'`)),
	`(selection_rank IS NULL OR (json_type(selection_rank) IN ('BIGINT', 'UBIGINT') AND abs(selection_rank::DOUBLE) <= 9007199254740991))`,
].join('\n\t\tAND ');

/**
 * Measured (npm run bench, source/bench/): on this shape of file DuckDB's reader (~10 MB/s, one
 * thread per file) is slower than JSON.parse plus the JavaScript mapping, so 'auto' takes only
 * the files the JavaScript path cannot hold (larger than maxSourceBytes(), ~512 MB by default).
 */
export function takenByDuckdbFirst(size: number, reader: 'auto' | 'js' | 'duckdb'): boolean {
	return reader === 'duckdb' || (reader === 'auto' && size > maxSourceBytes());
}

export async function dropTrackerTables(database: Database): Promise<void> {
	for (const table of ['fast_raw', 'fast_hours', 'fast_seconds', 'fast_unstable']) await database.run(`DROP TABLE IF EXISTS temp.${table}`);
}

/** Offsets of the naive zone (ms) per wall-clock hour, or per wall second in hours near a transition. */
async function stageOffsets(database: Database, zone: string): Promise<void> {
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

/**
 * Reads the file into temp tables, outside any transaction (a file DuckDB refuses must not abort
 * the caller's): the number of records, or undefined when the file must be read the exact way.
 * Then `stageTrackerRows` (in the caller's transaction) and always `dropTrackerTables`.
 */
export async function readTrackerFile(database: Database, source: FoundSource, naiveZone: string): Promise<number | undefined> {
	// A name DuckDB would expand as a glob (or read as a URL) is read the exact way, by Node.
	if (notLocalReason(source.absolutePath)) return undefined;
	try {
		await database.run(`CREATE OR REPLACE TEMP TABLE fast_raw AS
			WITH items AS (
				SELECT unnest(invocations) AS i, unnest(range(len(invocations))) AS ordinal, len(invocations) AS listed, skills IS NOT NULL AS has_skills
				FROM read_json($file, columns = ${COLUMNS}, format = 'unstructured', maximum_object_size = $max)
			), fields AS (
				SELECT ordinal, listed, has_skills, ${FIELDS.map(field => `i.${field}`).join(', ')},
					i.skill_name->>'$' AS name, i.invoked_at->>'$' AS stamp,
					regexp_extract(i.invoked_at->>'$', '${TIMESTAMP}', ['y', 'mo', 'd', 'h', 'mi', 's', 'frac', 'zone']) AS parts,
					TRY_CAST(i.duration_seconds AS DOUBLE) AS seconds
				FROM items
			), times AS (
				SELECT *,
					try_strptime(parts.y || '-' || parts.mo || '-' || parts.d || 'T' || parts.h || ':' || parts.mi || ':' || parts.s, '%Y-%m-%dT%H:%M:%S') AS wall,
					CASE WHEN parts.zone = '' THEN NULL WHEN parts.zone = 'Z' THEN 0
						ELSE (CASE WHEN parts.zone[1] = '-' THEN -1 ELSE 1 END) * (parts.zone[2:3]::INTEGER * 60 + parts.zone[5:6]::INTEGER) END AS offset_min,
					CASE WHEN parts.frac = '' THEN 0 ELSE rpad(parts.frac, 6, '0')::BIGINT END AS micros
				FROM fields
			)
			SELECT *, epoch_us(wall) + micros AS wall_us, coalesce(${VALID}, false) AS valid FROM times`,
			{file: source.absolutePath, max: Math.max(16 * 1024 * 1024, source.size + 1024)});
		// One object, with `invocations` and `skills` (variant A or B: their rules are the same),
		// and every record one that this SQL converts exactly.
		const check = await database.one<{invalid: number; rows: number; listed: number; ordinals: number}>(
			`SELECT count(*) FILTER (WHERE NOT valid OR NOT has_skills)::INTEGER AS invalid, count(*)::INTEGER AS rows,
				coalesce(max(listed), 0)::INTEGER AS listed, count(DISTINCT ordinal)::INTEGER AS ordinals FROM fast_raw`,
		);
		if ((check?.invalid ?? 1) > 0 || check?.rows !== check?.listed || check?.rows !== check?.ordinals) {
			if (process.env.SKILLSCOPE_DEBUG_FAST_PATH) process.stderr.write(`fast path: ${source.absolutePath}: ${check?.invalid} records not taken\n`);
			return undefined;
		}
		await stageOffsets(database, naiveZone);
		const count = await database.one<{n: number}>(`SELECT count(*)::INTEGER AS n FROM fast_raw`);
		return count?.n ?? 0;
	} catch (error) {
		if (process.env.SKILLSCOPE_DEBUG_FAST_PATH) process.stderr.write(`fast path: ${source.absolutePath}: ${(error as Error).message}\n`);
		// DuckDB could not read it (not JSON, not an object, a list where a record should be, ...):
		// the exact path reads it and says what is wrong.
		return undefined;
	}
}

/** Moves what `readTrackerFile` read into `usage_stage` (created by the caller). */
export async function stageTrackerRows(database: Database, source: FoundSource): Promise<void> {
	await database.run(
			`INSERT INTO usage_stage (${STAGE_COLUMNS})
			WITH rows AS (
				SELECT r.*,
					make_timestamp(coalesce(r.wall_us - r.offset_min::BIGINT * 60000000, r.wall_us - coalesce(s.offset_ms, h.offset_ms) * 1000))::TIMESTAMPTZ AS invoked,
					completed::BOOLEAN AS done,
					CASE WHEN seconds >= 0 THEN round(seconds * 1000000.0)::BIGINT END AS duration_us,
					error_type->>'$' AS error, session_id->>'$' AS session,
					CASE WHEN follow_up_actions IS NULL THEN []::VARCHAR[] ELSE from_json(follow_up_actions, '["VARCHAR"]') END AS follow_ups
				FROM fast_raw r
				LEFT JOIN fast_hours h ON h.hour = r.wall_us // ${HOUR_US}
				LEFT JOIN fast_seconds s ON s.wall_s = r.wall_us // 1000000
			)
			SELECT ordinal, name, epoch_us(invoked)::DOUBLE, session,
				epoch_us(invoked + to_microseconds(duration_us))::DOUBLE, duration_us / 1000.0,
				CASE WHEN done THEN 'succeeded' WHEN seconds IS NOT NULL OR coalesce(error, '') <> '' THEN 'failed' ELSE 'pending' END AS status,
				len(follow_ups), workflow_path->>'$', error,
				-- The metadata object of tracker-json.ts, keys in its order, from the fields' own JSON text.
				concat('{"source_file":', to_json($source::VARCHAR),
					${OPTIONAL_METADATA.map(field => `CASE WHEN ${field} IS NULL THEN '' ELSE ',"${field}":' || ${field} END`).join(',\n\t\t\t\t\t')},
					',"follow_up_actions":', CASE WHEN follow_up_actions IS NULL THEN '[]' ELSE follow_up_actions END,
					CASE WHEN seconds < 0 THEN ',"negative_duration_seconds":' || duration_seconds END, '}')
			FROM rows`,
			{source: source.relativePath},
		);
}
