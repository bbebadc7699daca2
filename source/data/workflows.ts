import type {Database} from './database.js';
import {getSetting, setSetting} from './settings.js';

/** Per project: the span of `invoked_at` (epoch µs) that changed; absent = the whole project. */
export interface WorkflowRefresh {
	projectId: string;
	fromUs?: number;
	toUs?: number;
}

/*
 * One row per session (README, "Insight definitions"): skills in invoked_at order (ties by name),
 * started at the first invocation, completed at the last moment a record finished (NULL while
 * running), total_duration_ms the sum of the durations known (time spent in skills, not the
 * gaps between them). Status: `failed` once any record failed (a failure never changes), else
 * `running` if the last record is still pending, else `completed`. workflow_id is stable across
 * collects: md5 of project and session.
 */
const SESSION_ROWS = `
	SELECT md5(u.project_id || chr(0) || u.session_id) AS workflow_id, u.project_id,
		first(u.workflow_path ORDER BY u.invoked_at, u.skill_name) FILTER (WHERE u.workflow_path IS NOT NULL) AS workflow_name,
		u.session_id,
		to_json(list(u.skill_name ORDER BY u.invoked_at, u.skill_name)) AS skills_used,
		CASE WHEN bool_or(u.status = 'failed') THEN 'failed'
			WHEN last(u.status ORDER BY u.invoked_at, u.skill_name) = 'pending' THEN 'running'
			ELSE 'completed' END AS status,
		min(u.invoked_at) AS started_at,
		CASE WHEN last(u.status ORDER BY u.invoked_at, u.skill_name) = 'pending' AND NOT bool_or(u.status = 'failed') THEN NULL
			ELSE max(coalesce(u.completed_at, u.invoked_at)) FILTER (WHERE u.status <> 'pending') END AS completed_at,
		sum(u.duration_ms) AS total_duration_ms
	FROM skill_usage u
	WHERE u.session_id IS NOT NULL AND u.session_id <> '' AND EXISTS (SELECT 1 FROM workflow_scope s WHERE s.project_id = u.project_id AND s.session_id = u.session_id)
	GROUP BY u.project_id, u.session_id`;

/**
 * Rebuilds `workflow_executions` for the sessions that have a row in the changed spans (a
 * session's other rows are read too, so each row is whole). No argument: every session.
 * The caller may own a transaction; this opens none.
 */
async function rebuildWorkflows(database: Database, changes?: readonly WorkflowRefresh[]): Promise<void> {
	// Instants, not epoch numbers: a bare column compared to a constant lets DuckDB skip row groups.
	await database.run(`CREATE OR REPLACE TEMP TABLE workflow_changes (project_id VARCHAR, from_at TIMESTAMPTZ, to_at TIMESTAMPTZ)`);
	const whole = changes === undefined;
	for (const change of changes ?? []) {
		await database.run(`INSERT INTO workflow_changes VALUES ($project, make_timestamp($from::BIGINT)::TIMESTAMPTZ, make_timestamp($to::BIGINT)::TIMESTAMPTZ)`, {
			project: change.projectId,
			from: change.fromUs === undefined ? null : BigInt(Math.floor(change.fromUs)),
			to: change.toUs === undefined ? null : BigInt(Math.ceil(change.toUs)),
		});
	}

	await database.run(`CREATE OR REPLACE TEMP TABLE workflow_scope AS
		SELECT DISTINCT u.project_id, u.session_id FROM skill_usage u
		${whole ? '' : `JOIN workflow_changes c ON c.project_id = u.project_id
			AND (c.from_at IS NULL OR u.invoked_at >= c.from_at) AND (c.to_at IS NULL OR u.invoked_at <= c.to_at)`}
		WHERE u.session_id IS NOT NULL AND u.session_id <> ''`);
	if (whole) {
		await database.run(`DELETE FROM workflow_executions`);
	} else {
		await database.run(`DELETE FROM workflow_executions w
			WHERE EXISTS (SELECT 1 FROM workflow_scope s WHERE s.project_id = w.project_id AND s.session_id = w.session_id)`);
	}

	await database.run(`INSERT INTO workflow_executions ${SESSION_ROWS}`);
	await database.run(`DROP TABLE IF EXISTS workflow_scope`);
	await database.run(`DROP TABLE IF EXISTS workflow_changes`);
}

/** Bumped when the definition of a workflow row changes: rows built by older rules are rebuilt. */
const WORKFLOW_RULES = '1';

/**
 * Built by these rules after the last change of data (`data_changed_at`, set in the same
 * transaction as the rows). A collect or prune killed between writing rows and rebuilding
 * sessions leaves them stale, and this says so.
 */
export async function workflowsAreFresh(database: Database): Promise<boolean> {
	const [rules, builtAt, changedAt] = await Promise.all([
		getSetting(database, 'workflow_rules'),
		getSetting(database, 'workflows_built_at'),
		getSetting(database, 'data_changed_at'),
	]);
	if (rules !== WORKFLOW_RULES || builtAt === undefined) return false;
	// Millisecond stamps: a change in the same millisecond may have come after the build.
	return changedAt === undefined || changedAt < builtAt;
}

/**
 * Brings `workflow_executions` up to date in one transaction: only the sessions of `changes`
 * when the table was fresh before them (the caller checks with workflowsAreFresh before writing
 * rows), every session otherwise.
 */
export async function refreshWorkflows(database: Database, changes?: readonly WorkflowRefresh[]): Promise<void> {
	await database.transaction(async () => {
		const built = (await getSetting(database, 'workflow_rules')) === WORKFLOW_RULES;
		await rebuildWorkflows(database, built ? changes : undefined);
		await setSetting(database, 'workflow_rules', WORKFLOW_RULES);
		await setSetting(database, 'workflows_built_at', new Date().toISOString());
	});
}

/** For readers: rebuilds every session if the table is not fresh. */
export async function ensureWorkflows(database: Database): Promise<void> {
	if (!(await workflowsAreFresh(database))) await refreshWorkflows(database);
}
