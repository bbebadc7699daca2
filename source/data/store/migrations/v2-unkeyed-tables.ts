/**
 * `skill_usage` and `skill_aggregates` without their primary keys. The indexes cost a third of
 * every insert, most of a rollup refresh, and were written again at each checkpoint; nothing
 * relied on them: usage-writer.ts matches incoming rows against stored ones by the key before
 * writing, and aggregator.ts deletes the buckets it recomputes before inserting them, each the
 * only writer of its table. DuckDB cannot drop a primary key in place (nor rename an indexed
 * table): copy, drop, rename.
 */
export const VERSION_2 = [
	`CREATE TABLE skill_usage_unkeyed (
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
		collected_at TIMESTAMPTZ NOT NULL
	)`,
	// Project by project, in time order: the zone maps then skip whole row groups per project and period.
	`INSERT INTO skill_usage_unkeyed SELECT * FROM skill_usage ORDER BY project_id, invoked_at`,
	`DROP TABLE skill_usage`,
	`ALTER TABLE skill_usage_unkeyed RENAME TO skill_usage`,
	`CREATE TABLE skill_aggregates_unkeyed (
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
		computed_at TIMESTAMPTZ NOT NULL
	)`,
	`INSERT INTO skill_aggregates_unkeyed SELECT * FROM skill_aggregates ORDER BY project_id, time_window, bucket_start, skill_name`,
	`DROP TABLE skill_aggregates`,
	`ALTER TABLE skill_aggregates_unkeyed RENAME TO skill_aggregates`,
	// A skill's all-time figures per project, for the drill-down without a day range (aggregator.ts):
	// raw rows are read again only when a range is asked. Quantiles cannot be added up across
	// projects, so the succeeded durations themselves are kept, unordered.
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
		durations DOUBLE[] NOT NULL
	)`,
	/** How often each error type, workflow path and follow-up action occurs, per project and skill. */
	`CREATE TABLE skill_facets (
		project_id VARCHAR NOT NULL,
		skill_name VARCHAR NOT NULL,
		facet VARCHAR NOT NULL,
		value VARCHAR NOT NULL,
		count INTEGER NOT NULL
	)`,
	// The next collect or query recomputes every rollup, the profiles with them.
	`DELETE FROM settings WHERE key = 'aggregated_at'`,
];
