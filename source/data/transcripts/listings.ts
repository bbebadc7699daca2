import type {Listed} from '../../formats/transcripts/listing.js';
import type {Database} from '../store/database.js';
import {listValue} from '../store/duckdb.js';

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
	const column = <T>(pick: (entry: FileListing) => T) => listValue(listings.map(pick) as never);
	await database.run(`INSERT INTO skill_listings
		SELECT session_id, skill_name, any_value(project_id ORDER BY ordinal), bool_or(cut),
			make_timestamp(min(at_ms)::BIGINT * 1000)::TIMESTAMPTZ, any_value(source_file ORDER BY ordinal)
		FROM (
			SELECT unnest($sessions::VARCHAR[]) AS session_id, unnest($skills::VARCHAR[]) AS skill_name, unnest($projects::VARCHAR[]) AS project_id,
				unnest($cuts::BOOLEAN[]) AS cut, unnest($ats::DOUBLE[]) AS at_ms, unnest($files::VARCHAR[]) AS source_file,
				unnest(range(len($sessions::VARCHAR[]))) AS ordinal
		)
		GROUP BY session_id, skill_name
		ON CONFLICT (session_id, skill_name) DO UPDATE SET
			description_cut = skill_listings.description_cut OR excluded.description_cut,
			listed_at = least(skill_listings.listed_at, excluded.listed_at)`, {
		sessions: column(entry => entry.listed.sessionId),
		skills: column(entry => entry.listed.skillName),
		projects: column(entry => entry.projectId),
		cuts: column(entry => entry.listed.cut),
		ats: column(entry => entry.listed.atMs),
		files: column(entry => entry.sourceFile),
	});
}
