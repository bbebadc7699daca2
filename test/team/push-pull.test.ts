import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {summary} from '../../source/data/queries/summary.js';
import {topSkills} from '../../source/data/queries/top.js';
import {unregisterProject} from '../../source/data/registry/registry.js';
import {listMachines} from '../../source/data/registry/machines.js';
import {freshRollups} from '../../source/data/rollups/fresh.js';
import type {Database} from '../../source/data/store/database.js';
import {openDatabase, tableDump} from '../helpers/database.js';
import {machineWith, rowsByMachine} from '../helpers/lake.js';
import {startPostgres, type TestServer} from '../helpers/postgres.js';
import {serverDump, serverRows, teamPull, teamPush} from '../helpers/team.js';

/*
 * Two machines (two databases) push to a real PostgreSQL; a third pulls. Counts are of finished
 * invocations (summary's total) and of stored rows (pending ones included), as in the lake's test.
 */

let server: TestServer;
before(async () => {
	server = await startPostgres();
});
after(async () => server.stop());

async function totals(database: Database) {
	await freshRollups(database, {zone: 'UTC'});
	const report = await summary(database, {});
	return {total: report.total_invocations, pending: report.pending_invocations, succeeded: report.successful_completions};
}

/** Each skill's counts on the all-time leaderboard. */
async function leaderboard(database: Database): Promise<Record<string, number[]>> {
	await freshRollups(database, {zone: 'UTC'});
	const report = await topSkills(database, {scope: {}, period: {kind: 'bucket', window: 'all', bucketStart: '1970-01-01'}, limit: 100});
	return Object.fromEntries(report.skills.map(row => [row.skill_name, [row.total_invocations, row.successful_completions, row.failed_invocations, row.pending_invocations]]));
}

function added(a: Record<string, number[]>, b: Record<string, number[]>): Record<string, number[]> {
	const out: Record<string, number[]> = {};
	for (const [skill, counts] of [...Object.entries(a), ...Object.entries(b)]) out[skill] = (out[skill] ?? [0, 0, 0, 0]).map((value, index) => value + counts[index]!);
	return out;
}

const dumpLocal = async (database: Database) => {
	await freshRollups(database, {zone: 'UTC'});
	return Promise.all((['skill_usage', 'projects', 'skill_aggregates'] as const).map(async table => tableDump(database, table)));
};

test('a third machine pulls exactly the sum of two; the first does not count itself twice; pushing and pulling again change nothing', async () => {
	const url = await server.database();
	const laptop = await machineWith([30, 12], 1);
	const desktop = await machineWith([25], 3);
	const expected = {total: 65, pending: 2, succeeded: 54};
	const board = added(await leaderboard(laptop.database), await leaderboard(desktop.database));

	// At once, as a team's laptops do: each writes its own rows, neither waits for the other's.
	const pushed = await Promise.all([teamPush(laptop.database, url), teamPush(desktop.database, url)]);
	assert.deepEqual(pushed.map(report => [report.invocations, report.projects, report.inserted, report.updated, report.deleted]), [[42, 2, 42, 0, 0], [25, 1, 25, 0, 0]]);
	assert.deepEqual(await serverRows(url), {[laptop.id]: 42, [desktop.id]: 25});

	const third = await openDatabase();
	const pulled = await teamPull(third, url);
	assert.deepEqual(pulled.totals, {machines: 2, fetched: 67, inserted: 67, updated: 0, deleted: 0, invalid: 0});
	assert.deepEqual(await totals(third), expected);
	assert.deepEqual(await leaderboard(third), board, 'every skill: the sum of both machines');
	assert.deepEqual(await rowsByMachine(third), {[laptop.id]: 42, [desktop.id]: 25});

	const own = await teamPull(laptop.database, url);
	assert.deepEqual(own.machines.map(machine => machine.machine_id), [desktop.id], 'never its own rows');
	assert.deepEqual(await totals(laptop.database), expected);
	const machines = await listMachines(laptop.database);
	assert.deepEqual(machines.map(m => [m.machine_id, m.is_local, m.projects, m.invocations]), [[laptop.id, true, 2, 42], [desktop.id, false, 1, 25]]);
	assert.equal(machines[1]!.last_push_at, pushed[1]!.pushed_at);

	// Again: nothing is sent, nothing written on the server, nothing changes on the third.
	const serverBefore = await serverDump(url);
	const localBefore = await dumpLocal(third);
	const again = [await teamPush(laptop.database, url), await teamPush(desktop.database, url)];
	assert.deepEqual(again.map(report => [report.months.sent, report.months.gone, report.rows_sent, report.inserted, report.updated, report.deleted]), [[0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]]);
	assert.deepEqual(await serverDump(url), serverBefore);
	const idle = await teamPull(third, url);
	assert.deepEqual([idle.totals.inserted, idle.totals.updated, idle.totals.deleted], [0, 0, 0]);
	assert.deepEqual(await dumpLocal(third), localBefore);
});

test('a finished row, a new outcome, a purged project: the server follows the push; a pull updates, and keeps history', async () => {
	const url = await server.database();
	const laptop = await machineWith([10, 5], 1);
	const third = await openDatabase();
	await teamPush(laptop.database, url);
	await teamPull(third, url);
	assert.equal((await totals(third)).pending, 2);

	await laptop.database.run(`UPDATE skill_usage SET status = 'succeeded', success = true, outcome = 'clean' WHERE status = 'pending'`);
	const finished = await teamPush(laptop.database, url);
	assert.deepEqual([finished.inserted, finished.updated, finished.deleted], [0, 2, 0]);
	assert.ok(finished.months.sent >= 1 && finished.months.sent < finished.months.total, 'only the months that changed are sent');
	const updated = await teamPull(third, url);
	assert.deepEqual([updated.totals.inserted, updated.totals.updated], [0, 2]);
	assert.deepEqual(await totals(third), {total: 15, pending: 0, succeeded: 14});

	// Only the outcome changes (a transcript read again after schema 6): the server and a pull follow it.
	await laptop.database.run(`UPDATE skill_usage SET outcome = 'interrupted' WHERE status = 'failed'`);
	const [{n}] = (await laptop.database.all<{n: number}>(`SELECT count(*)::INTEGER AS n FROM skill_usage WHERE outcome = 'interrupted'`)) as [{n: number}];
	assert.ok(n > 0);
	assert.equal((await teamPush(laptop.database, url)).updated, n);
	assert.equal((await teamPull(third, url)).totals.updated, n);
	assert.deepEqual(await third.all(`SELECT count(*)::INTEGER AS n FROM skill_usage WHERE outcome = 'interrupted'`), [{n}]);

	const [gone] = await laptop.database.all<{project_id: string}>(`SELECT project_id FROM projects WHERE project_name = 'project-1-1'`);
	await unregisterProject(laptop.database, gone!.project_id, {purge: true});
	const purged = await teamPush(laptop.database, url);
	assert.equal(purged.deleted, 5);
	assert.deepEqual(await serverRows(url), {[laptop.id]: 10});
	const kept = await teamPull(third, url);
	assert.equal(kept.totals.deleted, 0);
	assert.deepEqual(await rowsByMachine(third), {[laptop.id]: 15}, 'a pull keeps history, as lake pull does');
});

test('--anonymize: no path, name, session or error text reaches the server; switching it off replaces the anonymous projects', async () => {
	const url = await server.database();
	const laptop = await machineWith([10], 1);
	await laptop.database.run(`UPDATE skill_usage SET session_id = 'secret-session', session_key = session_key || 'secret-session', error_type = 'secret error'`);
	const [{path: projectPath}] = (await laptop.database.all<{path: string}>(`SELECT project_path AS path FROM projects`)) as [{path: string}];
	assert.equal((await teamPush(laptop.database, url, true)).anonymized, true);
	const text = JSON.stringify(await serverDump(url));
	for (const secret of ['secret', 'project-1-0', projectPath]) assert.ok(!text.includes(secret), `${secret} reached the server`);

	const third = await openDatabase();
	await teamPull(third, url);
	assert.deepEqual(await rowsByMachine(third), {[laptop.id]: 10});
	assert.deepEqual(await third.all(`SELECT count(DISTINCT session_id)::INTEGER AS n FROM skill_usage`), [{n: 1}]);

	const plain = await teamPush(laptop.database, url);
	assert.deepEqual([plain.inserted, plain.deleted], [10, 10]);
	assert.deepEqual(await serverRows(url), {[laptop.id]: 10});
	const switched = await teamPull(third, url);
	assert.equal(switched.totals.deleted, 10, 'the anonymous projects go, as a lake pull drops them');
	assert.deepEqual(await rowsByMachine(third), {[laptop.id]: 10});
	assert.deepEqual(await third.all(`SELECT project_name FROM projects WHERE machine_id = $id`, {id: laptop.id}), [{project_name: 'project-1-0'}]);
});
