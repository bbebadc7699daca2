import type {FoundSource} from '../../formats/trackers/sources.js';
import type {CollectTuning} from '../collect/tuning.js';
import {MAX_SKILL_NAME_LENGTH} from '../../formats/validation.js';
import type {Database} from '../store/database.js';
import {listValue, type DuckDBValue} from '../store/duckdb.js';
import {notLocalReason} from '../store/local-path.js';
import {stageOffsets} from './offsets.js';
import {STAGE_COLUMNS, type Stage} from '../store/usage-writer.js';

/**
 * The bulk path for tracker files (variants A and B, formats.md): DuckDB's own JSON reader turns
 * many files at once into rows for `mergeStaged` (trackers/batches.ts), with the same rules as the JavaScript path (tracker-json.ts):
 * status, UTC instants of naive times in the naive zone (offsets from timestamps.ts, so that
 * ambiguous and skipped wall times are read as Python's fold=0), durations, metadata.
 *
 * It only takes files it can read exactly like the JavaScript path. Anything else, however
 * rare, returns `undefined` and the caller reads the file the exact way (zod, with one message
 * per bad record): a record that zod would reject or that this SQL does not mirror, a file
 * that is not one object, a variant-C export (no `skills`: other status rules), an unusual
 * timestamp spelling, a file with no records at all (another format, or an empty list: cheap
 * either way). A file DuckDB cannot parse falls back too, and JSON.parse then reports it.
 *
 * Known differences, none of which Python's json module writes: DuckDB's reader accepts trailing
 * commas, which JSON.parse refuses (the JavaScript path stores nothing from such a file); a bare
 * NaN/Infinity outside the records' fields (in `skills`) is not reported as the JavaScript path
 * reports it (the rows are the same); a file of several top-level objects, all but one with an
 * empty list, is read as its one list (JSON.parse refuses the file). Duplicate keys make DuckDB
 * refuse the file: the exact path.
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
 * Measured (npm run bench, bench/): one read_json over many files runs a thread per file
 * and, with the columns given, beats JSON.parse plus the JavaScript mapping from a few MB a file
 * on (medium: 50 files of 4.2 MB). Small files stay with the JavaScript path: a batch's fixed
 * cost (~30 ms of statements) is more than reading them. SKILLSCOPE_DUCKDB_FROM_BYTES moves it.
 */
export function takenByDuckdbFirst(size: number, reader: 'auto' | 'js' | 'duckdb', tuning: CollectTuning): boolean {
	return reader === 'duckdb' || (reader === 'auto' && (size > tuning.limits.maxSourceBytes || size >= tuning.duckdbFromBytes));
}

export async function dropTrackerTables(database: Database): Promise<void> {
	for (const table of ['fast_raw', 'fast_hours', 'fast_seconds', 'fast_unstable']) await database.run(`DROP TABLE IF EXISTS temp.${table}`);
}

/**
 * Reads the files into temp tables in one statement (DuckDB reads them a thread each), outside
 * any transaction (a file DuckDB refuses must not abort the caller's): per file, the number of
 * records, or undefined when it must be read the exact way. A statement that fails is tried again
 * in halves, so that only the files DuckDB refuses go the exact way. Then `trackerStage` per
 * file (in the caller's transaction) and always `dropTrackerTables`.
 */
export async function readTrackerFiles(database: Database, sources: readonly FoundSource[], naiveZone: string, debug = false): Promise<Array<number | undefined>> {
	await database.run(`DROP TABLE IF EXISTS temp.fast_raw`);
	const counts = new Array<number | undefined>(sources.length).fill(undefined);
	// A name DuckDB would expand as a glob (or read as a URL) is read the exact way, by Node.
	const readable = sources.map((source, index) => ({source, index})).filter(file => !notLocalReason(file.source.absolutePath));
	if (readable.length > 0) await readInto(database, readable, counts, {created: false, debug});
	if (counts.some(count => count !== undefined)) await stageOffsets(database, naiveZone);
	return counts;
}

/** One file read alone: `readTrackerFiles` of one. */
export async function readTrackerFile(database: Database, source: FoundSource, naiveZone: string): Promise<number | undefined> {
	return (await readTrackerFiles(database, [source], naiveZone))[0];
}

type Indexed = {source: FoundSource; index: number};

function rawParams(files: readonly Indexed[]): Record<string, DuckDBValue> {
	return {
		files: listValue(files.map(file => file.source.absolutePath)),
		indexes: listValue(files.map(file => file.index)),
		max: Math.max(16 * 1024 * 1024, ...files.map(file => file.source.size + 1024)),
	};
}

const RAW_ROWS = `WITH listed AS (
		SELECT unnest($files::VARCHAR[]) AS filename, unnest($indexes::INTEGER[]) AS file_index
	), items AS (
		SELECT l.file_index, unnest(r.invocations) AS i, unnest(range(len(r.invocations))) AS ordinal, len(r.invocations) AS listed,
			r.skills IS NOT NULL AS has_skills
		FROM read_json($files::VARCHAR[], columns = ${COLUMNS}, format = 'unstructured', maximum_object_size = $max, filename = true) r
		JOIN listed l USING (filename)
	), fields AS (
		SELECT file_index, ordinal, listed, has_skills, ${FIELDS.map(field => `i.${field}`).join(', ')},
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
	), checked AS (
		SELECT *, epoch_us(wall) + micros AS wall_us, coalesce(${VALID}, false) AS valid FROM times
	)
	-- Only what the rows are made of: the fields' JSON text is dropped here, and the metadata of a
	-- row is built once, without its source file (added per file when staged).
	SELECT file_index, ordinal, listed, has_skills, valid, name, wall_us, offset_min,
		CASE WHEN valid THEN completed::BOOLEAN END AS done, seconds,
		CASE WHEN valid AND seconds >= 0 THEN round(seconds * 1000000.0)::BIGINT END AS duration_us,
		error_type->>'$' AS error, session_id->>'$' AS session, workflow_path->>'$' AS workflow,
		CASE WHEN valid THEN coalesce(json_array_length(follow_up_actions), 0) END AS follow_ups,
		-- The metadata object of tracker-json.ts, keys in its order, from the fields' own JSON text.
		CASE WHEN valid THEN concat(
			${OPTIONAL_METADATA.map(field => `CASE WHEN ${field} IS NULL THEN '' ELSE ',"${field}":' || ${field} END`).join(',\n\t\t\t')},
			',"follow_up_actions":', CASE WHEN follow_up_actions IS NULL THEN '[]' ELSE follow_up_actions END,
			CASE WHEN seconds < 0 THEN ',"negative_duration_seconds":' || duration_seconds END, '}') END AS metadata_tail
	FROM checked`;

async function readInto(database: Database, files: readonly Indexed[], counts: Array<number | undefined>, table: {created: boolean; debug: boolean}): Promise<void> {
	if (files.length === 0) return;
	try {
		await database.run(table.created ? `INSERT INTO fast_raw ${RAW_ROWS}` : `CREATE TEMP TABLE fast_raw AS ${RAW_ROWS}`, rawParams(files));
		table.created = true;
	} catch (error) {
		if (files.length === 1) {
			if (table.debug) process.stderr.write(`fast path: ${files[0]!.source.absolutePath}: ${(error as Error).message}\n`);
			// DuckDB could not read it (not JSON, not an object, a list where a record should be, ...):
			// the exact path reads it and says what is wrong.
			return;
		}

		// Whatever the failed statement inserted was rolled back with it.
		const half = Math.ceil(files.length / 2);
		await readInto(database, files.slice(0, half), counts, table);
		await readInto(database, files.slice(half), counts, table);
		return;
	}

	// Per file: one object, with `invocations` and `skills` (variant A or B: their rules are the
	// same), and every record one that this SQL converts exactly. A file with no rows at all (an
	// empty list, another format, a path DuckDB took for a pattern) goes the exact way.
	const checks = await database.all<{file_index: number; invalid: number; rows: number; listed: number; ordinals: number}>(
		`SELECT file_index, count(*) FILTER (WHERE NOT valid OR NOT has_skills)::INTEGER AS invalid, count(*)::INTEGER AS rows,
			max(listed)::INTEGER AS listed, count(DISTINCT ordinal)::INTEGER AS ordinals
		FROM fast_raw WHERE list_contains($indexes::INTEGER[], file_index) GROUP BY file_index`,
		{indexes: listValue(files.map(file => file.index))},
	);
	const refused: number[] = [];
	for (const check of checks) {
		if (check.invalid === 0 && check.rows === check.listed && check.rows === check.ordinals) {
			counts[check.file_index] = check.rows;
		} else {
			refused.push(check.file_index);
			if (table.debug) process.stderr.write(`fast path: file ${check.file_index}: ${check.invalid} records not taken\n`);
		}
	}

	if (refused.length > 0) await database.run(`DELETE FROM fast_raw WHERE list_contains($indexes::INTEGER[], file_index)`, {indexes: listValue(refused)});
}

/**
 * What `readTrackerFiles` read, as `usage_stage` rows (STAGE_COLUMNS) with their `file_index`;
 * `source` is the file's relative path (SQL: a parameter, or a column of a joined table).
 */
export function fastRows(source = '$path::VARCHAR', files?: {table: string; columns: string}): string {
	return `SELECT r.file_index, ${files ? `${files.columns}, ` : ''}ordinal, name AS skill_name, epoch_us(invoked)::DOUBLE AS invoked_us, session AS session_id,
			epoch_us(invoked + to_microseconds(duration_us))::DOUBLE AS completed_us, duration_us / 1000.0 AS duration_ms,
			CASE WHEN done THEN 'succeeded' WHEN seconds IS NOT NULL OR coalesce(error, '') <> '' THEN 'failed' ELSE 'pending' END AS status,
			follow_ups AS followup_actions, workflow AS workflow_path, error AS error_type,
			concat('{"source_file":', to_json(${source}), metadata_tail) AS metadata
		FROM (
			SELECT *,
				make_timestamp(coalesce(r.wall_us - r.offset_min::BIGINT * 60000000, r.wall_us - coalesce(s.offset_ms, h.offset_ms) * 1000))::TIMESTAMPTZ AS invoked
			FROM fast_raw r ${files ? `JOIN ${files.table} USING (file_index)` : ''}
			LEFT JOIN fast_hours h ON h.hour = r.wall_us // ${HOUR_US}
			LEFT JOIN fast_seconds s ON s.wall_s = r.wall_us // 1000000
		) r`;
}

/** What `readTrackerFiles` read of file `index`, as a stage for mergeStaged: no copy into `usage_stage`. */
export function trackerStage(source: FoundSource, index: number): Stage {
	return {sql: `(SELECT ${STAGE_COLUMNS} FROM (${fastRows()}) WHERE file_index = $file_index)`, params: {path: source.relativePath, file_index: index}};
}
