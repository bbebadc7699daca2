import assert from 'node:assert/strict';
import {before, describe, test} from 'node:test';
import {DuckDBInstance} from '@duckdb/node-api';
import {Database} from '../../source/data/store/database.js';
import {DUCKDB_OPTIONS} from '../../source/data/store/duckdb-options.js';
import {MIGRATIONS, SCHEMA_VERSION} from '../../source/data/store/schema.js';
import {isolatedEnv} from '../helpers/environment.js';
import {runInProcess} from '../helpers/run-cli.js';
import {makeTempDir} from '../helpers/temp.js';

/*
 * A database made by schema 5 (before outcomes and versions), opened by this skillscope: tracker
 * rows get their writer's flag as their outcome, transcript rows keep none until their transcript
 * is read again (outcomes.md: "A database from before this change …"), nothing is dropped, and the
 * reports say "not known" for the uses whose outcome is not.
 */

let env: Record<string, string>;

/** A v5 skill_usage row: the 25 columns of that schema. */
const row = (skill: string, at: string, status: string, source: string, key: string) =>
	`('p1', '${skill}', '${at}', '${key}', 's1', NULL, 1000, '${status}', ${status === 'pending' ? 'NULL' : status === 'succeeded'}, 1, NULL, NULL, '{}', now(),
	'${source}', '${source === 'claude-code' ? 'model' : 'unknown'}', 'skill', NULL, NULL, ${source === 'claude-code' ? '0' : 'NULL'}, NULL, NULL, FALSE,
	${source === 'claude-code' ? "'/gone/session.jsonl'" : 'NULL'}, NULL)`;

before(async () => {
	env = isolatedEnv(await makeTempDir(), {SKILLSCOPE_NOW: '2026-04-01T12:00:00Z', TZ: 'UTC'});
	const instance = await DuckDBInstance.create(env.SKILLSCOPE_DB!, {...DUCKDB_OPTIONS});
	const connection = await instance.connect();
	const statements = [
		`CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)`,
		...MIGRATIONS.slice(0, 5).flatMap((migration, index) => [...migration, `INSERT INTO schema_version VALUES (${index + 1}, now())`]),
		`INSERT INTO projects (project_id, project_path, project_name, registered_at, machine_id, origin_project_id)
			VALUES ('p1', '/nowhere/old', 'old', now(), (SELECT value FROM settings WHERE key = 'machine_id'), 'p1')`,
		`INSERT INTO skill_usage VALUES
			${row('tracked', '2026-03-01 10:00:00+00', 'succeeded', 'session-buddy', '')},
			${row('tracked', '2026-03-01 11:00:00+00', 'succeeded', 'session-buddy', 'b')},
			${row('tracked', '2026-03-01 12:00:00+00', 'failed', 'session-buddy', 'c')},
			${row('tracked', '2026-03-01 13:00:00+00', 'pending', 'crackerjack', 'd')},
			${row('review', '2026-03-02 10:00:00+00', 'succeeded', 'claude-code', 'cc:tu:1')},
			${row('review', '2026-03-02 11:00:00+00', 'succeeded', 'claude-code', 'cc:tu:2')},
			${row('review', '2026-03-02 12:00:00+00', 'failed', 'claude-code', 'cc:tu:3')}`,
		// The transcript the rows were read from, as schema 4 and 5 kept it (since deleted by Claude Code).
		`INSERT INTO transcript_files VALUES ('/gone/session.jsonl', 'p1', 1000, 0, 64, 'x', 1000, 12, 1000, 12, '/nowhere/old', 's1',
			'2026-03-02 12:00:00+00', 3, 3, 0, now())`,
		`INSERT INTO settings VALUES ('aggregated_at', '2026-03-03T00:00:00.000Z'), ('aggregate_timezone', 'UTC')`,
	];
	for (const statement of statements) await connection.run(statement);
	connection.closeSync();
	instance.closeSync();
});

describe('a schema 5 database opened by this skillscope', () => {
	test('tracker rows get their outcome, transcript rows keep none, nothing is dropped', async () => {
		const database = await Database.open(env.SKILLSCOPE_DB!);
		try {
			assert.deepEqual(await database.all(`SELECT max(version)::INTEGER AS v FROM schema_version`), [{v: SCHEMA_VERSION}]);
			const rows = await database.all(`SELECT skill_name, status, outcome, retried, fingerprint, plugin_version FROM skill_usage ORDER BY invoked_at`);
			assert.deepEqual(rows, [
				{skill_name: 'tracked', status: 'succeeded', outcome: 'clean', retried: false, fingerprint: null, plugin_version: null},
				{skill_name: 'tracked', status: 'succeeded', outcome: 'clean', retried: false, fingerprint: null, plugin_version: null},
				{skill_name: 'tracked', status: 'failed', outcome: 'errored', retried: false, fingerprint: null, plugin_version: null},
				{skill_name: 'tracked', status: 'pending', outcome: null, retried: false, fingerprint: null, plugin_version: null},
				{skill_name: 'review', status: 'succeeded', outcome: null, retried: null, fingerprint: null, plugin_version: null},
				{skill_name: 'review', status: 'succeeded', outcome: null, retried: null, fingerprint: null, plugin_version: null},
				{skill_name: 'review', status: 'failed', outcome: null, retried: null, fingerprint: null, plugin_version: null},
			]);
			assert.deepEqual(await database.all(`SELECT value FROM settings WHERE key = 'transcripts_reread'`), [{value: 'outcomes'}], 'the next collect reads every transcript again');
			assert.deepEqual(await database.all(`SELECT count(*)::INTEGER AS n FROM skill_bodies`), [{n: 0}]);
		} finally {
			await database.close();
		}
	});

	test('the reports: tracker rows have clean rates, transcript rows read "not known"', async () => {
		const top = JSON.parse((await runInProcess(['top', '--json'], env)).stdout) as {skills: Array<Record<string, unknown>>};
		const bySkill = new Map(top.skills.map(skill => [skill.skill_name, skill]));
		assert.deepEqual([bySkill.get('tracked')?.clean_finishes, bySkill.get('tracked')?.errored, bySkill.get('tracked')?.clean_rate], [2, 1, 2 / 3]);
		assert.deepEqual([bySkill.get('review')?.total_invocations, bySkill.get('review')?.clean_rate], [3, null]);
		const text = (await runInProcess(['top'], env)).stdout;
		assert.match(text.split('\n').find(line => line.includes('review'))!, /│ not known │/);
		const skill = await runInProcess(['skill', 'review'], env);
		assert.match(skill.stdout, /clean rate {6}not known\n/);
		assert.match(skill.stdout, /outcomes {8}not known \(3 uses read before outcomes were recorded\)/);
		assert.match(skill.stdout, /versions {8}none read from transcripts/);
		const versions = await runInProcess(['versions', 'review'], env);
		assert.match(versions.stdout, /No text of review was read from Claude Code transcripts here/);
	});
});
