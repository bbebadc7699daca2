import {listValue} from '../store/duckdb.js';
import type {Database} from '../store/database.js';
import {PAIR_RULES, PAIRS_KEY, refreshSessionPairs} from './session-pairs.js';
import {getSettings, setSettings} from '../store/settings.js';

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
 *
 * Order comes from (invoked_at, skill_name) keys compared inside each group: arg_min/arg_max and a
 * list sorted after grouping. Ordered aggregates (list(… ORDER BY …)) kept a sort state per
 * session and ran out of memory at 10 M rows and a million sessions.
 */
const ORDER_KEY = `{'at': u.invoked_at, 'skill': u.skill_name}`;
const SESSION_ROWS = `
	SELECT workflow_id, project_id, workflow_name, session_id, to_json(sequence) AS skills_used, status, started_at,
		completed_at, total_duration_ms, sequence AS skill_sequence, list_sort(list_distinct(sequence)) AS skill_set
	FROM (SELECT md5(u.project_id || chr(0) || u.session_id) AS workflow_id, u.project_id,
		arg_min(u.workflow_path, ${ORDER_KEY}) FILTER (WHERE u.workflow_path IS NOT NULL) AS workflow_name,
		u.session_id,
		list_transform(list_sort(list(${ORDER_KEY})), key -> key.skill) AS sequence,
		CASE WHEN bool_or(u.status = 'failed') THEN 'failed'
			WHEN arg_max(u.status, ${ORDER_KEY}) = 'pending' THEN 'running'
			ELSE 'completed' END AS status,
		min(u.invoked_at) AS started_at,
		CASE WHEN arg_max(u.status, ${ORDER_KEY}) = 'pending' AND NOT bool_or(u.status = 'failed') THEN NULL
			ELSE max(coalesce(u.completed_at, u.invoked_at)) FILTER (WHERE u.status <> 'pending') END AS completed_at,
		sum(u.duration_ms) AS total_duration_ms
	FROM skill_usage u`;
/** Closes SESSION_ROWS after its WHERE. */
const BY_SESSION = `GROUP BY u.project_id, u.session_id)`;
const IN_SESSION = `u.session_id IS NOT NULL AND u.session_id <> ''`;

/** Projects rebuilt in one statement hold at most this many rows together (memory, not speed). */
const ROWS_PER_REBUILD = 1_000_000;

/** Every session of these projects, anew: small projects together (one statement each cost ~10 ms). */
async function rebuildProjects(database: Database, projectIds: readonly string[]): Promise<void> {
	if (projectIds.length === 0) return;
	const sizes = await database.all<{project_id: string; rows: number}>(
		`SELECT project_id, count(*)::DOUBLE AS rows FROM skill_usage WHERE list_contains($ids, project_id) GROUP BY project_id ORDER BY project_id`,
		{ids: listValue([...projectIds])},
	);
	const groups: string[][] = [];
	let rows = Number.POSITIVE_INFINITY;
	for (const size of sizes) {
		if (rows + size.rows > ROWS_PER_REBUILD) {
			groups.push([]);
			rows = 0;
		}

		groups.at(-1)!.push(size.project_id);
		rows += size.rows;
	}

	await database.run(`DELETE FROM workflow_executions WHERE list_contains($ids, project_id)`, {ids: listValue([...projectIds])});
	for (const group of groups) {
		await database.run(`INSERT INTO workflow_executions ${SESSION_ROWS} WHERE list_contains($ids, u.project_id) AND ${IN_SESSION} ${BY_SESSION}`, {
			ids: listValue(group),
		});
	}
}

/** The sessions of one project that have a row in [from, to], each rebuilt from all its rows. */
async function rebuildSpan(database: Database, change: Required<WorkflowRefresh>): Promise<void> {
	// Instants, not epoch numbers: the bare column compared to a constant lets DuckDB skip row groups.
	const params = {project: change.projectId, from: BigInt(Math.floor(change.fromUs)), to: BigInt(Math.ceil(change.toUs))};
	await database.run(`CREATE OR REPLACE TEMP TABLE workflow_scope AS
		SELECT DISTINCT u.session_id FROM skill_usage u
		WHERE u.project_id = $project AND ${IN_SESSION}
			AND u.invoked_at BETWEEN make_timestamp($from::BIGINT)::TIMESTAMPTZ AND make_timestamp($to::BIGINT)::TIMESTAMPTZ`, params);
	await database.run(`DELETE FROM workflow_executions WHERE project_id = $project AND session_id IN (SELECT session_id FROM workflow_scope)`, {project: change.projectId});
	await database.run(`INSERT INTO workflow_executions ${SESSION_ROWS}
		WHERE u.project_id = $project AND u.session_id IN (SELECT session_id FROM workflow_scope)
		${BY_SESSION}`, {project: change.projectId});
	await database.run(`DROP TABLE IF EXISTS workflow_scope`);
}

/**
 * Rebuilds `workflow_executions` project by project (memory stays that of one project): for each
 * change, the sessions with a row in its span, or all of the project's without a span. No
 * argument: every session of every project. The caller may own a transaction; this opens none.
 */
async function rebuildWorkflows(database: Database, changes?: readonly WorkflowRefresh[]): Promise<void> {
	if (changes === undefined) {
		await database.run(`DELETE FROM workflow_executions`);
		const projects = await database.all<{project_id: string}>(`SELECT project_id FROM projects ORDER BY project_id`);
		await rebuildProjects(database, projects.map(project => project.project_id));
		return;
	}

	await rebuildProjects(database, changes.filter(change => change.fromUs === undefined || change.toUs === undefined).map(change => change.projectId));
	for (const change of changes) {
		if (change.fromUs !== undefined && change.toUs !== undefined) await rebuildSpan(database, {projectId: change.projectId, fromUs: change.fromUs, toUs: change.toUs});
	}
}

/** Bumped when the definition of a workflow row changes: rows built by older rules are rebuilt. */
const WORKFLOW_RULES = '2';

/** What workflowsAreFresh reads (see AGGREGATE_FRESHNESS_KEYS). */
export const WORKFLOW_FRESHNESS_KEYS = ['workflow_rules', 'workflows_built_at', 'data_changed_at', PAIRS_KEY] as const;

/**
 * Built by these rules after the last change of data (`data_changed_at`, set in the same
 * transaction as the rows). A collect or prune killed between writing rows and rebuilding
 * sessions leaves them stale, and this says so.
 */
export async function workflowsAreFresh(database: Database, known?: Partial<Record<string, string>>): Promise<boolean> {
	const settings = known ?? (await getSettings(database, WORKFLOW_FRESHNESS_KEYS));
	const {workflow_rules: rules, workflows_built_at: builtAt, data_changed_at: changedAt} = settings;
	// The session pairs (session-pairs.ts) are part of it: a database built without them is rebuilt once.
	if (rules !== WORKFLOW_RULES || builtAt === undefined || settings[PAIRS_KEY] !== PAIR_RULES) return false;
	// Millisecond stamps: a change in the same millisecond may have come after the build.
	return changedAt === undefined || changedAt < builtAt;
}

/**
 * Brings `workflow_executions` up to date in one transaction: only the sessions of `changes`
 * when the table was fresh before them (the caller checks with workflowsAreFresh before writing
 * rows), every session otherwise.
 */
export async function refreshWorkflows(database: Database, changes?: readonly WorkflowRefresh[]): Promise<void> {
	await database.transaction(async () => refreshWorkflowsIn(database, changes));
}

/** refreshWorkflows inside the caller's transaction (a collect's rollups land together). */
export async function refreshWorkflowsIn(database: Database, changes?: readonly WorkflowRefresh[]): Promise<void> {
	const stored = await getSettings(database, ['workflow_rules', PAIRS_KEY]);
	const built = stored.workflow_rules === WORKFLOW_RULES;
	await rebuildWorkflows(database, built ? changes : undefined);
	// The pairs of the projects whose sessions changed: all of them, unless built before.
	const pairsBuilt = built && changes !== undefined && stored[PAIRS_KEY] === PAIR_RULES;
	await refreshSessionPairs(database, pairsBuilt ? [...new Set(changes.map(change => change.projectId))] : undefined);
	await setSettings(database, {workflow_rules: WORKFLOW_RULES, workflows_built_at: new Date().toISOString()});
}
