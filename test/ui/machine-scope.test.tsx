import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import {test} from 'node:test';
import {setLocalName} from '../../source/data/registry/machines.js';
import {machineWith, pull, push} from '../helpers/lake.js';
import {leaderboardOrder, lineWith, renderExplorer} from '../helpers/render-app.js';
import {makeTempDir} from '../helpers/temp.js';

test('with a pulled machine, p cycles all, each machine, then each project; the header names the machine', async () => {
	const dir = path.join(await makeTempDir(), 'lake');
	const desktop = await machineWith([10], 1);
	await setLocalName(desktop.database, 'desktop');
	await push(desktop.database, dir);
	const app = await renderExplorer({prepare: async database => void (await pull(database, dir))});
	try {
		const all = await app.waitForFrame(frame => frame.includes('crackerjack-run') && frame.includes('skill-0'), 'both machines’ skills');
		assert.match(all, /all active projects/);
		await app.press('p');
		// The header changes at once; the rows when the machine's leaderboard has loaded.
		const here = await app.waitForFrame(frame => frame.includes(`machine ${os.hostname()}`) && !frame.includes('skill-0'), 'this machine, none of the desktop’s skills');
		assert.ok(leaderboardOrder(here).includes('crackerjack-run'));
		await app.press('p');
		const other = await app.waitForFrame(frame => frame.includes('machine desktop') && !frame.includes('crackerjack-run'), 'the desktop');
		assert.deepEqual(leaderboardOrder(other).sort(), ['skill-0', 'skill-1', 'skill-2']);
		// 10 invocations: n = 0..9, skill n % 3; n = 4 failed and n = 9 (the last) pending.
		assert.match(lineWith(other, 'skill-0'), /│ 3 +│ 100\.0%/);
		await app.press('p');
		await app.waitForFrame(frame => /project \S+/.test(frame) && !frame.includes('machine desktop'), 'the first project');
	} finally {
		await app.close();
	}
});
