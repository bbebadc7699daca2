import type {DuckDBValue} from '@duckdb/node-api';
import type {UsageRecord} from '../../domain/types.js';
import type {Database} from './database.js';
import {STATUSES, toUsageColumns, type UsageColumns} from './usage-columns.js';

export interface WriteCounts {
	inserted: number;
	updated: number;
	unchanged: number;
	/** Earliest and latest `invoked_at` (epoch µs) of the rows inserted or updated: the rollups to refresh. */
	changedFromUs?: number;
	changedToUs?: number;
}

const STAGE = 'usage_stage';

/**
 * The staged columns, in order, for writers other than the appender (the DuckDB JSON path).
 * Instants are epoch microseconds as DOUBLE (exact below 2^53, year 2255): the appender's own
 * TIMESTAMPTZ values cost about 3 µs each, a double nothing.
 */
export const STAGE_COLUMNS = `ordinal, skill_name, invoked_us, session_id, completed_us, duration_ms, status, followup_actions,
	workflow_path, error_type, metadata`;

/**
 * An empty `usage_stage`: rows go there first, then `mergeStaged` moves them into `skill_usage`.
 * Replaced, not emptied: the rows a DELETE removes from a temporary table keep their memory, and
 * a large collect (100 files of 100,000 rows) ran out of it.
 */
export async function createStage(database: Database): Promise<void> {
	await database.run(`CREATE OR REPLACE TEMP TABLE ${STAGE} (
		ordinal INTEGER, skill_name VARCHAR, invoked_us DOUBLE, session_id VARCHAR, completed_us DOUBLE, duration_ms DOUBLE,
		status VARCHAR, followup_actions INTEGER, workflow_path VARCHAR, error_type VARCHAR, metadata VARCHAR)`);
}

/** Rows appended between two yields to the event loop: a large file must not freeze the explorer. */
const ROWS_PER_SLICE = 16_384;

/** Bulk path: the appender, never an INSERT per row (design.md §6). */
async function stageColumns(database: Database, columns: UsageColumns): Promise<void> {
	const appender = await database.connection.createAppender(STAGE, 'main', 'temp');
	const text = (value: string | null) => (value === null ? appender.appendNull() : appender.appendVarchar(value));
	const number = (value: number) => (Number.isNaN(value) ? appender.appendNull() : appender.appendDouble(value));
	try {
		for (let start = 0; start < columns.count; start += ROWS_PER_SLICE) {
			if (start > 0) await new Promise(resolve => setImmediate(resolve));
			const end = Math.min(columns.count, start + ROWS_PER_SLICE);
			for (let index = start; index < end; index++) {
				appender.appendInteger(index);
				appender.appendVarchar(columns.skillName[index]!);
				appender.appendDouble(columns.invokedUs[index]!);
				text(columns.sessionId[index]!);
				number(columns.completedUs[index]!);
				number(columns.durationMs[index]!);
				appender.appendVarchar(STATUSES[columns.status[index]!]!);
				appender.appendInteger(columns.followupActions[index]!);
				text(columns.workflowPath[index]!);
				text(columns.errorType[index]!);
				appender.appendVarchar(columns.metadata[index]!);
				appender.endRow();
			}
		}

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
export async function mergeRecords(database: Database, projectId: string, records: readonly UsageRecord[] | UsageColumns, source: TrackerSource): Promise<WriteCounts> {
	const columns = Array.isArray(records) ? toUsageColumns(records as readonly UsageRecord[]) : (records as UsageColumns);
	if (columns.count === 0) return {inserted: 0, updated: 0, unchanged: 0};
	await createStage(database);
	await stageColumns(database, columns);
	return mergeStaged(database, projectId, source);
}

/** Which tracker wrote a row: the folder of its file (formats.md). */
export type TrackerSource = 'session-buddy' | 'crackerjack';

export function trackerSourceOf(relativePath: string): TrackerSource {
	return relativePath.startsWith('.crackerjack/') ? 'crackerjack' : 'session-buddy';
}

/**
 * A staged row as a `skill_usage` row; trackers know no trigger, tokens or tool errors. `project`
 * and `source` are SQL: parameters here, columns of the batch's files in trackers/batch-store.ts.
 */
export function storedRow(project = '$project', source = '$source'): string {
	return `${project}, skill_name, make_timestamp(invoked_us::BIGINT)::TIMESTAMPTZ, coalesce(session_id, ''), session_id,
	make_timestamp(completed_us::BIGINT)::TIMESTAMPTZ, duration_ms, status, CASE status WHEN 'succeeded' THEN true WHEN 'failed' THEN false END,
	followup_actions, workflow_path, error_type, metadata::JSON, now(),
	${source}, 'unknown', 'skill', CASE WHEN strpos(skill_name, ':') > 1 THEN regexp_extract(skill_name, '^(.*):[^:]*$', 1) END,
	NULL, NULL, NULL, NULL, FALSE, NULL, NULL,
	-- outcomes.md: a tracker row has no window; its writer's flag decides.
	CASE status WHEN 'succeeded' THEN 'clean' WHEN 'failed' THEN 'errored' END, FALSE, NULL, NULL`;
}

const STORED_ROW = storedRow();

/** Rows older than a prune's cutoff (epoch µs) were deleted on purpose: they are not stored again. */
export const CUTOFF_US = `coalesce((SELECT epoch_us(value::TIMESTAMPTZ) FROM settings WHERE key = 'retention_cutoff'), -9223372036854775807)::DOUBLE`;

/** Where staged rows are read from: `usage_stage`, or a query of STAGE_COLUMNS with its parameters. */
export interface Stage {
	sql: string;
	params: Record<string, DuckDBValue>;
}

const TEMP_STAGE: Stage = {sql: STAGE, params: {}};

/**
 * `mergeRecords` for rows already in `usage_stage` (or `stage`). The caller owns the transaction.
 *
 * The key has no index (schema version 2): the key is kept unique here, by this merge being the
 * only writer of `skill_usage`. A file whose keys are all distinct, none older than a prune's
 * cutoff and none stored yet in its time span (every cold collect) goes in with one INSERT;
 * anything else is matched key by key.
 */
export async function mergeStaged(database: Database, projectId: string, source: TrackerSource, stage: Stage = TEMP_STAGE): Promise<WriteCounts> {
	const summary = await database.one<{total: number; from_us: number | null; to_us: number | null; too_old: number; duplicated: boolean; stored: boolean}>(`
		WITH span AS (
			SELECT count(*)::INTEGER AS total, min(invoked_us) AS from_us, max(invoked_us) AS to_us,
				count(*) FILTER (WHERE invoked_us < ${CUTOFF_US})::INTEGER AS too_old
			FROM ${stage.sql}
		)
		SELECT total, from_us, to_us, too_old,
			EXISTS (SELECT 1 FROM ${stage.sql} GROUP BY skill_name, invoked_us, coalesce(session_id, '') HAVING count(*) > 1) AS duplicated,
			EXISTS (SELECT 1 FROM skill_usage WHERE project_id = $project
				AND invoked_at BETWEEN make_timestamp(from_us::BIGINT)::TIMESTAMPTZ AND make_timestamp(to_us::BIGINT)::TIMESTAMPTZ) AS stored
		FROM span`, {...stage.params, project: projectId});
	const total = summary?.total ?? 0;
	if (total === 0 || summary?.from_us === null || summary?.to_us === null || summary === undefined) return {inserted: 0, updated: 0, unchanged: 0};
	if (summary.too_old === 0 && !summary.duplicated && !summary.stored) {
		await database.run(`INSERT INTO skill_usage SELECT ${STORED_ROW} FROM ${stage.sql}`, {...stage.params, project: projectId, source});
		return {inserted: total, updated: 0, unchanged: 0, changedFromUs: summary.from_us, changedToUs: summary.to_us};
	}

	return mergeByKey(database, projectId, source, summary.from_us, summary.to_us, stage);
}

async function mergeByKey(database: Database, projectId: string, source: TrackerSource, fromUs: number, toUs: number, stage: Stage): Promise<WriteCounts> {
	// Identical keys inside one file are one record: keep the most finished, then the last written.
	// Records older than a prune's cutoff were deleted on purpose: they are not stored again.
	// Only keys, status and ordinal are copied: the staged rows themselves stay where they are.
	await database.run(`CREATE OR REPLACE TEMP TABLE usage_matched AS
		WITH incoming AS (
			SELECT ordinal, skill_name, make_timestamp(invoked_us::BIGINT)::TIMESTAMPTZ AS invoked_at, coalesce(session_id, '') AS session_key, status
			FROM ${stage.sql}
			WHERE invoked_us >= ${CUTOFF_US}
			QUALIFY row_number() OVER (PARTITION BY skill_name, invoked_us, session_key ORDER BY (status = 'pending'), ordinal DESC) = 1
		)
		SELECT i.ordinal, i.invoked_at, i.status, u.status AS stored_status
		FROM incoming i
		LEFT JOIN (
			SELECT skill_name, invoked_at, session_key, status FROM skill_usage
			WHERE project_id = $project AND invoked_at BETWEEN make_timestamp($from::BIGINT)::TIMESTAMPTZ AND make_timestamp($to::BIGINT)::TIMESTAMPTZ
		) u USING (skill_name, invoked_at, session_key)`, {...stage.params, project: projectId, from: fromUs, to: toUs});
	const counts = await database.one<{inserted: number; updated: number; total: number; from_us: number | null; to_us: number | null}>(`
		SELECT count(*) FILTER (WHERE stored_status IS NULL)::INTEGER AS inserted,
			count(*) FILTER (WHERE stored_status = 'pending' AND status <> 'pending')::INTEGER AS updated,
			count(*)::INTEGER AS total,
			epoch_us(min(invoked_at) FILTER (WHERE stored_status IS NULL OR (stored_status = 'pending' AND status <> 'pending')))::DOUBLE AS from_us,
			epoch_us(max(invoked_at) FILTER (WHERE stored_status IS NULL OR (stored_status = 'pending' AND status <> 'pending')))::DOUBLE AS to_us
		FROM usage_matched`);
	const inserted = counts?.inserted ?? 0;
	const updated = counts?.updated ?? 0;
	if (inserted > 0) {
		await database.run(`INSERT INTO skill_usage SELECT ${STORED_ROW}
			FROM ${stage.sql} SEMI JOIN (SELECT ordinal FROM usage_matched WHERE stored_status IS NULL) USING (ordinal)`, {...stage.params, project: projectId, source});
	}

	if (updated > 0) {
		await database.run(`UPDATE skill_usage AS u SET
				status = m.status, success = m.success, completed_at = m.completed_at, duration_ms = m.duration_ms,
				followup_actions = m.followup_actions, workflow_path = m.workflow_path, error_type = m.error_type,
				metadata = m.metadata, collected_at = m.collected_at, outcome = m.outcome, retried = m.retried
			FROM (
				SELECT ${STORED_ROW} FROM ${stage.sql}
				SEMI JOIN (SELECT ordinal FROM usage_matched WHERE stored_status = 'pending' AND status <> 'pending') USING (ordinal)
			) AS m(project_id, skill_name, invoked_at, session_key, session_id, completed_at, duration_ms, status, success,
				followup_actions, workflow_path, error_type, metadata, collected_at, source, trigger, kind, plugin, agent_id,
				tool_errors, output_tokens, load_ms, window_open, source_file, owner_last_at, outcome, retried, fingerprint, plugin_version)
			WHERE u.project_id = $project AND u.skill_name = m.skill_name AND u.invoked_at = m.invoked_at AND u.session_key = m.session_key`,
		{...stage.params, project: projectId, source});
	}

	const range = counts?.from_us === null || counts?.from_us === undefined ? {} : {changedFromUs: counts.from_us, changedToUs: counts.to_us ?? counts.from_us};
	return {inserted, updated, unchanged: (counts?.total ?? 0) - inserted - updated, ...range};
}
