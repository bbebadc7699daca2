import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {setLocalName} from '../../source/data/registry/machines.js';
import {openDatabase} from '../helpers/database.js';
import {machineWith, rowsByMachine} from '../helpers/lake.js';
import {startPostgres, type TestServer} from '../helpers/postgres.js';
import {teamPull, teamPush, withServer} from '../helpers/team.js';

/*
 * A pull reads only what the server took in since the last pull of each machine, less an overlap
 * that catches a push whose commit landed after that pull began; --machine, --project and --since
 * narrow it, and a narrowed pull moves no mark.
 */

let server: TestServer;
before(async () => {
	server = await startPostgres();
});
after(async () => server.stop());

/** What the server took in before now, as if long ago: past every mark and its overlap. */
const age = (url: string) => withServer(url, async client => client.query(`UPDATE skillscope.invocations SET ingested_at = ingested_at - INTERVAL '2 hours'`));

test('each pull reads only the rows taken in since its mark; a row committed late, within the overlap, is not missed', async () => {
	const url = await server.database();
	const laptop = await machineWith([10], 1);
	const third = await openDatabase();
	assert.equal((await teamPull(third, url)).totals.machines, 0, 'an empty server');
	await teamPush(laptop.database, url);
	const first = await teamPull(third, url);
	assert.deepEqual([first.incremental, first.totals.fetched, first.totals.inserted], [false, 10, 10]);

	await age(url);
	const idle = await teamPull(third, url);
	assert.deepEqual([idle.incremental, idle.totals.fetched, idle.totals.inserted], [true, 0, 0], 'nothing new: nothing read');

	await laptop.database.run(`UPDATE skill_usage SET status = 'succeeded', success = true WHERE status = 'pending'`);
	assert.equal((await teamPush(laptop.database, url)).updated, 1);
	const one = await teamPull(third, url);
	assert.deepEqual([one.totals.fetched, one.totals.updated], [1, 1], 'the one row changed since');

	// A push whose rows were stamped before that pull began but committed after it: inside the overlap.
	await age(url);
	await withServer(url, async client => client.query(`UPDATE skillscope.invocations SET ingested_at = now() - INTERVAL '5 minutes', followup_actions = followup_actions + 1
		WHERE invoked_at = (SELECT min(invoked_at) FROM skillscope.invocations)`));
	const late = await teamPull(third, url);
	assert.deepEqual([late.totals.fetched, late.totals.updated], [1, 1]);
	assert.deepEqual(await third.all(`SELECT max(followup_actions)::INTEGER AS most FROM skill_usage`), [{most: 1}]);
});

test('--machine, --project and --since narrow a pull; only a whole pull of a machine moves its mark', async () => {
	const url = await server.database();
	const laptop = await machineWith([10, 6], 1);
	const desktop = await machineWith([8], 3);
	await setLocalName(laptop.database, 'laptop');
	await setLocalName(desktop.database, 'desktop');
	await teamPush(laptop.database, url);
	await teamPush(desktop.database, url);
	const third = await openDatabase();

	const onlyDesktop = await teamPull(third, url, {machine: 'desktop'});
	assert.deepEqual(onlyDesktop.machines.map(machine => machine.name), ['desktop']);
	assert.deepEqual(await rowsByMachine(third), {[desktop.id]: 8});

	const oneProject = await teamPull(third, url, {project: 'project-1-1'});
	assert.deepEqual([oneProject.machines.map(machine => machine.name), oneProject.totals.inserted], [['laptop'], 6]);
	// machineWith's dates: 2026-01..03, days 1 to 20; since the 1st of March leaves the March rows.
	const recent = await teamPull(third, url, {since: '2026-03-01T00:00:00.000000Z'});
	assert.ok(recent.totals.inserted > 0 && recent.totals.inserted < 10, `${recent.totals.inserted} rows from March on`);

	await age(url);
	const rest = await teamPull(third, url);
	assert.equal(rest.incremental, false, 'the laptop was never pulled whole: it has no mark');
	assert.deepEqual(rest.machines.map(machine => [machine.name, machine.fetched]), [['desktop', 0], ['laptop', 16]]);
	assert.deepEqual(await rowsByMachine(third), {[desktop.id]: 8, [laptop.id]: 16});

	const unknown = await teamPull(third, url, {machine: 'nowhere'}).catch((error: Error) => error.message);
	assert.match(String(unknown), /no machine "nowhere" on the team server \(there: desktop, laptop\)/);
	const ownName = await teamPull(laptop.database, url, {machine: 'laptop'}).catch((error: Error) => error.message);
	assert.match(String(ownName), /no machine "laptop" on the team server/, 'a machine never pulls itself, even by name');
});
