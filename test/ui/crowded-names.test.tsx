import assert from 'node:assert/strict';
import path from 'node:path';
import {afterEach, describe, test} from 'node:test';
import {collect} from '../../source/data/collect/collector.js';
import {registerProject} from '../../source/data/registry/registry.js';
import {footerHints} from '../../source/ui/keymap.js';
import type {ScreenId} from '../../source/ui/navigation.js';
import {CROWDED_SKILLS, makeCrowdedWorld} from '../helpers/crowded.js';
import {assertFits, KEYS, renderExplorer, type Explorer} from '../helpers/render-app.js';

/*
 * Issue 27: on a root whose rows are alike (two projects named XPMotors_IOS, plugin families of
 * one long prefix, names that differ only at their end), every screen at 60, 80 and 120 columns
 * shows rows that can be told apart, and a footer whose hints are whole.
 */

let app: Explorer | undefined;
afterEach(async () => {
	await app?.close();
	app = undefined;
});

const ROWS = 24;

async function crowdedExplorer(columns: number): Promise<Explorer> {
	return renderExplorer({
		collected: false,
		columns,
		rows: ROWS,
		async prepare(database) {
			const home = process.env.HOME!;
			const projects = await makeCrowdedWorld(home, path.dirname(home));
			for (const directory of Object.values(projects)) await registerProject(database, directory, {type: 'app'});
			await collect(database, {naiveTimezone: 'UTC', displayTimezone: 'UTC'});
		},
	});
}

/** The table body rows of a frame (`› │ …` or `  │ …` under the heading's `├`), without the cursor's mark. */
function tableRows(frame: string): string[] {
	const lines = frame.split('\n');
	const body = lines.findIndex(line => /^ {2}├/.test(line));
	if (body < 0) return [];
	const rows: string[] = [];
	for (const line of lines.slice(body + 1)) {
		if (!/^[› ] │/.test(line)) break;
		rows.push(line.slice(2));
	}

	return rows;
}

/** One cell of every table row: `column` counts the cells from the left, the first being 0. */
const cells = (frame: string, column: number) => tableRows(frame).map(row => row.split('│')[column + 1]!.trim());

function assertDistinct(values: readonly string[], count: number, what: string) {
	assert.equal(values.length, count, `${what}: ${count} rows, got ${values.join(' | ')}`);
	assert.equal(new Set(values).size, values.length, `${what}: rows read alike: ${values.join(' | ')}`);
}

/** The footer (the last line) holds only whole hints of the screen, `? help` among them, and the live mark. */
function assertWholeHints(frame: string, screen: ScreenId, what: string) {
	const footer = frame.split('\n').at(-1)!;
	assert.ok(!footer.includes('…'), `${what}: a hint was cut: ${footer}`);
	assert.match(footer, /\? help/, `${what}: ? always stays`);
	const known = new Set(footerHints(screen).map(({keys, hint}) => `${keys} ${hint}`));
	const chunks = footer.trim().split(/ {2,}/).filter(chunk => !/^l live/.test(chunk));
	for (const chunk of chunks) assert.ok(known.has(chunk), `${what}: "${chunk}" is not a whole hint of ${screen}: ${footer}`);
}

for (const columns of [60, 80, 120]) {
	describe(`crowded names at ${columns} columns`, () => {
		test('every screen tells its rows apart, fits, and keeps its hints whole', async () => {
			app = await crowdedExplorer(columns);
			const board = await app.waitForFrame(frame => tableRows(frame).length === CROWDED_SKILLS.length, 'the leaderboard, every skill');
			assertFits(board, columns, ROWS, 'leaderboard');
			assertDistinct(cells(board, 1), CROWDED_SKILLS.length, 'leaderboard skills');
			if (columns >= 80) assert.ok(cells(board, 1).some(name => name.endsWith(':read')), `a plugin's skill part stays whole: ${cells(board, 1).join(' | ')}`);
			assertWholeHints(board, 'leaderboard', 'leaderboard');

			await app.press(KEYS.enter);
			const drill = await app.waitForFrame(frame => frame.includes('success rate'), 'the drill-down');
			assertFits(drill, columns, ROWS, 'drill-down');
			assertWholeHints(drill, 'skill', 'drill-down');

			await app.press('1');
			const projects = await app.waitForFrame(frame => tableRows(frame).length === 4, 'the registry');
			assertFits(projects, columns, ROWS, 'registry');
			assertDistinct(tableRows(projects).map(row => row.replace(/\d{4}-\d\d-\d\d( \d\d:\d\d)?/, '')), 4, 'registry rows, the time of sync aside');
			// Where the column is wide enough, the path keeps the folder that tells the two apart.
			const paths = cells(projects, columns >= 100 ? 2 : 1);
			assertDistinct(paths, 4, 'registry paths');
			if (columns >= 120) {
				assert.ok(paths.some(cell => cell.endsWith('workSpace/XPMotors_IOS')) && paths.includes('~/Desktop/XPMotors_IOS'), paths.join(' | '));
				assert.ok(cells(projects, 0).includes('XPMotors_IOS (workSpace)'), cells(projects, 0).join(' | '));
			}
			assertWholeHints(projects, 'projects', 'registry');

			await app.press('6');
			const insights = await app.waitForFrame(frame => frame.includes('recommendations for'), 'the insights');
			assertFits(insights, columns, ROWS, 'insights');
			assertWholeHints(insights, 'insights', 'insights');
			const recommended = insights.split('\n').filter(line => /^[› ] (high|medium|low) /.test(line));
			assert.ok(recommended.length > 0);
			assertDistinct(recommended.map(line => line.slice(2)), recommended.length, 'recommendations');
		});
	});
}
