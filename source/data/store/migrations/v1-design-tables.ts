/**
 * The design's tables, with what its SQL got wrong fixed: `skill_usage` keyed by the idempotency
 * key of formats.md, aggregates bucketed, and '*' (never NULL) as the cross-project scope so the
 * primary key holds.
 */
export const VERSION_1 = [
	`CREATE TABLE projects (
		project_id VARCHAR PRIMARY KEY,
		project_path VARCHAR NOT NULL UNIQUE,
		project_name VARCHAR NOT NULL,
		project_type VARCHAR NOT NULL DEFAULT 'unknown',
		registered_at TIMESTAMPTZ NOT NULL,
		last_sync_at TIMESTAMPTZ,
		is_active BOOLEAN NOT NULL DEFAULT TRUE,
		last_error_count INTEGER NOT NULL DEFAULT 0,
		last_error VARCHAR,
		metadata JSON
	)`,
	`CREATE TABLE skill_usage (
		project_id VARCHAR NOT NULL,
		skill_name VARCHAR NOT NULL,
		invoked_at TIMESTAMPTZ NOT NULL,
		session_key VARCHAR NOT NULL,
		session_id VARCHAR,
		completed_at TIMESTAMPTZ,
		duration_ms DOUBLE,
		status VARCHAR NOT NULL,
		success BOOLEAN,
		followup_actions INTEGER NOT NULL DEFAULT 0,
		workflow_path VARCHAR,
		error_type VARCHAR,
		metadata JSON,
		collected_at TIMESTAMPTZ NOT NULL,
		PRIMARY KEY (project_id, skill_name, invoked_at, session_key)
	)`,
	`CREATE TABLE skill_aggregates (
		project_id VARCHAR NOT NULL,
		skill_name VARCHAR NOT NULL,
		time_window VARCHAR NOT NULL,
		bucket_start DATE NOT NULL,
		total_invocations INTEGER NOT NULL,
		successful_completions INTEGER NOT NULL,
		failed_invocations INTEGER NOT NULL,
		pending_invocations INTEGER NOT NULL,
		success_rate DOUBLE,
		duration_sum_ms DOUBLE NOT NULL,
		duration_count INTEGER NOT NULL,
		avg_duration_ms DOUBLE,
		followup_sum BIGINT NOT NULL,
		avg_followup_actions DOUBLE,
		first_used TIMESTAMPTZ,
		last_used TIMESTAMPTZ,
		computed_at TIMESTAMPTZ NOT NULL,
		PRIMARY KEY (project_id, time_window, bucket_start, skill_name)
	)`,
	`CREATE TABLE workflow_executions (
		workflow_id VARCHAR PRIMARY KEY,
		project_id VARCHAR NOT NULL,
		workflow_name VARCHAR,
		session_id VARCHAR,
		skills_used JSON,
		status VARCHAR,
		started_at TIMESTAMPTZ,
		completed_at TIMESTAMPTZ,
		total_duration_ms DOUBLE
	)`,
	`CREATE TABLE source_state (
		project_id VARCHAR NOT NULL,
		source_path VARCHAR NOT NULL,
		size BIGINT NOT NULL,
		mtime_ms DOUBLE NOT NULL,
		records INTEGER NOT NULL,
		errors INTEGER NOT NULL,
		read_at TIMESTAMPTZ NOT NULL,
		PRIMARY KEY (project_id, source_path)
	)`,
	`CREATE TABLE settings (key VARCHAR PRIMARY KEY, value VARCHAR)`,
];
