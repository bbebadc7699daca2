import {DuckDBTimestampTZValue} from '@duckdb/node-api';
import type {UsageRecord} from '../domain/types.js';
import type {Database} from './database.js';

export interface WriteCounts {
	inserted: number;
	updated: number;
	unchanged: number;
	/** Earliest and latest `invoked_at` (epoch µs) of the rows inserted or updated: the rollups to refresh. */
	changedFromUs?: number;
	changedToUs?: number;
}

const STAGE = 'usage_stage';

/** The staged columns, in order, for writers other than the appender (the DuckDB JSON path). */
export const STAGE_COLUMNS = `ordinal, skill_name, invoked_at, session_key, session_id, completed_at, duration_ms, status, success,
	followup_actions, workflow_path, error_type, metadata`;

/** An empty `usage_stage`: rows go there first, then `mergeStaged` moves them into `skill_usage`. */
export async function createStage(database: Database): Promise<void> {
	await database.run(`CREATE TEMP TABLE IF NOT EXISTS ${STAGE} (
		ordinal INTEGER, skill_name VARCHAR, invoked_at TIMESTAMPTZ, session_key VARCHAR, session_id VARCHAR,
		completed_at TIMESTAMPTZ, duration_ms DOUBLE, status VARCHAR, success BOOLEAN, followup_actions INTEGER,
		workflow_path VARCHAR, error_type VARCHAR, metadata VARCHAR)`);
	await database.run(`DELETE FROM ${STAGE}`);
}

/** Half a surrogate pair: JSON.stringify escapes it as `\udXXX`, which DuckDB's JSON refuses. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** JSON.stringify writes a lone surrogate, and only that, as an escape `\\udXXX` (pairs stay raw). */
const SURROGATE_ESCAPE = /\\ud[89a-f]/i;

function metadataJson(metadata: Record<string, unknown>): string {
	// The replacer costs a call per value: only a text that may hold a lone surrogate takes it.
	const plain = JSON.stringify(metadata);
	if (!SURROGATE_ESCAPE.test(plain)) return plain;
	return JSON.stringify(metadata, (_key, value: unknown) => (typeof value === 'string' ? value.replace(LONE_SURROGATE, '\ufffd') : value));
}

function timestamp(us: number): DuckDBTimestampTZValue {
	return new DuckDBTimestampTZValue(BigInt(us));
}

/** Bulk path: the appender, never an INSERT per row (design.md §6). */
async function stageRecords(database: Database, records: readonly UsageRecord[]): Promise<void> {
	const appender = await database.connection.createAppender(STAGE, 'main', 'temp');
	try {
		records.forEach((record, ordinal) => {
			appender.appendInteger(ordinal);
			appender.appendVarchar(record.skillName);
			appender.appendTimestampTZ(timestamp(record.invokedAtUs));
			appender.appendVarchar(record.sessionId ?? '');
			if (record.sessionId === null) appender.appendNull();
			else appender.appendVarchar(record.sessionId);
			if (record.completedAtUs === null) appender.appendNull();
			else appender.appendTimestampTZ(timestamp(record.completedAtUs));
			if (record.durationMs === null) appender.appendNull();
			else appender.appendDouble(record.durationMs);
			appender.appendVarchar(record.status);
			if (record.status === 'pending') appender.appendNull();
			else appender.appendBoolean(record.status === 'succeeded');
			appender.appendInteger(record.followupActions);
			if (record.workflowPath === null) appender.appendNull();
			else appender.appendVarchar(record.workflowPath);
			if (record.errorType === null) appender.appendNull();
			else appender.appendVarchar(record.errorType);
			appender.appendVarchar(metadataJson(record.metadata));
			appender.endRow();
		});
		appender.flushSync();
	} finally {
		appender.closeSync();
	}
}

/**
 * Merges one source's records into `skill_usage` by the idempotency key. A record already stored
 * is only updated when it was pending and is now finished: finished records never change again,
 * so two sources that disagree cannot flip a row back and forth between collects.
 * The caller owns the transaction.
 */
export async function mergeRecords(database: Database, projectId: string, records: readonly UsageRecord[]): Promise<WriteCounts> {
	if (records.length === 0) return {inserted: 0, updated: 0, unchanged: 0};
	await createStage(database);
	await stageRecords(database, records);
	return mergeStaged(database, projectId);
}

/** `mergeRecords` for rows already in `usage_stage`. The caller owns the transaction. */
export async function mergeStaged(database: Database, projectId: string): Promise<WriteCounts> {
	// Identical keys inside one file are one record: keep the most finished, then the last written.
	// Records older than a prune's cutoff were deleted on purpose: they are not stored again.
	await database.run(`CREATE OR REPLACE TEMP TABLE usage_incoming AS
		SELECT * EXCLUDE (ordinal) FROM ${STAGE}
		WHERE invoked_at >= coalesce((SELECT value::TIMESTAMPTZ FROM settings WHERE key = 'retention_cutoff'), '-infinity'::TIMESTAMPTZ)
		QUALIFY row_number() OVER (
			PARTITION BY skill_name, invoked_at, session_key
			ORDER BY (status = 'pending'), ordinal DESC) = 1`);
	await database.run(`CREATE OR REPLACE TEMP TABLE usage_matched AS
		SELECT s.*, u.status AS stored_status
		FROM usage_incoming s
		LEFT JOIN (SELECT skill_name, invoked_at, session_key, status FROM skill_usage WHERE project_id = $project) u
		USING (skill_name, invoked_at, session_key)`, {project: projectId});
	const counts = await database.one<{inserted: number; updated: number; total: number; from_us: number | null; to_us: number | null}>(`
		SELECT count(*) FILTER (WHERE stored_status IS NULL)::INTEGER AS inserted,
			count(*) FILTER (WHERE stored_status = 'pending' AND status <> 'pending')::INTEGER AS updated,
			count(*)::INTEGER AS total,
			epoch_us(min(invoked_at) FILTER (WHERE stored_status IS NULL OR (stored_status = 'pending' AND status <> 'pending')))::DOUBLE AS from_us,
			epoch_us(max(invoked_at) FILTER (WHERE stored_status IS NULL OR (stored_status = 'pending' AND status <> 'pending')))::DOUBLE AS to_us
		FROM usage_matched`);
	await database.run(`INSERT INTO skill_usage
		SELECT $project, skill_name, invoked_at, session_key, session_id, completed_at, duration_ms, status, success,
			followup_actions, workflow_path, error_type, metadata::JSON, now()
		FROM usage_matched WHERE stored_status IS NULL`, {project: projectId});
	await database.run(`UPDATE skill_usage AS u SET
			status = m.status, success = m.success, completed_at = m.completed_at, duration_ms = m.duration_ms,
			followup_actions = m.followup_actions, workflow_path = m.workflow_path, error_type = m.error_type,
			metadata = m.metadata::JSON, collected_at = now()
		FROM usage_matched m
		WHERE u.project_id = $project AND u.skill_name = m.skill_name AND u.invoked_at = m.invoked_at
			AND u.session_key = m.session_key AND m.stored_status = 'pending' AND m.status <> 'pending'`, {project: projectId});
	const inserted = counts?.inserted ?? 0;
	const updated = counts?.updated ?? 0;
	const range = counts?.from_us === null || counts?.from_us === undefined ? {} : {changedFromUs: counts.from_us, changedToUs: counts.to_us ?? counts.from_us};
	return {inserted, updated, unchanged: (counts?.total ?? 0) - inserted - updated, ...range};
}
