import assert from 'node:assert/strict';
import path from 'node:path';
import {test} from 'node:test';
import {summary} from '../../source/data/queries/summary.js';
import {unregisterProject} from '../../source/data/registry/registry.js';
import {freshRollups} from '../../source/data/rollups/fresh.js';
import {listMachines} from '../../source/data/registry/machines.js';
import {openDatabase, tableDump} from '../helpers/database.js';
import {machineWith, pull, push, readLake, rowsByMachine} from '../helpers/lake.js';
import {makeTempDir} from '../helpers/temp.js';
import {isolatedEnv} from '../helpers/environment.js';
import {runInProcess} from '../helpers/run-cli.js';
import {pullLake} from '../../source/data/lake/pull.js';

/*
 * Two machines simulated as two databases push into one folder; a third pulls. Counts are of
 * finished invocations (summary's total) and of stored rows (pending ones included).
 */

async function totals(database: Awaited<ReturnType<typeof openDatabase>>) {
	await freshRollups(database, {zone: 'UTC'});
	const report = await summary(database, {});
	return {total: report.total_invocations, pending: report.pending_invocations, succeeded: report.successful_completions};
}

const plus = (a: {total: number; pending: number; succeeded: number}, b: typeof a) => ({total: a.total + b.total, pending: a.pending + b.pending, succeeded: a.succeeded + b.succeeded});

test('a third machine pulls exactly the sum of two; the first does not count itself twice; again changes nothing', async () => {
	const dir = path.join(await makeTempDir(), 'lake');
	const laptop = await machineWith([30, 12], 1);
	const desktop = await machineWith([25], 3);
	const expected = plus(await totals(laptop.database), await totals(desktop.database));
	// Every fifth failed, and the last one pending when it is a fifth: 30 → 24 ok, 5 failed, 1 pending; 12 → 10, 2; 25 → 20, 4, 1.
	assert.deepEqual(expected, {total: 65, pending: 2, succeeded: 54});

	const pushed = [await push(laptop.database, dir), await push(desktop.database, dir)];
	assert.deepEqual(pushed.map(report => [report.rows, report.projects]), [[42, 2], [25, 1]]);
	assert.deepEqual(await readLake(dir), {[laptop.id]: 42, [desktop.id]: 25});

	const third = await openDatabase();
	const pulled = await pull(third, dir);
	assert.deepEqual(pulled.skipped, []);
	assert.deepEqual(pulled.totals, {machines: 2, rows: 67, inserted: 67, updated: 0, deleted: 0, skipped: 0, dropped: 0});
	assert.deepEqual(await totals(third), expected);
	assert.deepEqual(await rowsByMachine(third), {[laptop.id]: 42, [desktop.id]: 25});

	const own = await pull(laptop.database, dir);
	assert.deepEqual(own.machines.map(machine => machine.machine_id), [desktop.id], 'never its own folder');
	assert.deepEqual(await totals(laptop.database), expected);
	const machines = await listMachines(laptop.database);
	assert.deepEqual(machines.map(m => [m.machine_id, m.is_local, m.projects, m.invocations]), [[laptop.id, true, 2, 42], [desktop.id, false, 1, 25]]);
	assert.ok(machines.every(machine => machine.last_push_at !== null));

	// Both push again (their folders are replaced), the third pulls again: nothing changes.
	const before = await Promise.all((['skill_usage', 'projects', 'skill_aggregates'] as const).map(async table => tableDump(third, table)));
	const idle = await pull(third, dir);
	assert.deepEqual([idle.totals.machines, idle.totals.inserted, idle.totals.updated], [2, 0, 0], 'the same pushes: not read again');
	assert.deepEqual(await tableDump(third, 'skill_usage'), before[0]);
	await push(laptop.database, dir);
	await push(desktop.database, dir);
	assert.deepEqual(await readLake(dir), {[laptop.id]: 42, [desktop.id]: 25}, 'the pulled rows are never pushed again');
	const again = await pull(third, dir);
	assert.deepEqual([again.totals.inserted, again.totals.updated, again.totals.deleted], [0, 0, 0]);
	await freshRollups(third, {zone: 'UTC'});
	const after = await Promise.all((['skill_usage', 'projects', 'skill_aggregates'] as const).map(async table => tableDump(third, table)));
	assert.deepEqual(after, before);
});

test('a row that finished on its machine is updated by the next pull; history stays unless --mirror', async () => {
	const dir = path.join(await makeTempDir(), 'lake');
	const laptop = await machineWith([10, 5], 1);
	const third = await openDatabase();
	await push(laptop.database, dir);
	await pull(third, dir);
	assert.equal((await totals(third)).pending, 2);

	await laptop.database.run(`UPDATE skill_usage SET status = 'succeeded', success = true WHERE status = 'pending'`);
	await push(laptop.database, dir);
	const updated = await pull(third, dir);
	assert.deepEqual([updated.totals.inserted, updated.totals.updated], [0, 2]);
	assert.deepEqual(await totals(third), {total: 15, pending: 0, succeeded: 14});

	// The laptop forgets a project: the third keeps its rows, unless it mirrors.
	const [gone] = await laptop.database.all<{project_id: string}>(`SELECT project_id FROM projects WHERE project_name = 'project-1-1'`);
	await unregisterProject(laptop.database, gone!.project_id, {purge: true});
	await push(laptop.database, dir);
	assert.deepEqual(await readLake(dir), {[laptop.id]: 10});
	const kept = await pull(third, dir);
	assert.equal(kept.totals.deleted, 0);
	assert.deepEqual(await rowsByMachine(third), {[laptop.id]: 15});
	const mirrored = await pull(third, dir, true);
	assert.equal(mirrored.totals.deleted, 5);
	assert.deepEqual(await rowsByMachine(third), {[laptop.id]: 10});
	assert.deepEqual(await third.all(`SELECT project_name FROM projects ORDER BY 1`), [{project_name: 'project-1-0'}]);
	assert.equal((await totals(third)).total, 10);
	assert.equal((await pull(third, dir, true)).totals.deleted, 0, 'mirroring again, with nothing gone');
});

test('--anonymize: no path, name or session id leaves the machine; the counts still add up', async () => {
	const dir = path.join(await makeTempDir(), 'lake');
	const laptop = await machineWith([10], 1);
	await laptop.database.run(`UPDATE skill_usage SET session_id = 'secret-session', session_key = session_key || 'secret-session', error_type = 'secret error'`);
	const report = await push(laptop.database, dir, true);
	assert.equal(report.anonymized, true);
	const third = await openDatabase();
	await pull(third, dir);
	assert.deepEqual(await rowsByMachine(third), {[laptop.id]: 10});
	const leaked = await third.all(`SELECT * FROM skill_usage u JOIN projects p USING (project_id)
		WHERE CAST(u AS VARCHAR) LIKE '%secret%' OR p.project_name LIKE 'project-1-%' OR p.project_path LIKE '%/tmp/%'`);
	assert.deepEqual(leaked, []);
	const sessions = await third.all<{n: number}>(`SELECT count(DISTINCT session_id)::INTEGER AS n FROM skill_usage`);
	assert.deepEqual(sessions, [{n: 1}], 'sessions stay one session, under an id of their own');

	// Switching --anonymize off gives the projects their real ids: the anonymous ones go, nothing is counted twice.
	await push(laptop.database, dir);
	const switched = await pull(third, dir);
	assert.equal(switched.totals.deleted, 10);
	assert.deepEqual(await rowsByMachine(third), {[laptop.id]: 10});
	assert.deepEqual(await third.all(`SELECT project_name FROM projects`), [{project_name: 'project-1-0'}]);
	assert.equal((await totals(third)).total, 9);
});

test('a pull (and a push) runs under the collect\'s memory cap (SKILLSCOPE_COLLECT_MEMORY), and gives the instance its default back', async () => {
	const directory = await makeTempDir();
	const dir = path.join(directory, 'lake');
	const laptop = await machineWith([5], 1);
	await push(laptop.database, dir);
	const third = await openDatabase();
	const before = await third.one<{limit: string}>(`SELECT current_setting('memory_limit') AS limit`);
	let during: string | undefined;
	await pullLake(third, {dir, mirror: false, timezone: 'UTC', memoryLimit: '300MB', async pause(point) {
		if (point === 'pull-writing') during = (await third.one<{limit: string}>(`SELECT current_setting('memory_limit') AS limit`))?.limit;
	}});
	assert.equal(during, '286.1 MiB');
	assert.deepEqual(await third.one(`SELECT current_setting('memory_limit') AS limit`), before);

	const env = isolatedEnv(directory, {SKILLSCOPE_COLLECT_MEMORY: 'lots'});
	for (const action of ['pull', 'push']) {
		const refused = await runInProcess(['lake', action, dir], env);
		assert.equal(refused.code, 1, action);
		assert.match(refused.stderr, /SKILLSCOPE_COLLECT_MEMORY "lots" is not a memory size/, action);
	}
});
