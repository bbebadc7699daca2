import type {OutcomeMetrics} from '../../../domain/metrics.js';
import type {Database} from '../../store/database.js';
import {listValue} from '../../store/duckdb.js';
import {OUTCOME_METRICS} from '../metric-columns.js';
import {scopeFilter, type DayRange, type Scope} from '../scope.js';

/*
 * The rows behind `versions` (outcomes.md): a skill's texts and plugin versions over the whole
 * database (labels never change with the scope asked), then its uses in the scope, each under
 * the version it ran (its own text, or the version in force when it has none). Versions are read
 * from Claude Code transcripts only: a tracker's rows carry no text.
 */

/** What versions are keyed by: a text's fingerprint, or (a dynamic skill's) the plugin's version. */
export type VersionKey = 'fingerprint' | 'plugin_version';

export interface VersionSeen {
	key: string;
	first_used: string;
	last_used: string;
	/** Uses that carried this key, in the whole database. */
	uses: number;
	/** The plugin version of the key's first use (a fingerprint's; for a plugin version, itself). */
	plugin_version: string | null;
}

const OF_SKILL = `skill_name = $skill AND source = 'claude-code'`;

/** Every fingerprint, or every plugin version, of the skill in the whole database, by first use. */
export async function versionsSeen(database: Database, skillName: string, key: VersionKey): Promise<VersionSeen[]> {
	// `key` is one of two column names, never free text.
	const column = key === 'fingerprint' ? 'fingerprint' : 'plugin_version';
	return database.all<VersionSeen & Record<string, unknown>>(
		`SELECT ${column} AS key, iso(min(invoked_at)) AS first_used, iso(max(invoked_at)) AS last_used, count(*)::INTEGER AS uses,
			arg_min(plugin_version, invoked_at) AS plugin_version
		FROM skill_usage WHERE ${OF_SKILL} AND ${column} IS NOT NULL
		GROUP BY ${column} ORDER BY min(invoked_at), ${column}`,
		{skill: skillName},
	);
}

export interface VersionFigures extends OutcomeMetrics {
	key: string;
	/** Finished uses in the scope, those without a text of their own included. */
	uses: number;
	avg_duration_ms: number | null;
	avg_followup_actions: number | null;
	avg_tool_errors: number | null;
	avg_output_tokens: number | null;
}

/**
 * Per version, the skill's uses in the scope and days asked: a use without its own key (a load
 * failure, a body line never written, a use read before bodies were recorded) takes the version in
 * force, the latest first used at or before it (an ASOF join on the whole database's first uses);
 * a use before the first version has none and is left out.
 */
export async function versionFigures(database: Database, skillName: string, key: VersionKey, scope: Scope, range?: DayRange): Promise<VersionFigures[]> {
	const column = key === 'fingerprint' ? 'fingerprint' : 'plugin_version';
	const filter = scopeFilter(scope, range);
	return database.all<VersionFigures & Record<string, unknown>>(
		`WITH firsts AS (
			SELECT ${column} AS key, min(invoked_at) AS first_at FROM skill_usage WHERE ${OF_SKILL} AND ${column} IS NOT NULL GROUP BY ${column}
		), used AS (
			SELECT u.invoked_at, u.status, u.outcome, u.retried, u.duration_ms, u.followup_actions, u.tool_errors, u.output_tokens, u.${column} AS own
			FROM skill_usage u WHERE u.skill_name = $skill AND u.source = 'claude-code' AND ${filter.sql}
		), placed AS (
			SELECT coalesce(used.own, f.key) AS key, used.* EXCLUDE (own) FROM used ASOF LEFT JOIN firsts f ON used.invoked_at >= f.first_at
		)
		SELECT key, count(*) FILTER (WHERE status <> 'pending')::INTEGER AS uses, ${OUTCOME_METRICS},
			avg(duration_ms) FILTER (WHERE status = 'succeeded')::DOUBLE AS avg_duration_ms,
			avg(followup_actions) FILTER (WHERE status <> 'pending')::DOUBLE AS avg_followup_actions,
			avg(tool_errors) FILTER (WHERE status <> 'pending')::DOUBLE AS avg_tool_errors,
			avg(output_tokens) FILTER (WHERE status <> 'pending')::DOUBLE AS avg_output_tokens
		FROM placed WHERE key IS NOT NULL GROUP BY key`,
		{...filter.params, skill: skillName},
	);
}

/** The bodies of these fingerprints (kept once each, never exported), by fingerprint. */
export async function bodiesOf(database: Database, fingerprints: readonly string[]): Promise<Map<string, string>> {
	if (fingerprints.length === 0) return new Map();
	const rows = await database.all<{fingerprint: string; body: string}>(
		`SELECT fingerprint, body FROM skill_bodies WHERE list_contains($fingerprints, fingerprint)`,
		{fingerprints: listValue([...fingerprints])},
	);
	return new Map(rows.map(row => [row.fingerprint, row.body]));
}
