import {listValue} from '../store/duckdb.js';
import type {FoundSource} from '../../formats/trackers/sources.js';
import type {Database} from '../store/database.js';
import {markDataChanged} from '../store/settings.js';
import {fastRows, trackerStage} from './fast-path.js';
import {CUTOFF_US, mergeStaged, storedRow, trackerSourceOf, type WriteCounts} from '../store/usage-writer.js';

/** A file of a batch that DuckDB took: where its rows are in `fast_raw`, and its project. */
export interface BatchFile {
	source: FoundSource;
	index: number;
	projectId: string;
	records: number;
}

type Summary = {file_index: number; total: number; from_us: number; to_us: number; too_old: number; duplicated: boolean};

/**
 * Stores a batch's files in the caller's transaction, as mergeStaged would one by one, in fewer
 * statements: every file whose keys are distinct, none older than a prune's cutoff and none stored
 * yet in its time span (a cold collect's files) goes in with one INSERT for all of them; the
 * others (and any two files of one project) are merged key by key, in order. Per file: what it did.
 */
export async function storeBatchFiles(database: Database, files: readonly BatchFile[]): Promise<Map<FoundSource, WriteCounts>> {
	const written = new Map<FoundSource, WriteCounts>();
	if (files.length === 0) return written;
	await database.run(`CREATE OR REPLACE TEMP TABLE fast_files AS
		SELECT unnest($indexes::INTEGER[]) AS file_index, unnest($projects::VARCHAR[]) AS project_id,
			unnest($trackers::VARCHAR[]) AS tracker, unnest($paths::VARCHAR[]) AS relative_path`, {
		indexes: listValue(files.map(file => file.index)),
		projects: listValue(files.map(file => file.projectId)),
		trackers: listValue(files.map(file => trackerSourceOf(file.source.relativePath))),
		paths: listValue(files.map(file => file.source.relativePath)),
	});
	const summaries = new Map((await database.all<Summary>(
		`SELECT file_index, count(*)::INTEGER AS total, min(invoked_us) AS from_us, max(invoked_us) AS to_us,
			count(*) FILTER (WHERE invoked_us < ${CUTOFF_US})::INTEGER AS too_old,
			count(*) <> count(DISTINCT {'s': skill_name, 'i': invoked_us, 'k': coalesce(session_id, '')}) AS duplicated
		FROM (${fastRows('NULL::VARCHAR')}) WHERE list_contains($indexes::INTEGER[], file_index) GROUP BY file_index`,
		{indexes: listValue(files.map(file => file.index))},
	)).map(summary => [summary.file_index, summary]));
	const perProject = new Map<string, number>();
	for (const file of files) perProject.set(file.projectId, (perProject.get(file.projectId) ?? 0) + 1);
	const bulk: BatchFile[] = [];
	const keyed: BatchFile[] = [];
	for (const file of files) {
		const summary = summaries.get(file.index);
		const plain = summary !== undefined && summary.too_old === 0 && !summary.duplicated && perProject.get(file.projectId) === 1
			&& !(await storedIn(database, file.projectId, summary));
		(plain ? bulk : keyed).push(file);
	}

	if (bulk.length > 0) {
		await database.run(`INSERT INTO skill_usage SELECT ${storedRow('project_id', 'tracker')}
			FROM (${fastRows('relative_path', {table: 'fast_files', columns: 'project_id, tracker'})}) WHERE list_contains($indexes::INTEGER[], file_index)`,
		{indexes: listValue(bulk.map(file => file.index))});
		for (const file of bulk) {
			const summary = summaries.get(file.index)!;
			written.set(file.source, {inserted: summary.total, updated: 0, unchanged: 0, changedFromUs: summary.from_us, changedToUs: summary.to_us});
		}
	}

	for (const file of keyed) {
		written.set(file.source, await mergeStaged(database, file.projectId, trackerSourceOf(file.source.relativePath), trackerStage(file.source, file.index)));
	}

	// With the rows: a collect killed before its rollups and sessions are rebuilt leaves them stale.
	if ([...written.values()].some(counts => counts.inserted > 0 || counts.updated > 0)) await markDataChanged(database);
	await database.run(
		`INSERT INTO source_state SELECT unnest($projects::VARCHAR[]), unnest($paths::VARCHAR[]), unnest($sizes::BIGINT[]), unnest($mtimes::DOUBLE[]),
			unnest($records::INTEGER[]), 0, now()
		ON CONFLICT (project_id, source_path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms,
			records = excluded.records, errors = excluded.errors, read_at = excluded.read_at`,
		{
			projects: listValue(files.map(file => file.projectId)),
			paths: listValue(files.map(file => file.source.relativePath)),
			sizes: listValue(files.map(file => file.source.size)),
			mtimes: listValue(files.map(file => file.source.mtimeMs)),
			records: listValue(files.map(file => file.records)),
		},
	);
	return written;
}

async function storedIn(database: Database, projectId: string, summary: Summary): Promise<boolean> {
	const row = await database.one(
		`SELECT 1 AS stored FROM skill_usage WHERE project_id = $project
			AND invoked_at BETWEEN make_timestamp($from::BIGINT)::TIMESTAMPTZ AND make_timestamp($to::BIGINT)::TIMESTAMPTZ LIMIT 1`,
		{project: projectId, from: summary.from_us, to: summary.to_us},
	);
	return row !== undefined;
}
