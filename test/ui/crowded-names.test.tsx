import assert from 'node:assert/strict';
import path from 'node:path';
import {afterEach, describe, test} from 'node:test';
import {collect} from '../../source/data/collect/collector.js';
import {registerProject} from '../../source/data/registry/registry.js';
import {footerHints} from '../../source/ui/keymap.js';
import type {ScreenId} from '../../source/ui/navigation.js';
import {makeCrowdedWorld} from '../helpers/crowded.js';
import {assertFits, KEYS, renderExplorer, type Explorer} from '../helpers/render-app.js';

let app: Explorer | undefined;
afterEach(async () => {
	await app?.close();
	app = undefined;
});

async function crowdedExplorer(columns: number): Promise<Explorer> {
	return renderExplorer({
		collected: false,
		columns,
		rows: 24,
		async prepare(database) {
			const home = process.env.HOME!;
			const projects = await makeCrowdedWorld(home, path.dirname(home));
			for (const directory of Object.values(projects)) await registerProject(database, directory, {type: 'app'});
			await collect(database, {naiveTimezone: 'UTC', displayTimezone: 'UTC'});
		},
	});
}

for (const columns of [60, 80, 120]) {
	describe(`crowded names at ${columns} columns`, () => {
		test('dump', async () => {
			app = await crowdedExplorer(columns);
			const dump = async (what: string, predicate: (frame: string) => boolean) => { const f = await app!.waitForFrame(predicate, what); console.log(`==== ${what} ${columns}\n${f}`); return f; };
			await dump('leaderboard', frame => frame.includes('│ 9 │'));
			await app.press(KEYS.enter);
			await dump('drill', frame => frame.includes('success rate'));
			await app.press('1');
			await dump('projects', frame => frame.includes('XPMotors'));
			await app.press('6');
			await dump('insights', frame => frame.includes('recommend') || frame.includes('Nothing'));
			await app.press('7');
			await new Promise(r => setTimeout(r, 1500));
			console.log(app.lastFrame());
		});
	});
}
