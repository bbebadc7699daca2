import {createHash} from 'node:crypto';
import type {Listed} from '../../formats/transcripts/listing.js';
import type {Database} from '../store/database.js';

/** Skills a file listed, with the file's project: what a session's listing keeps (migrations/v9-listing-sets.ts). */
export interface FileListing {
	projectId: string;
	sourceFile: string;
	listed: Listed;
}

/** A session's listing: the union of its listings, a description cut in any of them counting as cut. */
interface SessionListing {
	projectId: string;
	sourceFile: string;
	atMs: number | null;
	cut: Map<string, boolean>;
	setId?: string;
}

const SESSIONS = 'listing_session_stage';
const SETS = 'listing_set_stage';

function gather(listings: readonly FileListing[]): Map<string, SessionListing> {
	const sessions = new Map<string, SessionListing>();
	for (const {projectId, sourceFile, listed} of listings) {
		let session = sessions.get(listed.sessionId);
		if (!session) {
			// The first file that listed the session: its rows move with that file's project.
			session = {projectId, sourceFile, atMs: null, cut: new Map()};
			sessions.set(listed.sessionId, session);
		}

		if (listed.atMs !== null) session.atMs = session.atMs === null ? listed.atMs : Math.min(session.atMs, listed.atMs);
		session.cut.set(listed.skillName, (session.cut.get(listed.skillName) ?? false) || listed.cut);
	}

	return sessions;
}

/** A set's id: a hash of its skills in order and their cuts (JSON, so that no name can mimic another pair). */
function setIdOf(cut: ReadonlyMap<string, boolean>): string {
	const pairs = [...cut].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return createHash('sha1').update(JSON.stringify(pairs)).digest('hex');
}

/**
 * Listings come by the tens of thousands (every skill of every session): they go through the
 * appender into temp stages, since binding them as list parameters made a DuckDB value of each.
 */
async function stageSessions(database: Database, sessions: ReadonlyMap<string, SessionListing>): Promise<void> {
	await database.run(`CREATE OR REPLACE TEMP TABLE ${SESSIONS} (session_id VARCHAR, project_id VARCHAR, set_id VARCHAR, at_ms DOUBLE, source_file VARCHAR)`);
	const appender = await database.connection.createAppender(SESSIONS, 'main', 'temp');
	try {
		for (const [sessionId, session] of sessions) {
			appender.appendVarchar(sessionId);
			appender.appendVarchar(session.projectId);
			appender.appendVarchar(session.setId ?? '');
			if (session.atMs === null) appender.appendNull();
			else appender.appendDouble(session.atMs);
			appender.appendVarchar(session.sourceFile);
			appender.endRow();
		}

		appender.flushSync();
	} finally {
		appender.closeSync();
	}
}

async function stageSets(database: Database, sessions: ReadonlyMap<string, SessionListing>): Promise<void> {
	await database.run(`CREATE OR REPLACE TEMP TABLE ${SETS} (set_id VARCHAR, skill_name VARCHAR, description_cut BOOLEAN)`);
	const appender = await database.connection.createAppender(SETS, 'main', 'temp');
	const staged = new Set<string>();
	try {
		for (const session of sessions.values()) {
			if (staged.has(session.setId!)) continue;
			staged.add(session.setId!);
			for (const [skill, cut] of session.cut) {
				appender.appendVarchar(session.setId!);
				appender.appendVarchar(skill);
				appender.appendBoolean(cut);
				appender.endRow();
			}
		}

		appender.flushSync();
	} finally {
		appender.closeSync();
	}
}

type StoredPair = {
	session_id: string;
	project_id: string;
	source_file: string | null;
	at_ms: number | null;
	skill_name: string;
	description_cut: boolean;
};

/**
 * A session listed by an earlier batch (its file grew, a copy of it was read): its stored listing
 * joins this batch's, and keeps the project and file it had.
 */
async function joinStored(database: Database, sessions: Map<string, SessionListing>): Promise<boolean> {
	const stored = await database.all<StoredPair>(`SELECT l.session_id, l.project_id, l.source_file, epoch_ms(l.listed_at)::DOUBLE AS at_ms, m.skill_name, m.description_cut
		FROM session_listings l JOIN listing_sets m USING (set_id) SEMI JOIN ${SESSIONS} s ON s.session_id = l.session_id`);
	for (const pair of stored) {
		const session = sessions.get(pair.session_id)!;
		session.projectId = pair.project_id;
		session.sourceFile = pair.source_file ?? session.sourceFile;
		if (pair.at_ms !== null) session.atMs = session.atMs === null ? pair.at_ms : Math.min(session.atMs, pair.at_ms);
		session.cut.set(pair.skill_name, (session.cut.get(pair.skill_name) ?? false) || pair.description_cut);
	}

	return stored.length > 0;
}

/**
 * Adds a batch's listings, once per session: reading a line again changes nothing. The caller owns
 * the transaction.
 */
export async function storeListings(database: Database, listings: readonly FileListing[]): Promise<void> {
	if (listings.length === 0) return;
	const sessions = gather(listings);
	const name = () => {
		for (const session of sessions.values()) session.setId = setIdOf(session.cut);
	};

	name();
	await stageSessions(database, sessions);
	if (await joinStored(database, sessions)) {
		// Staged again with the ids of the joined sets; the stored rows of those sessions give way.
		name();
		await stageSessions(database, sessions);
		await database.run(`DELETE FROM session_listings WHERE session_id IN (SELECT session_id FROM ${SESSIONS})`);
	}

	await stageSets(database, sessions);
	await database.run(`INSERT INTO listing_sets SELECT s.* FROM ${SETS} s ANTI JOIN (SELECT DISTINCT set_id FROM listing_sets) l ON l.set_id = s.set_id`);
	await database.run(`INSERT INTO session_listings
		SELECT session_id, project_id, set_id, make_timestamp(at_ms::BIGINT * 1000)::TIMESTAMPTZ, source_file FROM ${SESSIONS}`);
	await database.run(`DROP TABLE ${SESSIONS}; DROP TABLE ${SETS}`);
}

