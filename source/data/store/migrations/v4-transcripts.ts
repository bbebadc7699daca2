/*
 * Claude Code transcripts (transcripts.md) as a source. Every stored row is kept: tracker rows get
 * their source from the file they came from, trigger `unknown` and kind `skill`. For transcript
 * rows `session_key` holds the invocation's key (`cc:tu:…`, `cc:cmd:…`), which every copy of the
 * line shares; `source_file` and `owner_last_at` say which copy owns the row (the file whose last
 * timestamp is earliest), `window_open` that a later read of that file may still extend it.
 * `transcript_files` is per file what `source_state` is per tracker file, plus where to resume.
 */
export const VERSION_4 = [
	// DuckDB refuses to update a table altered in the same transaction: copy, drop, rename.
	`CREATE TABLE skill_usage_v4 (
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
		source VARCHAR NOT NULL,
		trigger VARCHAR NOT NULL,
		kind VARCHAR NOT NULL,
		plugin VARCHAR,
		agent_id VARCHAR,
		tool_errors INTEGER,
		output_tokens BIGINT,
		load_ms DOUBLE,
		window_open BOOLEAN NOT NULL,
		source_file VARCHAR,
		owner_last_at TIMESTAMPTZ
	)`,
	`INSERT INTO skill_usage_v4 SELECT *,
		CASE WHEN json_extract_string(metadata, '$.source_file') LIKE '.crackerjack/%' THEN 'crackerjack' ELSE 'session-buddy' END,
		'unknown', 'skill', CASE WHEN strpos(skill_name, ':') > 1 THEN regexp_extract(skill_name, '^(.*):[^:]*$', 1) END,
		NULL, NULL, NULL, NULL, FALSE, NULL, NULL
		FROM skill_usage ORDER BY project_id, invoked_at`,
	`DROP TABLE skill_usage`,
	`ALTER TABLE skill_usage_v4 RENAME TO skill_usage`,
	`CREATE TABLE transcript_files (
		path VARCHAR PRIMARY KEY,
		project_id VARCHAR NOT NULL,
		size BIGINT NOT NULL,
		mtime_ms DOUBLE NOT NULL,
		head_bytes INTEGER NOT NULL,
		head_hash VARCHAR NOT NULL,
		end_offset BIGINT NOT NULL,
		end_line BIGINT NOT NULL,
		resume_offset BIGINT NOT NULL,
		resume_line BIGINT NOT NULL,
		cwd VARCHAR,
		session_id VARCHAR,
		last_timestamp TIMESTAMPTZ,
		invocations INTEGER NOT NULL,
		settled_invocations INTEGER NOT NULL,
		errors INTEGER NOT NULL,
		read_at TIMESTAMPTZ NOT NULL
	)`,
	// The profiles gain the transcript metrics; they are derived, so made anew and recomputed by the
	// next collect or query.
	`DROP TABLE skill_profiles`,
	`CREATE TABLE skill_profiles (
		project_id VARCHAR NOT NULL,
		skill_name VARCHAR NOT NULL,
		rows INTEGER NOT NULL,
		total_invocations INTEGER NOT NULL,
		successful_completions INTEGER NOT NULL,
		failed_invocations INTEGER NOT NULL,
		pending_invocations INTEGER NOT NULL,
		followup_sum BIGINT NOT NULL,
		avg_duration_ms DOUBLE,
		avg_followup_actions DOUBLE,
		first_used TIMESTAMPTZ,
		last_used TIMESTAMPTZ,
		durations DOUBLE[] NOT NULL,
		output_tokens_sum BIGINT NOT NULL,
		output_tokens_count INTEGER NOT NULL,
		tool_errors_sum BIGINT NOT NULL,
		tool_errors_count INTEGER NOT NULL
	)`,
	`DELETE FROM skill_facets`,
	`DELETE FROM settings WHERE key = 'aggregated_at'`,
];
