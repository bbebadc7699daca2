import assert from 'node:assert/strict';
import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {test} from 'node:test';
import {getProject} from '../../source/data/registry/registry.js';
import {addProject, collectUtc, openDatabase} from '../helpers/database.js';
import {SOURCE_PATHS} from '../helpers/samples.js';
import {invocation, tracker} from '../helpers/tracker.js';

/*
 * A collect that finds nothing new writes nothing: the projects row already says it (its last
 * sync up to 5 minutes old, its errors the same). New rows, other errors, or an older last sync
 * write it as before.
 */
test("a project's last sync and errors: written when something changed, left alone when nothing did", async () => {
	const database = await openDatabase();
	const first = invocation({skill_name: 'deploy', invoked_at: '2026-03-02T10:00:00'});
	const project = await addProject(database, {[SOURCE_PATHS.sessionBuddyJson]: tracker([first])});
	const file = join(project.dir, SOURCE_PATHS.sessionBuddyJson);
	const stored = async () => (await getProject(database, project.project_id))!;

	await collectUtc(database);
	const synced = await stored();
	assert.ok(synced.last_sync_at);
	assert.equal((await collectUtc(database)).totals.unchanged, 1);
	assert.equal((await stored()).last_sync_at, synced.last_sync_at, 'nothing new: the row is not written');

	const broken = tracker([first]).slice(0, 40);
	await writeFile(file, broken);
	assert.equal((await collectUtc(database)).totals.errors, 1);
	const failed = await stored();
	assert.equal(failed.last_error_count, 1);
	assert.match(failed.last_error ?? '', /skill_metrics\.json/);
	assert.notEqual(failed.last_sync_at, synced.last_sync_at, 'an error is news');
	await collectUtc(database);
	assert.deepEqual(await stored(), failed, 'the same error again: not written');

	await writeFile(file, tracker([first, invocation({skill_name: 'deploy', invoked_at: '2026-03-03T10:00:00'})]));
	assert.equal((await collectUtc(database)).totals.collected, 1);
	const grown = await stored();
	assert.deepEqual([grown.last_error_count, grown.last_error], [0, null], 'fixed: the error is cleared');
	assert.notEqual(grown.last_sync_at, failed.last_sync_at);

	await database.run(`UPDATE projects SET last_sync_at = now() - INTERVAL 6 MINUTE WHERE project_id = $id`, {id: project.project_id});
	const old = (await stored()).last_sync_at!;
	await collectUtc(database);
	assert.ok(Date.parse((await stored()).last_sync_at!) > Date.parse(old) + 5 * 60_000, 'over 5 minutes old: written again');
});
