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
const STAGE = 'listing_stage';
const GROUPED = 'listing_grouped';

/**
 * Listings come by the tens of thousands (every skill of every session): they go through the
 * appender into a temp stage, since binding them as list parameters made a DuckDB value of each
 * (650 ms and most of the collect's garbage on 1,000 sessions).
 */
async function stageListings(database: Database, listings: readonly FileListing[]): Promise<void> {
	await database.run(`CREATE OR REPLACE TEMP TABLE ${STAGE} (
		ordinal INTEGER, session_id VARCHAR, skill_name VARCHAR, project_id VARCHAR, cut BOOLEAN, at_ms DOUBLE, source_file VARCHAR)`);
	const appender = await database.connection.createAppender(STAGE, 'main', 'temp');
	try {
		for (const [ordinal, entry] of listings.entries()) {
			appender.appendInteger(ordinal);
			appender.appendVarchar(entry.listed.sessionId);
			appender.appendVarchar(entry.listed.skillName);
			appender.appendVarchar(entry.projectId);
			appender.appendBoolean(entry.listed.cut);
			if (entry.listed.atMs === null) appender.appendNull();
			else appender.appendDouble(entry.listed.atMs);
			appender.appendVarchar(entry.sourceFile);
			appender.endRow();
		}

		appender.flushSync();
	} finally {
		appender.closeSync();
	}
}

const GROUPED_SQL = `SELECT session_id, skill_name, any_value(project_id ORDER BY ordinal) AS project_id, bool_or(cut) AS description_cut,
			make_timestamp(min(at_ms)::BIGINT * 1000)::TIMESTAMPTZ AS listed_at, any_value(source_file ORDER BY ordinal) AS source_file
		FROM ${STAGE} GROUP BY session_id, skill_name`;

export async function storeListings(database: Database, listings: readonly FileListing[]): Promise<void> {
	if (listings.length === 0) return;
	await stageListings(database, listings);
	// Most batches list sessions no earlier batch listed (a session's files are read together): their
	// pairs go straight in, without the update and anti-join that compare them with every stored pair.
	const [known] = await database.all<{sessions: number}>(
		`SELECT count(*)::INTEGER AS sessions FROM (SELECT DISTINCT session_id FROM ${STAGE}) AS s SEMI JOIN skill_listings AS l ON l.session_id = s.session_id`,
	);
	if (known?.sessions === 0) {
		await database.run(`INSERT INTO skill_listings ${GROUPED_SQL}`);
		await database.run(`DROP TABLE ${STAGE}`);
		return;
	}

	await database.run(`CREATE OR REPLACE TEMP TABLE ${GROUPED} AS ${GROUPED_SQL}`);
	// An update of the pairs known that this batch changes, then an insert of the new ones: ON CONFLICT
	// looked each row up in the key's index one by one (765 ms of a 1,000-session collect).
	await database.run(`UPDATE skill_listings AS l SET
			description_cut = l.description_cut OR g.description_cut,
			listed_at = least(l.listed_at, g.listed_at)
		FROM ${GROUPED} AS g
		WHERE l.session_id = g.session_id AND l.skill_name = g.skill_name
			AND ((g.description_cut AND NOT l.description_cut) OR l.listed_at IS DISTINCT FROM least(l.listed_at, g.listed_at))`);
	await database.run(`INSERT INTO skill_listings
		SELECT g.session_id, g.skill_name, g.project_id, g.description_cut, g.listed_at, g.source_file
		FROM ${GROUPED} AS g ANTI JOIN skill_listings AS l ON l.session_id = g.session_id AND l.skill_name = g.skill_name`);
	await database.run(`DROP TABLE ${STAGE}; DROP TABLE ${GROUPED}`);
}
