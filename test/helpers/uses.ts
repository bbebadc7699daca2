import {createHash} from 'node:crypto';
import type {Database} from '../../source/data/store/database.js';
import {markDataChanged} from '../../source/data/store/settings.js';
import type {Outcome} from '../../source/domain/types.js';

/*
 * Invocations written straight into skill_usage, as a collect of Claude Code transcripts would
 * store them (outcomes.md): what the reports of outcomes and versions read, without a parser.
 * Every column is named, so a later schema's new column does not shift these.
 */

export interface Use {
	project_id: string;
	skill_name: string;
	/** ISO-8601 instant. */
	invoked_at: string;
	status?: 'succeeded' | 'failed' | 'pending';
	outcome?: Outcome | null;
	retried?: boolean;
	/** The body's text: its fingerprint is stored with the use, the body once in skill_bodies. */
	body?: string | null;
	plugin_version?: string | null;
	source?: 'claude-code' | 'session-buddy' | 'crackerjack';
	trigger?: 'model' | 'user' | 'subagent' | 'unknown';
	kind?: 'skill' | 'command';
	duration_ms?: number | null;
	followup_actions?: number;
	tool_errors?: number | null;
	output_tokens?: number | null;
	session_id?: string | null;
	error_type?: string | null;
}

export const fingerprintOf = (body: string) => createHash('sha256').update(body, 'utf8').digest('hex');

/** The outcome a transcript row gets from its status when the test does not say (load failures: failed). */
const outcomeOf = (use: Use): Outcome | null => {
	if (use.outcome !== undefined) return use.outcome;
	if (use.status === 'pending') return null;
	return use.status === 'failed' ? 'load_failed' : 'clean';
};

let key = 0;

export async function insertUses(database: Database, uses: readonly Use[]): Promise<void> {
	for (const use of uses) {
		const status = use.status ?? 'succeeded';
		const fingerprint = use.body === undefined || use.body === null ? null : fingerprintOf(use.body);
		if (fingerprint !== null) await database.run(`INSERT INTO skill_bodies VALUES ($fingerprint, $body) ON CONFLICT DO NOTHING`, {fingerprint, body: use.body!});
		const source = use.source ?? 'claude-code';
		await database.run(
			`INSERT INTO skill_usage (project_id, skill_name, invoked_at, session_key, session_id, completed_at, duration_ms, status, success,
				followup_actions, workflow_path, error_type, metadata, collected_at, source, trigger, kind, plugin, agent_id, tool_errors,
				output_tokens, load_ms, window_open, source_file, owner_last_at, outcome, retried, fingerprint, plugin_version)
			VALUES ($project, $skill, $at::TIMESTAMPTZ, $key, $session, NULL, $duration, $status, $success,
				$followups, NULL, $error, '{}', now(), $source, $trigger, $kind, NULL, NULL, $tool_errors,
				$tokens, NULL, FALSE, $file, $at::TIMESTAMPTZ, $outcome, $retried, $fingerprint, $plugin_version)`,
			{
				project: use.project_id,
				skill: use.skill_name,
				at: use.invoked_at,
				key: `cc:tu:test-${++key}`,
				session: use.session_id ?? null,
				duration: use.duration_ms === undefined ? 1000 : use.duration_ms,
				status,
				success: status === 'pending' ? null : status === 'succeeded',
				followups: use.followup_actions ?? 0,
				error: use.error_type ?? null,
				source,
				trigger: use.trigger ?? (source === 'claude-code' ? 'model' : 'unknown'),
				kind: use.kind ?? 'skill',
				tool_errors: use.tool_errors === undefined ? (source === 'claude-code' ? 0 : null) : use.tool_errors,
				tokens: use.output_tokens === undefined ? (source === 'claude-code' ? 100 : null) : use.output_tokens,
				file: source === 'claude-code' ? '/transcripts/test.jsonl' : null,
				outcome: outcomeOf(use),
				retried: use.retried ?? false,
				fingerprint,
				plugin_version: use.plugin_version ?? null,
			},
		);
	}

	// The rollups are stale now, as after a collect that wrote rows.
	await markDataChanged(database);
}

/** `count` uses a minute apart from `start`, each made by `make(index)`. */
export function series(count: number, start: string, make: (index: number) => Omit<Use, 'invoked_at'>): Use[] {
	const from = Date.parse(start);
	return Array.from({length: count}, (_, index) => ({...make(index), invoked_at: new Date(from + index * 60_000).toISOString()}));
}
