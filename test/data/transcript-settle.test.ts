import assert from 'node:assert/strict';
import {appendFile, mkdir} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import {collect} from '../../source/data/collect/collector.js';
import {registerProject} from '../../source/data/registry/registry.js';
import {Database} from '../../source/data/store/database.js';
import {makeTempDir} from '../helpers/temp.js';
import {Session, toJsonl, writeSession} from '../helpers/transcripts.js';

/*
 * Values bound as lists take the type of their first item (@duckdb/node-api): a first NULL made the
 * whole column NULL. Settlements and listings are bound as JSON now; these hold both.
 *
 * A grown read that settles two earlier rows, a retry first and a late result second: both must
 * change. The settlements were bound as one list a column, and a list takes the type of its first
 * item: the retry's NULL status made the late result's status NULL too, and its row stayed pending.
 */
/** A Claude Code root and one registered project `app`, in a database of their own, for `work`. */
async function withApp(prefix: string, work: (world: {root: string; app: string; database: Database}) => Promise<void>): Promise<void> {
	const base = await makeTempDir(prefix);
	const root = path.join(base, 'claude');
	const app = path.join(base, 'app');
	await mkdir(path.join(root, 'projects'), {recursive: true});
	await mkdir(app);
	const database = await Database.open(path.join(base, 'db.duckdb'));
	try {
		await registerProject(database, app, {name: 'app'});
		await work({root, app, database});
	} finally {
		await database.close();
	}
}

test('a retry and a late result settled by the same read both reach their rows', async () => withApp('skillscope-settle-', async ({root, app, database}) => {
	const s = new Session({sessionId: 'aaaaaaaa-0000-4000-8000-000000000001', cwd: app});
	s.prompt('the docx', {at: 0});
	const late = s.skill('docx', {at: 1});
	s.prompt('meanwhile, something else', {at: 2});
	s.system('turn_duration', {at: 3});
	s.skillLoaded(s.skill('pdf', {at: 4}), 'pdf', {at: 5, body: 'Plain.'});
	s.system('turn_duration', {at: 6});
	const file = await writeSession(root, s);
	const options = {naiveTimezone: 'UTC', displayTimezone: 'UTC', claudeRoot: root};
	await collect(database, options);
	const read = s.lines.length;
	s.result(late, {at: 7, isError: true, content: 'Unknown skill: docx'});
	s.prompt('not right, again', {at: 8});
	s.skillLoaded(s.skill('pdf', {at: 9}), 'pdf', {at: 10, body: 'Plain.'});
	s.system('turn_duration', {at: 11});
	await appendFile(file, toJsonl(s.lines.slice(read)));
	const grown = await collect(database, options);
	assert.equal(grown.totals.updated, 2);
	const rows = await database.all<{skill_name: string; status: string; error_type: string | null; outcome: string | null; retried: boolean}>(
		`SELECT skill_name, status, error_type, outcome, retried FROM skill_usage ORDER BY invoked_at`,
	);
	assert.deepEqual(rows, [
		{skill_name: 'docx', status: 'failed', error_type: 'unknown_skill', outcome: 'load_failed', retried: false},
		{skill_name: 'pdf', status: 'succeeded', error_type: null, outcome: 'clean', retried: true},
		{skill_name: 'pdf', status: 'succeeded', error_type: null, outcome: 'clean', retried: false},
	]);
}));

test('a listing without a timestamp before one with: the session\'s listing keeps the time that is known', async () => withApp('skillscope-listing-time-', async ({root, app, database}) => {
	const s = new Session({sessionId: 'aaaaaaaa-0000-4000-8000-000000000002', cwd: app});
	s.prompt('go', {at: 0});
	s.attachment('- alpha: First', {at: 1, attachmentType: 'skill_listing'});
	delete s.lines.at(-1)!.timestamp;
	s.attachment('- beta: Second', {at: 2, attachmentType: 'skill_listing'});
	await writeSession(root, s);
	await collect(database, {naiveTimezone: 'UTC', displayTimezone: 'UTC', claudeRoot: root});
	const listed = await database.all<{skill_name: string; listed_at: string | null}>(`SELECT skill_name, strftime(listed_at AT TIME ZONE 'UTC', '%H:%M:%S') AS listed_at FROM skill_listings ORDER BY skill_name`);
	// A session's listing is kept once (schema 9): its time is its first known listing's.
	assert.deepEqual(listed, [{skill_name: 'alpha', listed_at: '10:00:02'}, {skill_name: 'beta', listed_at: '10:00:02'}]);
}));
