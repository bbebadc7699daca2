import type {Listed} from '../../formats/transcripts/listing.js';
import type {Database} from '../store/database.js';

/** Skills a file listed, with the file's project: what `skill_listings` keeps (migrations/v7-listings.ts). */
export interface FileListing {
	projectId: string;
	sourceFile: string;
	listed: Listed;
}

/**
 * Adds a batch's listings, once per session and skill: a description cut in any listing of the
 * session counts as cut there (the model saw it cut at least once). Reading a line again changes
 * nothing. The caller owns the transaction.
 */
export async function storeListings(database: Database, listings: readonly FileListing[]): Promise<void> {
	if (listings.length === 0) return;
	// One JSON parameter, not a list a column: a bound list takes the type of its first item, and a
	// first listing without a timestamp made every listed_at of the batch NULL.
	const rows = listings.map((entry, ordinal) => ({
		session_id: entry.listed.sessionId, skill_name: entry.listed.skillName, project_id: entry.projectId, cut: entry.listed.cut, at_ms: entry.listed.atMs, source_file: entry.sourceFile, ordinal,
	}));
	await database.run(`INSERT INTO skill_listings
		SELECT session_id, skill_name, any_value(project_id ORDER BY ordinal), bool_or(cut),
			make_timestamp(min(at_ms)::BIGINT * 1000)::TIMESTAMPTZ, any_value(source_file ORDER BY ordinal)
		FROM (
			SELECT unnest(from_json($listings::JSON, '[{"session_id": "VARCHAR", "skill_name": "VARCHAR", "project_id": "VARCHAR", "cut": "BOOLEAN",
				"at_ms": "DOUBLE", "source_file": "VARCHAR", "ordinal": "BIGINT"}]'), recursive := true)
		)
		GROUP BY session_id, skill_name
		ON CONFLICT (session_id, skill_name) DO UPDATE SET
			description_cut = skill_listings.description_cut OR excluded.description_cut,
			listed_at = least(skill_listings.listed_at, excluded.listed_at)`, {listings: JSON.stringify(rows)});
}
