/*
 * Outcomes and versions (outcomes.md, issue 20). Every row gets how the work it drove ended
 * (`outcome`: clean, interrupted, rejected, errored, load_failed; NULL while pending or not known)
 * and whether the skill ran again soon after (`retried`); a transcript row also which text of the
 * skill the model was given (`fingerprint`, the SHA-256 of its normalized body) and the plugin's
 * version. Tracker rows take their writer's flag (succeeded: clean, failed: errored). Transcript
 * rows stay NULL here: every transcript file is marked changed and not resumable, so the next collect
 * reads each one whole again (saying so: `transcripts_reread`) and fills what was not known; rows
 * whose transcript is gone keep NULL ("not known"), never dropped.
 * `transcript_files.carry` holds what a resumed read must still watch for, without reading its lines again:
 * retry horizons still open and calls still waiting for their result (data/transcripts/carry.ts).
 * Bodies are kept once per fingerprint, in a table of their own; they never leave the machine.
 * The rollups gain the outcome counts; they are derived, so recomputed by the next collect or query.
 */
export const VERSION_6 = [
	`ALTER TABLE skill_usage ADD COLUMN outcome VARCHAR`,
	`ALTER TABLE skill_usage ADD COLUMN retried BOOLEAN`,
	`ALTER TABLE skill_usage ADD COLUMN fingerprint VARCHAR`,
	`ALTER TABLE skill_usage ADD COLUMN plugin_version VARCHAR`,
	`UPDATE skill_usage SET outcome = CASE status WHEN 'succeeded' THEN 'clean' WHEN 'failed' THEN 'errored' END, retried = FALSE
		WHERE source <> 'claude-code'`,
	`ALTER TABLE transcript_files ADD COLUMN carry VARCHAR`,
	`UPDATE transcript_files SET size = -1, head_hash = ''`,
	`CREATE TABLE skill_bodies (
		fingerprint VARCHAR PRIMARY KEY,
		body VARCHAR NOT NULL
	)`,
	...['clean_finishes', 'interrupted', 'rejected', 'errored', 'load_failed', 'retried'].map(column => `ALTER TABLE skill_aggregates ADD COLUMN ${column} INTEGER DEFAULT 0`),
	// Said only where there is something to read again: a new database has no transcript yet.
	`INSERT INTO settings SELECT 'transcripts_reread', 'outcomes' WHERE EXISTS (SELECT 1 FROM transcript_files) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
	`DELETE FROM settings WHERE key IN ('aggregated_at', 'workflows_built_at')`,
];
