import {listValue} from '../store/duckdb.js';
import {anchorOfFile, type TailAnchor} from '../../formats/trackers/tail.js';
import type {FoundSource} from '../../formats/trackers/sources.js';
import {tuningOf} from '../collect/tuning.js';
import type {CollectOptions, TailState} from '../collect/types.js';
import type {Database} from '../store/database.js';

/**
 * Where each tracker file's last read ended (formats/trackers/tail.ts), so that a grown file is
 * parsed from there. Derived data, kept beside `source_state` and valid only for the row of
 * the same size and time, read without errors: a row missing, stale or left by a purged project
 * only means the file is read whole. Created by the first collect that needs it.
 */
const TABLE = `CREATE TABLE IF NOT EXISTS source_tails (
	project_id VARCHAR NOT NULL, source_path VARCHAR NOT NULL, size BIGINT NOT NULL, mtime_ms DOUBLE NOT NULL,
	head_bytes BIGINT NOT NULL, head_sha1 VARCHAR NOT NULL, PRIMARY KEY (project_id, source_path))`;

const loaded = new WeakMap<CollectOptions, Promise<Map<string, TailState>>>();
const created = new WeakSet<Database>();

async function createTable(database: Database): Promise<void> {
	if (created.has(database)) return;
	await database.run(TABLE);
	created.add(database);
}
const keyOf = (projectId: string, path: string) => `${projectId}\0${path}`;

async function loadTails(database: Database): Promise<Map<string, TailState>> {
	await createTable(database);
	const rows = await database.all<{project_id: string; source_path: string; head_bytes: number; head_sha1: string; records: number}>(
		`SELECT t.project_id, t.source_path, t.head_bytes::DOUBLE AS head_bytes, t.head_sha1, s.records
		FROM source_tails t JOIN source_state s USING (project_id, source_path)
		WHERE s.size = t.size AND s.mtime_ms = t.mtime_ms AND s.errors = 0`,
	);
	return new Map(rows.map(row => [keyOf(row.project_id, row.source_path), {anchor: {offset: row.head_bytes, sha1: row.head_sha1}, records: row.records}]));
}

/** The anchors of the changed JSON sources among `sources` (one query per collect, when first asked). */
export async function tailsFor(
	database: Database,
	projectId: string,
	sources: readonly FoundSource[],
	skippable: ReadonlyMap<string, number>,
	options: CollectOptions,
): Promise<Map<string, TailState>> {
	const {maxSourceBytes} = tuningOf(options).limits;
	const changed = sources.filter(source => source.kind === 'json' && !skippable.has(source.relativePath) && source.size > 0 && source.size <= maxSourceBytes);
	if (options.force || changed.length === 0) return new Map();
	let all = loaded.get(options);
	if (!all) {
		all = loadTails(database);
		loaded.set(options, all);
	}

	const tails = await all;
	const found = new Map<string, TailState>();
	for (const source of changed) {
		const tail = tails.get(keyOf(projectId, source.relativePath));
		if (tail && source.size >= tail.anchor.offset) found.set(source.relativePath, tail);
	}

	return found;
}

/** The anchor of a file whose rows were just stored (source.size and time are those of source_state). */
export async function saveTail(database: Database, projectId: string, source: FoundSource, anchor: TailAnchor | undefined): Promise<void> {
	await createTable(database);
	if (anchor === undefined) {
		await database.run(`DELETE FROM source_tails WHERE project_id = $project AND source_path = $path`, {project: projectId, path: source.relativePath});
		return;
	}

	await database.run(
		`INSERT INTO source_tails VALUES ($project, $path, $size, $mtime, $offset, $sha1)
		ON CONFLICT (project_id, source_path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms,
			head_bytes = excluded.head_bytes, head_sha1 = excluded.head_sha1`,
		{project: projectId, path: source.relativePath, size: source.size, mtime: source.mtimeMs, offset: anchor.offset, sha1: anchor.sha1},
	);
}

/** `saveTail` for many files of one batch, in two statements. */
export async function saveTails(database: Database, files: ReadonlyArray<{projectId: string; source: FoundSource; anchor: TailAnchor | undefined}>): Promise<void> {
	await createTable(database);
	const kept = files.filter(file => file.anchor !== undefined);
	const dropped = files.filter(file => file.anchor === undefined);
	if (dropped.length > 0) {
		await database.run(`DELETE FROM source_tails WHERE list_contains($keys, project_id || chr(0) || source_path)`, {
			keys: listValue(dropped.map(file => keyOf(file.projectId, file.source.relativePath))),
		});
	}

	if (kept.length === 0) return;
	await database.run(
		`INSERT INTO source_tails SELECT unnest($projects::VARCHAR[]), unnest($paths::VARCHAR[]), unnest($sizes::BIGINT[]), unnest($mtimes::DOUBLE[]),
			unnest($offsets::BIGINT[]), unnest($sha1s::VARCHAR[])
		ON CONFLICT (project_id, source_path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms,
			head_bytes = excluded.head_bytes, head_sha1 = excluded.head_sha1`,
		{
			projects: listValue(kept.map(file => file.projectId)),
			paths: listValue(kept.map(file => file.source.relativePath)),
			sizes: listValue(kept.map(file => file.source.size)),
			mtimes: listValue(kept.map(file => file.source.mtimeMs)),
			offsets: listValue(kept.map(file => file.anchor!.offset)),
			sha1s: listValue(kept.map(file => file.anchor!.sha1)),
		},
	);
}

/** A file's anchor as read from disk now, or undefined (none, unreadable, or rewritten since it was found). */
export async function anchorOfSource(source: FoundSource): Promise<TailAnchor | undefined> {
	if (source.kind !== 'json' || source.size <= 0) return undefined;
	return anchorOfFile(source.absolutePath, source).catch(() => undefined);
}
