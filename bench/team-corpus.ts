import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import {registerProject} from '../source/data/registry/registry.js';
import {Database} from '../source/data/store/database.js';

/*
 * The team bench's machine: one database of `rows` invocations over 20 projects and 12 months,
 * made by SQL straight into skill_usage (a collect of the same rows is the tracker bench's
 * business, not this one's). A third are transcript-like (model, user and subagent triggers,
 * commands, plugins, outcomes, tokens), the rest tracker-like; every row carries metadata of
 * ~90 characters, as the writers' queries and follow-ups do.
 */

const PROJECTS = 20;

export async function makeTeamMachine(file: string, folder: string, rows: number): Promise<Database> {
	const database = await Database.open(file);
	for (let index = 0; index < PROJECTS; index++) {
		const dir = path.join(folder, `project-${index}`);
		await mkdir(dir, {recursive: true});
		await registerProject(database, dir, {name: `project-${index}`, type: 'bench'});
	}

	await insertRows(database, rows, 0);
	return database;
}

/** `count` more rows, numbered from `from` (so that rows added later are new rows, in the last month). */
export async function insertRows(database: Database, count: number, from: number): Promise<void> {
	await database.run(`CREATE OR REPLACE TEMP TABLE bench_projects AS SELECT row_number() OVER (ORDER BY project_id) - 1 AS n, project_id FROM projects`);
	// 12 months from 2025-12-01, at 31 s apart; rows past the first `rows` fall in the last month.
	await database.run(`INSERT INTO skill_usage BY NAME SELECT
		p.project_id,
		CASE WHEN i % 3 = 0 THEN 'plugin-' || (i % 4) || ':skill-' || (i % 40) ELSE 'skill-' || (i % 40) END AS skill_name,
		TIMESTAMPTZ '2025-12-01 00:00:00+00' + to_microseconds(least(i, 999999) * 31000000 + (i // 1000000) * 7000 + i % 997) AS invoked_at,
		'cc:tu:toolu_' || md5(i::VARCHAR)[:24] AS session_key, 'session-' || (i // 9) AS session_id,
		TIMESTAMPTZ '2025-12-01 00:00:00+00' + to_microseconds(least(i, 999999) * 31000000 + 4000000) AS completed_at,
		CASE WHEN i % 10 = 3 THEN NULL ELSE 250.0 + (i * 7919 % 90000) / 3.0 END AS duration_ms,
		CASE WHEN i % 53 = 0 THEN 'pending' WHEN i % 6 = 5 THEN 'failed' ELSE 'succeeded' END AS status,
		CASE WHEN i % 53 = 0 THEN NULL WHEN i % 6 = 5 THEN false ELSE true END AS success,
		(i % 5)::INTEGER AS followup_actions, CASE WHEN i % 4 = 0 THEN 'comprehensive' END AS workflow_path,
		CASE WHEN i % 6 = 5 AND i % 53 <> 0 THEN 'TimeoutError' END AS error_type,
		('{"user_query":"review the diff of change ' || i || ' and fix the failing tests","selection_rank":' || (i % 4) || '}')::JSON AS metadata,
		TIMESTAMPTZ '2026-12-01 00:00:00+00' AS collected_at,
		CASE WHEN i % 3 = 0 THEN 'claude-code' ELSE 'session-buddy' END AS source,
		CASE WHEN i % 3 = 0 THEN (['model', 'user', 'subagent'])[1 + (i // 3) % 3] ELSE 'unknown' END AS trigger,
		CASE WHEN i % 12 = 0 THEN 'command' ELSE 'skill' END AS kind,
		CASE WHEN i % 3 = 0 THEN 'plugin-' || (i % 4) END AS plugin, NULL AS agent_id,
		CASE WHEN i % 3 = 0 THEN (i % 3)::INTEGER END AS tool_errors, CASE WHEN i % 3 = 0 THEN (i % 4000)::BIGINT END AS output_tokens,
		CASE WHEN i % 3 = 0 THEN 12.5 END AS load_ms, FALSE AS window_open, NULL AS source_file, NULL AS owner_last_at,
		CASE WHEN i % 53 = 0 THEN NULL WHEN i % 6 = 5 THEN 'errored' WHEN i % 17 = 0 THEN 'interrupted' ELSE 'clean' END AS outcome,
		i % 11 = 0 AS retried, CASE WHEN i % 3 = 0 THEN md5('body' || (i % 40)) END AS fingerprint,
		CASE WHEN i % 3 = 0 THEN '1.' || (i % 4) || '.0' END AS plugin_version
		FROM range(${from}, ${from + count}) t(i) JOIN bench_projects p ON p.n = i % ${PROJECTS}`);
}
