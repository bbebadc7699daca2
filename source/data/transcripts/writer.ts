import {listValue} from '../store/duckdb.js';
import type {TranscriptInvocation} from '../../formats/transcripts/parser.js';
import type {Database} from '../store/database.js';
import {add, type FileSettlement, settle} from './settle.js';

export type {FileSettlement} from './settle.js';
export type {ProjectWrites} from './types.js';
import type {ProjectWrites} from './types.js';
import {metadataJson} from '../store/usage-columns.js';

/** One invocation read from one transcript file, with what the merge needs to pick among copies. */
export interface TranscriptRow {
	projectId: string;
	/** The file, relative to the Claude Code root. */
	sourceFile: string;
	/** The file's last timestamp (epoch ms): among copies of a line, the earliest file owns it. */
	ownerLastMs: number;
	invocation: TranscriptInvocation;
}


const STAGE = 'transcript_stage';

async function createStage(database: Database): Promise<void> {
	await database.run(`CREATE OR REPLACE TEMP TABLE ${STAGE} (
		ordinal INTEGER, project_id VARCHAR, skill_name VARCHAR, invoked_us DOUBLE, row_key VARCHAR, session_id VARCHAR,
		completed_us DOUBLE, duration_ms DOUBLE, status VARCHAR, followup_actions INTEGER, error_type VARCHAR, metadata VARCHAR,
		trigger VARCHAR, kind VARCHAR, plugin VARCHAR, agent_id VARCHAR, tool_errors INTEGER, output_tokens BIGINT, load_ms DOUBLE,
		window_open BOOLEAN, source_file VARCHAR, owner_last_us DOUBLE, outcome VARCHAR, retried BOOLEAN, fingerprint VARCHAR, plugin_version VARCHAR)`);
}

function metadataOf(row: TranscriptRow): string {
	const {invocation} = row;
	const metadata: Record<string, unknown> = {source_file: row.sourceFile, line: invocation.line, follow_up_actions: invocation.followUps};
	if (invocation.args !== null) metadata.user_query = invocation.args;
	if (invocation.errorText !== null) metadata.error_message = invocation.errorText;
	return metadataJson(metadata);
}

/** Bulk path: the appender, never an INSERT per row (design.md §6). */
async function stageRows(database: Database, rows: readonly TranscriptRow[]): Promise<void> {
	const appender = await database.connection.createAppender(STAGE, 'main', 'temp');
	const text = (value: string | null) => (value === null ? appender.appendNull() : appender.appendVarchar(value));
	try {
		for (const [index, row] of rows.entries()) {
			const invocation = row.invocation;
			const finished = invocation.status !== 'pending';
			appender.appendInteger(index);
			appender.appendVarchar(row.projectId);
			appender.appendVarchar(invocation.skillName);
			appender.appendDouble(invocation.invokedAtMs * 1000);
			appender.appendVarchar(invocation.key);
			text(invocation.sessionId);
			if (finished) appender.appendDouble((invocation.invokedAtMs + invocation.durationMs) * 1000);
			else appender.appendNull();
			appender.appendDouble(invocation.durationMs);
			appender.appendVarchar(invocation.status);
			appender.appendInteger(invocation.followUps.length);
			text(invocation.errorType);
			appender.appendVarchar(metadataOf(row));
			appender.appendVarchar(invocation.trigger);
			appender.appendVarchar(invocation.kind);
			text(invocation.plugin);
			text(invocation.agentId);
			appender.appendInteger(invocation.toolErrors);
			appender.appendBigInt(BigInt(invocation.outputTokens));
			if (invocation.loadMs === null) appender.appendNull();
			else appender.appendDouble(invocation.loadMs);
			appender.appendBoolean(invocation.windowOpen);
			appender.appendVarchar(row.sourceFile);
			appender.appendDouble(row.ownerLastMs * 1000);
			text(invocation.outcome);
			appender.appendBoolean(invocation.retried);
			text(invocation.fingerprint);
			text(invocation.pluginVersion);
			appender.endRow();
		}

		appender.flushSync();
	} finally {
		appender.closeSync();
	}
}

/**
 * Each body the rows carry, once per fingerprint (outcomes.md: never one copy per invocation). A
 * fingerprint is the hash of its body, so a stored one is never replaced.
 */
async function storeBodies(database: Database, rows: readonly TranscriptRow[]): Promise<void> {
	const bodies = new Map<string, string>();
	for (const {invocation} of rows) {
		if (invocation.fingerprint !== null && invocation.body !== null) bodies.set(invocation.fingerprint, invocation.body);
	}

	if (bodies.size === 0) return;
	await database.run(`INSERT INTO skill_bodies SELECT unnest($fingerprints::VARCHAR[]), unnest($bodies::VARCHAR[]) ON CONFLICT (fingerprint) DO NOTHING`, {
		fingerprints: listValue([...bodies.keys()]),
		bodies: listValue([...bodies.values()]),
	});
}

const INSTANT = (column: string) => `make_timestamp(${column}::BIGINT)::TIMESTAMPTZ`;

/** A staged row as a `skill_usage` row, in the table's column order. */
const STORED_ROW = `s.project_id, s.skill_name, ${INSTANT('s.invoked_us')}, s.row_key, s.session_id, ${INSTANT('s.completed_us')},
	s.duration_ms, s.status, CASE s.status WHEN 'succeeded' THEN true WHEN 'failed' THEN false END, s.followup_actions, NULL,
	s.error_type, s.metadata::JSON, now(), 'claude-code', s.trigger, s.kind, s.plugin, s.agent_id, s.tool_errors, s.output_tokens,
	s.load_ms, s.window_open, s.source_file, ${INSTANT('s.owner_last_us')}, s.outcome, s.retried, s.fingerprint, s.plugin_version`;

const CUTOFF_US = `coalesce((SELECT epoch_us(value::TIMESTAMPTZ) FROM settings WHERE key = 'retention_cutoff'), -9223372036854775807)::DOUBLE`;

/**
 * Merges transcript rows into `skill_usage` by their key, whatever project or copy they come from.
 * A stored row changes only when the incoming one is of a better copy (a file whose last timestamp
 * is earlier; ties: the smaller session id), or of the same file while the stored one was still
 * open (its window reached the end of the file, or it was pending). Finished rows of their owner
 * never change: a rewritten file cannot take back what was stored. The caller owns the transaction.
 */
export async function mergeTranscriptRows(database: Database, rows: readonly TranscriptRow[], settlements: readonly FileSettlement[] = []): Promise<Map<string, ProjectWrites>> {
	const writes = new Map<string, ProjectWrites>();
	await settle(database, settlements, writes);
	if (rows.length === 0) return writes;
	await createStage(database);
	await stageRows(database, rows);
	await storeBodies(database, rows);
	for (const row of await skillsTypedAsCommands(database, rows)) add(writes, row.project_id, {inserted: 0, updated: 1, unchanged: 0, fromUs: row.invoked_us, toUs: row.invoked_us});
	// Among the copies in this batch, the best one; records older than a prune's cutoff stay deleted.
	await database.run(`CREATE OR REPLACE TEMP TABLE transcript_matched AS
		WITH incoming AS (
			SELECT * FROM ${STAGE}
			WHERE invoked_us >= ${CUTOFF_US}
			-- A copy says the same thing (transcripts.md): one call id naming two skills is two calls.
			QUALIFY row_number() OVER (PARTITION BY row_key, skill_name ORDER BY owner_last_us, session_id, ordinal DESC) = 1
		), span AS (SELECT min(invoked_us) AS from_us, max(invoked_us) AS to_us FROM incoming)
		SELECT i.ordinal, i.project_id, i.invoked_us,
			CASE
				WHEN u.session_key IS NULL THEN 'insert'
				WHEN u.source_file IS DISTINCT FROM i.source_file
					AND (i.owner_last_us < epoch_us(u.owner_last_at) OR (i.owner_last_us = epoch_us(u.owner_last_at) AND i.session_id < u.session_id)) THEN 'update'
				-- Read again after the upgrade to schema 6: what was not known is filled in.
				WHEN u.source_file = i.source_file AND (u.outcome IS NULL AND i.outcome IS NOT NULL OR u.fingerprint IS NULL AND i.fingerprint IS NOT NULL) THEN 'update'
				-- Run again before the horizon closed (outcomes.md, retried): seen once the file grew.
				WHEN u.source_file = i.source_file AND i.retried AND NOT coalesce(u.retried, false) THEN 'update'
				WHEN u.source_file = i.source_file AND (u.window_open OR u.status = 'pending')
					AND (u.status, u.duration_ms, u.followup_actions, u.tool_errors, u.output_tokens, u.window_open, u.error_type, u.outcome, u.retried, u.fingerprint)
						IS DISTINCT FROM (i.status, i.duration_ms, i.followup_actions, i.tool_errors, i.output_tokens, i.window_open, i.error_type, i.outcome, i.retried, i.fingerprint) THEN 'update'
				-- A copy of a row another file owns: not this file's row, so not counted as one.
				WHEN u.source_file IS DISTINCT FROM i.source_file THEN 'copy'
				ELSE 'keep'
			END AS action,
			u.project_id AS stored_project, epoch_us(u.invoked_at)::DOUBLE AS stored_us
		FROM incoming i
		LEFT JOIN (
			-- Rows pulled from another machine's lake (no source file here) are never this collect's to change.
			SELECT * FROM skill_usage
			WHERE source = 'claude-code' AND source_file IS NOT NULL AND invoked_at BETWEEN ${INSTANT('(SELECT from_us FROM span)')} AND ${INSTANT('(SELECT to_us FROM span)')}
		) u ON u.session_key = i.row_key AND u.skill_name = i.skill_name`);
	await database.run(`INSERT INTO skill_usage SELECT ${STORED_ROW}
		FROM ${STAGE} s SEMI JOIN (SELECT ordinal FROM transcript_matched WHERE action = 'insert') USING (ordinal)`);
	await database.run(`UPDATE skill_usage AS u SET
			project_id = m.project_id, session_id = m.session_id, completed_at = m.completed_at, duration_ms = m.duration_ms,
			status = m.status, success = m.success, followup_actions = m.followup_actions, error_type = m.error_type,
			metadata = m.metadata, collected_at = m.collected_at, trigger = m.trigger, kind = m.kind, agent_id = m.agent_id,
			tool_errors = m.tool_errors, output_tokens = m.output_tokens, load_ms = m.load_ms, window_open = m.window_open,
			source_file = m.source_file, owner_last_at = m.owner_last_at, outcome = m.outcome, retried = m.retried,
			fingerprint = m.fingerprint, plugin_version = m.plugin_version
		FROM (
			SELECT ${STORED_ROW} FROM ${STAGE} s SEMI JOIN (SELECT ordinal FROM transcript_matched WHERE action = 'update') USING (ordinal)
		) AS m(project_id, skill_name, invoked_at, session_key, session_id, completed_at, duration_ms, status, success,
			followup_actions, workflow_path, error_type, metadata, collected_at, source, trigger, kind, plugin, agent_id,
			tool_errors, output_tokens, load_ms, window_open, source_file, owner_last_at, outcome, retried, fingerprint, plugin_version)
		WHERE u.source = 'claude-code' AND u.source_file IS NOT NULL AND u.session_key = m.session_key AND u.skill_name = m.skill_name AND u.invoked_at = m.invoked_at`);
	const counts = await database.all<{project_id: string; inserted: number; updated: number; unchanged: number; from_us: number | null; to_us: number | null}>(`
		SELECT project_id,
			count(*) FILTER (WHERE action = 'insert')::INTEGER AS inserted,
			count(*) FILTER (WHERE action = 'update')::INTEGER AS updated,
			count(*) FILTER (WHERE action = 'keep')::INTEGER AS unchanged,
			min(invoked_us) FILTER (WHERE action <> 'keep')::DOUBLE AS from_us,
			max(invoked_us) FILTER (WHERE action <> 'keep')::DOUBLE AS to_us
		FROM (
			SELECT project_id, action, invoked_us FROM transcript_matched
			-- A row that moved out of a project changes that project's rollups too.
			UNION ALL SELECT stored_project, 'update', stored_us FROM transcript_matched WHERE action = 'update' AND stored_project <> project_id
		)
		GROUP BY project_id`);
	for (const count of counts) {
		const range = count.from_us === null ? {} : {fromUs: count.from_us, toUs: count.to_us ?? count.from_us};
		add(writes, count.project_id, {inserted: count.inserted, updated: count.updated, unchanged: count.unchanged, ...range});
	}

	for (const clash of await newClashes(database)) {
		const write = writes.get(clash.project_id);
		if (write) write.clashes = [...(write.clashes ?? []), `${clash.file}: the call id ${clash.key.slice('cc:tu:'.length)} names ${clash.names.join(' and ')}: not copies of one call, so both are kept`];
	}

	return writes;
}


/**
 * Calls just inserted that share their id with a call of another skill, in this batch or stored
 * beside it: ids of other providers are short and repeat (transcripts.md), so both are kept and
 * the collect says so.
 */
async function newClashes(database: Database): Promise<Array<{project_id: string; key: string; names: string[]; file: string}>> {
	return database.all(`
		WITH inserted AS (
			SELECT s.project_id, s.row_key, s.skill_name, s.source_file, s.invoked_us FROM ${STAGE} s
			SEMI JOIN (SELECT ordinal FROM transcript_matched WHERE action = 'insert') USING (ordinal)
			WHERE s.row_key LIKE 'cc:tu:%'
		), span AS (SELECT min(invoked_us) AS from_us, max(invoked_us) AS to_us FROM inserted)
		SELECT any_value(i.project_id) AS project_id, i.row_key AS key, any_value(i.source_file) AS file,
			list_sort(list_distinct(list(i.skill_name) || list(u.skill_name) FILTER (WHERE u.skill_name IS NOT NULL))) AS names
		FROM inserted i
		LEFT JOIN (SELECT session_key, skill_name FROM (
			SELECT row_key AS session_key, skill_name FROM ${STAGE}
			UNION ALL SELECT session_key, skill_name FROM skill_usage
			WHERE source = 'claude-code' AND invoked_at BETWEEN ${INSTANT('(SELECT from_us FROM span)')} AND ${INSTANT('(SELECT to_us FROM span)')}
		)) u ON u.session_key = i.row_key AND u.skill_name <> i.skill_name
		GROUP BY i.row_key
		HAVING count(u.skill_name) > 0`);
}

/**
 * A typed name that is also called through the Skill tool is a skill, whatever its body starts
 * with (transcripts.md: bundled skills such as `simplify` have no base directory line): the typed
 * rows of the names in this batch, once any call of theirs is stored.
 */
async function skillsTypedAsCommands(database: Database, rows: readonly TranscriptRow[]): Promise<Array<{project_id: string; invoked_us: number}>> {
	// Each statement scans the stage or the stored rows: skipped when the batch has nothing it could change.
	const typed = rows.some(row => row.invocation.kind === 'command' && row.invocation.trigger === 'user');
	const called = rows.some(row => row.invocation.trigger === 'model' || row.invocation.trigger === 'subagent');
	if (typed) await typedInStage(database);
	if (!called) return [];
	// Stored typed rows of a name just seen called: changed here, before this batch's rows go in.
	return database.all(`UPDATE skill_usage AS u SET kind = 'skill'
		WHERE u.source = 'claude-code' AND u.kind = 'command' AND u.trigger = 'user'
			AND u.skill_name IN (SELECT skill_name FROM ${STAGE} WHERE trigger IN ('model', 'subagent'))
		RETURNING u.project_id, epoch_us(u.invoked_at)::DOUBLE AS invoked_us`);
}

async function typedInStage(database: Database): Promise<void> {
	const called = `SELECT skill_name FROM ${STAGE} WHERE trigger IN ('model', 'subagent')
		UNION SELECT skill_name FROM skill_usage WHERE source = 'claude-code' AND trigger IN ('model', 'subagent') AND skill_name IN (SELECT skill_name FROM ${STAGE})`;
	await database.run(`UPDATE ${STAGE} SET kind = 'skill' WHERE kind = 'command' AND trigger = 'user' AND skill_name IN (${called})`);
}
