import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {setLocalName} from '../../source/data/registry/machines.js';
import {machineWith} from '../helpers/lake.js';
import {startPostgres, type TestServer} from '../helpers/postgres.js';
import {leaderboardOrder, lineWith, renderExplorer} from '../helpers/render-app.js';
import {teamPull, teamPush} from '../helpers/team.js';

/* The explorer shows a machine pulled from the team server as it shows one pulled from a lake: its skills, and a stop of the scope key. */

let server: TestServer;
before(async () => {
	server = await startPostgres();
});
after(async () => server.stop());

test('after a team pull the leaderboard holds both machines\' skills, and p reaches the team machine', async () => {
	const url = await server.database();
	const desktop = await machineWith([10], 1);
	await setLocalName(desktop.database, 'desktop');
	await teamPush(desktop.database, url);
	const app = await renderExplorer({prepare: async database => void (await teamPull(database, url))});
	try {
		await app.waitForFrame(frame => frame.includes('crackerjack-run') && frame.includes('skill-0'), 'both machines’ skills');
		await app.press('p');
		await app.press('p');
		const other = await app.waitForFrame(frame => frame.includes('machine desktop') && !frame.includes('crackerjack-run'), 'the desktop');
		assert.deepEqual(leaderboardOrder(other).sort(), ['skill-0', 'skill-1', 'skill-2']);
		assert.match(lineWith(other, 'skill-0'), /│ 3 +│ 100\.0%/);
	} finally {
		await app.close();
	}
});
