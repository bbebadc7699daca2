import type {FoundSource} from '../../formats/trackers/sources.js';
import type {Database} from '../store/database.js';
import {markDataChanged} from '../store/settings.js';
import type {WriteCounts} from '../store/usage-writer.js';

/**
 * A source's rows (`merge`) and its `source_state` row, in the caller's transaction: the file
 * is skipped next time only if its rows landed with it.
 */
export async function writeSourceRows(
	database: Database,
	projectId: string,
	source: FoundSource,
	state: {records: number; errors: number},
	merge: () => Promise<WriteCounts>,
): Promise<WriteCounts> {
	const written = await merge();
	// With the rows: a collect killed before its rollups and sessions are rebuilt leaves them
	// marked stale, and the next reader or collect rebuilds them.
	if (written.inserted > 0 || written.updated > 0) await markDataChanged(database);
	await database.run(
		`INSERT INTO source_state VALUES ($project, $path, $size, $mtime, $records, $errors, now())
		 ON CONFLICT (project_id, source_path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms,
			records = excluded.records, errors = excluded.errors, read_at = excluded.read_at`,
		{project: projectId, path: source.relativePath, size: source.size, mtime: source.mtimeMs, records: state.records, errors: state.errors},
	);
	return written;
}
