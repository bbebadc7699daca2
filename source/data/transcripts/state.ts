import {listValue} from '../store/duckdb.js';
import type {Database} from '../store/database.js';

/** What one collect remembers of a transcript file (schema.ts, `transcript_files`). */
export interface TranscriptFileState {
	path: string;
	project_id: string;
	size: number;
	mtime_ms: number;
	head_bytes: number;
	head_hash: string;
	end_offset: number;
	end_line: number;
	resume_offset: number;
	resume_line: number;
	cwd: string | null;
	session_id: string | null;
	last_timestamp_ms: number | null;
	invocations: number;
	/** Of those, the ones before `resume_offset`: a resumed read does not see them again. */
	settled_invocations: number;
	errors: number;
	/** What a resumed read must still watch for (formats/transcripts/carry.ts), as stored; null: nothing. */
	carry: string | null;
}

/** What tells whether a file changed since its last read, and whose it is: all a file left alone needs. */
export type TranscriptFileMark = Pick<TranscriptFileState, 'path' | 'project_id' | 'size' | 'mtime_ms' | 'cwd'>;

/**
 * Every stored file's mark: a collect with nothing new turns each into an object, so they are
 * five columns, not the state's seventeen (22,000 whole states took ~0.4 s to convert).
 */
export async function loadTranscriptMarks(database: Database): Promise<Map<string, TranscriptFileMark>> {
	const rows = await database.all<TranscriptFileMark & Record<string, unknown>>(`SELECT path, project_id, size::DOUBLE AS size, mtime_ms, cwd FROM transcript_files`);
	return new Map(rows.map(row => [row.path, row]));
}

/** The whole states of the files to be read again (all of them when most are). */
export async function loadTranscriptStates(database: Database, paths: readonly string[]): Promise<Map<string, TranscriptFileState>> {
	if (paths.length === 0) return new Map();
	const rows = await database.all<TranscriptFileState & Record<string, unknown>>(`SELECT path, project_id, size::DOUBLE AS size, mtime_ms, head_bytes, head_hash,
		end_offset::DOUBLE AS end_offset, end_line::DOUBLE AS end_line, resume_offset::DOUBLE AS resume_offset,
		resume_line::DOUBLE AS resume_line, cwd, session_id, (epoch_us(last_timestamp) / 1000)::DOUBLE AS last_timestamp_ms,
		invocations, settled_invocations, errors, carry FROM transcript_files WHERE list_contains($paths, path)`, {paths: listValue([...paths])});
	return new Map(rows.map(row => [row.path, row]));
}

/** Writes the states of a batch of files in one statement; the caller owns the transaction. */
export async function saveTranscriptStates(database: Database, states: readonly TranscriptFileState[]): Promise<void> {
	if (states.length === 0) return;
	await database.run(`CREATE OR REPLACE TEMP TABLE transcript_state_stage (
		path VARCHAR, project_id VARCHAR, size BIGINT, mtime_ms DOUBLE, head_bytes INTEGER, head_hash VARCHAR, end_offset BIGINT,
		end_line BIGINT, resume_offset BIGINT, resume_line BIGINT, cwd VARCHAR, session_id VARCHAR, last_timestamp_ms DOUBLE,
		invocations INTEGER, settled_invocations INTEGER, errors INTEGER, carry VARCHAR)`);
	const appender = await database.connection.createAppender('transcript_state_stage', 'main', 'temp');
	const text = (value: string | null) => (value === null ? appender.appendNull() : appender.appendVarchar(value));
	try {
		for (const state of states) {
			appender.appendVarchar(state.path);
			appender.appendVarchar(state.project_id);
			appender.appendBigInt(BigInt(state.size));
			appender.appendDouble(state.mtime_ms);
			appender.appendInteger(state.head_bytes);
			appender.appendVarchar(state.head_hash);
			appender.appendBigInt(BigInt(state.end_offset));
			appender.appendBigInt(BigInt(state.end_line));
			appender.appendBigInt(BigInt(state.resume_offset));
			appender.appendBigInt(BigInt(state.resume_line));
			text(state.cwd);
			text(state.session_id);
			if (state.last_timestamp_ms === null) appender.appendNull();
			else appender.appendDouble(state.last_timestamp_ms);
			appender.appendInteger(state.invocations);
			appender.appendInteger(state.settled_invocations);
			appender.appendInteger(state.errors);
			text(state.carry);
			appender.endRow();
		}

		appender.flushSync();
	} finally {
		appender.closeSync();
	}

	await database.run(`INSERT OR REPLACE INTO transcript_files
		SELECT path, project_id, size, mtime_ms, head_bytes, head_hash, end_offset, end_line, resume_offset, resume_line, cwd,
			session_id, make_timestamp((last_timestamp_ms * 1000)::BIGINT)::TIMESTAMPTZ, invocations, settled_invocations, errors, now(), carry
		FROM transcript_state_stage`);
}

/** How many stored rows each transcript file owns: what an unchanged file counts as unchanged. */
export async function ownedRowCounts(database: Database): Promise<Map<string, number>> {
	const rows = await database.all<{source_file: string; rows: number}>(
		`SELECT source_file, count(*)::INTEGER AS rows FROM skill_usage WHERE source = 'claude-code' GROUP BY source_file`,
	);
	return new Map(rows.map(row => [row.source_file, row.rows]));
}

/** A file now launched inside another registered project: its rows move with it. */
export async function moveTranscriptRows(database: Database, relative: string, projectId: string): Promise<void> {
	await database.run(`UPDATE skill_usage SET project_id = $project WHERE source = 'claude-code' AND source_file = $file`, {project: projectId, file: relative});
	await database.run(`UPDATE session_listings SET project_id = $project WHERE source_file = $file`, {project: projectId, file: relative});
}
