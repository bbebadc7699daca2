/*
 * Sessions keep their skills as lists too (in order, and as a sorted set): co-usage and next-skill
 * over a million sessions read them instead of parsing JSON or sorting raw rows. The rows are
 * derived from skill_usage, so the table is made anew and rebuilt (workflows.ts) rather than copied;
 * workflow_id stays unique by construction, without an index to maintain.
 */
export const VERSION_3 = [
	`DROP TABLE workflow_executions`,
	`CREATE TABLE workflow_executions (
		workflow_id VARCHAR NOT NULL,
		project_id VARCHAR NOT NULL,
		workflow_name VARCHAR,
		session_id VARCHAR,
		skills_used JSON,
		status VARCHAR,
		started_at TIMESTAMPTZ,
		completed_at TIMESTAMPTZ,
		total_duration_ms DOUBLE,
		skill_sequence VARCHAR[],
		skill_set VARCHAR[]
	)`,
	`DELETE FROM settings WHERE key IN ('workflow_rules', 'workflows_built_at')`,
];
