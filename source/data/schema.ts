import type {Database} from './database.js';

/**
 * The design's tables, with what its SQL got wrong fixed: `skill_usage` keyed by the idempotency
 * key of formats.md, aggregates bucketed, and '*' (never NULL) as the cross-project scope so the
 * primary key holds.
 */
export const ALL_PROJECTS = '*';

const VERSION_1 = [
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

/**
 * `skill_usage` and `skill_aggregates` without their primary keys. The indexes cost a third of
 * every insert, most of a rollup refresh, and were written again at each checkpoint; nothing
 * relied on them: usage-writer.ts matches incoming rows against stored ones by the key before
 * writing, and aggregator.ts deletes the buckets it recomputes before inserting them, each the
 * only writer of its table. DuckDB cannot drop a primary key in place (nor rename an indexed
 * table): copy, drop, rename.
 */
const VERSION_2 = [
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

/** Each entry moves the schema one version forward; never edit a released one, append. */
/*
 * Sessions keep their skills as lists too (in order, and as a sorted set): co-usage and next-skill
 * over a million sessions read them instead of parsing JSON or sorting raw rows. The rows are
 * derived from skill_usage, so the table is made anew and rebuilt (workflows.ts) rather than copied;
 * workflow_id stays unique by construction, without an index to maintain.
 */
const VERSION_3 = [
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

/*
 * Claude Code transcripts (transcripts.md) as a source. Every stored row is kept: tracker rows get
 * their source from the file they came from, trigger `unknown` and kind `skill`. For transcript
 * rows `session_key` holds the invocation's key (`cc:tu:…`, `cc:cmd:…`), which every copy of the
 * line shares; `source_file` and `owner_last_at` say which copy owns the row (the file whose last
 * timestamp is earliest), `window_open` that a later read of that file may still extend it.
 * `transcript_files` is per file what `source_state` is per tracker file, plus where to resume.
 */
const VERSION_4 = [
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
	// The profiles gain the transcript metrics: recomputed by the next collect or query.
	`DELETE FROM settings WHERE key = 'aggregated_at'`,
];

export const MIGRATIONS: ReadonlyArray<readonly string[]> = [VERSION_1, VERSION_2, VERSION_3, VERSION_4];

export const SCHEMA_VERSION = MIGRATIONS.length;

export async function schemaVersion(database: Database): Promise<number> {
	const row = await database.one<{version: number | null}>(`SELECT max(version)::INTEGER AS version FROM schema_version`);
	return row?.version ?? 0;
}

const DESIGN_TABLES = ['projects', 'skill_usage', 'skill_aggregates', 'workflow_executions'];

/**
 * A file made by the original design's tool has its tables but no version table. Its rows are
 * kept, renamed to `legacy_<table>`, so that nothing the user had is lost and ours can be created.
 */
async function keepLegacyTables(database: Database): Promise<void> {
	const existing = await database.all<{name: string}>(
		`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main' AND table_catalog = current_database()`,
	);
	const names = new Set(existing.map(row => row.name));
	if (names.has('schema_version')) return;
	const found = DESIGN_TABLES.filter(table => names.has(table));
	if (found.length === 0) return;
	// Copy then drop, in one transaction: DuckDB refuses to rename a table that has indexes.
	await database.transaction(async () => {
		for (const table of found) {
			await database.run(`CREATE TABLE "legacy_${table}" AS SELECT * FROM "${table}"`);
		}

		for (const table of found.toReversed()) await database.run(`DROP TABLE "${table}" CASCADE`);
	});
}

export async function migrate(database: Database): Promise<void> {
	await keepLegacyTables(database);
	await database.run(`CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)`);
	const current = await schemaVersion(database);
	if (current > SCHEMA_VERSION) {
		throw new Error(`the database has schema version ${current}, newer than this skillscope (${SCHEMA_VERSION}); upgrade skillscope`);
	}

	for (let version = current + 1; version <= SCHEMA_VERSION; version++) {
		const statements = MIGRATIONS[version - 1] ?? [];
		await database.transaction(async () => {
			for (const statement of statements) await database.run(statement);
			await database.run(`INSERT INTO schema_version VALUES ($version, now())`, {version});
		});
	}
}
