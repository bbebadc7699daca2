import {TEAM_COLUMNS, pgType} from './columns.js';

/*
 * The team server's tables, in a schema of their own (`skillscope`) so that they sit beside
 * whatever else the team's database holds. Each entry of TEAM_MIGRATIONS moves the schema one
 * version forward and is never edited once released; every change is additive (new tables, new
 * nullable columns), so that an older client keeps reading what it knows while a newer one
 * upgrades the server. Keys are text in the "C" collation: byte order, the same on every server
 * whatever its locale, and the fastest to index.
 */

export const TEAM_SCHEMA = 'skillscope';

const C = 'COLLATE "C"';

/** The columns of an invocation besides its machine and project: the lake's, outcomes and versions included. */
const invocationColumns = TEAM_COLUMNS.map(([name, type]) => {
	const keyed = name === 'skill_name' || name === 'session_key';
	const required = keyed || ['invoked_at', 'status', 'followup_actions', 'collected_at', 'source', 'trigger', 'kind'].includes(name);
	return `${name} ${pgType(type)}${keyed ? ` ${C}` : ''}${required ? ' NOT NULL' : ''}`;
}).join(',\n\t\t');

const VERSION_1 = [
	`CREATE SCHEMA IF NOT EXISTS ${TEAM_SCHEMA}`,
	// One row per version applied, with the skillscope that applied it: a client older than the
	// server names the version to install from here.
	`CREATE TABLE ${TEAM_SCHEMA}.schema_version (
		version integer PRIMARY KEY,
		applied_at timestamptz NOT NULL DEFAULT now(),
		client_version text NOT NULL
	)`,
	`CREATE TABLE ${TEAM_SCHEMA}.settings (key text ${C} PRIMARY KEY, value text NOT NULL)`,
	// Each machine writes only its own rows: its id (the local database's machine id) keys them all.
	`CREATE TABLE ${TEAM_SCHEMA}.machines (
		machine_id text ${C} PRIMARY KEY,
		name text NOT NULL,
		client_version text NOT NULL,
		-- The pushing database's own schema version (a pull records it as the lake's manifest does).
		client_schema integer NOT NULL,
		anonymized boolean NOT NULL,
		first_pushed_at timestamptz NOT NULL,
		pushed_at timestamptz NOT NULL,
		invocations bigint NOT NULL
	)`,
	`CREATE TABLE ${TEAM_SCHEMA}.projects (
		machine_id text ${C} NOT NULL,
		project_id text ${C} NOT NULL,
		project_name text NOT NULL,
		project_type text NOT NULL,
		project_path text,
		invocations bigint NOT NULL,
		PRIMARY KEY (machine_id, project_id)
	)`,
	// The lake's key plus the machine, time before skill: a push and the day sums read a project's
	// months as ranges of it. ingested_at: when the server last took the row in (new or changed),
	// which a pull asks for (a BRIN index: rows arrive in that order, and it costs next to nothing).
	`CREATE TABLE ${TEAM_SCHEMA}.invocations (
		machine_id text ${C} NOT NULL,
		project_id text ${C} NOT NULL,
		${invocationColumns},
		ingested_at timestamptz NOT NULL,
		PRIMARY KEY (machine_id, project_id, invoked_at, skill_name, session_key)
	)`,
	`CREATE INDEX invocations_ingested ON ${TEAM_SCHEMA}.invocations USING brin (ingested_at)`,
	// What each machine last pushed, per project and UTC month: its row count and a digest of the
	// rows, so that a push sends only the months that changed since.
	`CREATE TABLE ${TEAM_SCHEMA}.push_parts (
		machine_id text ${C} NOT NULL,
		project_id text ${C} NOT NULL,
		month text ${C} NOT NULL,
		invocations bigint NOT NULL,
		digest text NOT NULL,
		PRIMARY KEY (machine_id, project_id, month)
	)`,
	// What dashboards read: per UTC day, machine, project and skill, the sums every rate is made of.
	`CREATE TABLE ${TEAM_SCHEMA}.skill_daily (
		day date NOT NULL,
		machine_id text ${C} NOT NULL,
		project_id text ${C} NOT NULL,
		skill_name text ${C} NOT NULL,
		total_invocations integer NOT NULL,
		successful_completions integer NOT NULL,
		failed_invocations integer NOT NULL,
		pending_invocations integer NOT NULL,
		duration_sum_ms double precision NOT NULL,
		duration_count integer NOT NULL,
		followup_sum bigint NOT NULL,
		first_used timestamptz,
		last_used timestamptz,
		clean_finishes integer NOT NULL,
		interrupted integer NOT NULL,
		rejected integer NOT NULL,
		errored integer NOT NULL,
		load_failed integer NOT NULL,
		retried integer NOT NULL,
		trigger_model integer NOT NULL,
		trigger_user integer NOT NULL,
		trigger_subagent integer NOT NULL,
		trigger_unknown integer NOT NULL,
		PRIMARY KEY (machine_id, project_id, skill_name, day)
	)`,
	`CREATE INDEX skill_daily_day ON ${TEAM_SCHEMA}.skill_daily (day)`,
];

/** Each entry moves the server one version forward; never edit a released one, append. */
export const TEAM_MIGRATIONS: ReadonlyArray<readonly string[]> = [VERSION_1];

export const TEAM_SCHEMA_VERSION = TEAM_MIGRATIONS.length;
