import assert from 'node:assert/strict';
import {readdir} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, test} from 'node:test';
import type {Database} from '../../source/data/store/database.js';
import {listProjects, registerDiscovered, unregisterProject} from '../../source/data/registry/registry.js';
import {formatCount, formatDecimal} from '../../source/domain/format.js';
import {assertFits, KEYS, leaderboardOrder, lineWith, renderExplorer, type Explorer} from '../helpers/render-app.js';

/** The bundled Claude Code root: launch directories that do not exist on this machine. */
const DEMO = fileURLToPath(new URL('../../fixtures/demo-claude', import.meta.url));
const INFRA = '/home/demo/code/infra';
const SHOP = '/home/demo/code/shop';
const SCRATCH = '/home/demo/scratch';
/** The crowded corner (scripts/demo-collisions.ts): two more projects named shop, and a long path. */
const WORKSPACE = '/home/demo/Desktop/workSpace/shop';
const ACME = '/home/demo/clients/acme/shop';
const PAYMENTS = '/home/demo/Documents/work/platform-team/services/payments-reconciliation-service';
const ALL = [INFRA, SHOP, SCRATCH, WORKSPACE, ACME, PAYMENTS];
/** How the collection names each project: the three shops by the folder that tells them apart. */
const LABELS: Record<string, string> = {
	[INFRA]: 'infra',
	[SHOP]: 'shop (code)',
	[SCRATCH]: 'scratch',
	[WORKSPACE]: 'shop (workSpace)',
	[ACME]: 'shop (acme)',
	[PAYMENTS]: 'payments-reconciliation-service',
};

let app: Explorer | undefined;
afterEach(async () => {
	await app?.close();
	app = undefined;
});

const registerAll = async (database: Database) => {
	await registerDiscovered(database, ALL);
};

async function activePaths(database: Database): Promise<string[]> {
	return (await listProjects(database, {activeOnly: true, counts: false})).map(project => project.project_path).sort();
}

/** The leaderboard shows exactly `skills`, in any order. */
function sameSkills(frame: string, skills: readonly string[]): boolean {
	return [...leaderboardOrder(frame)].sort().join('\n') === [...skills].sort().join('\n');
}

/** The transcript files (sessions and subagents) Claude Code filed under launch directories inside `project`. */
async function transcriptFileCount(project: string): Promise<number> {
	const folder = project.replaceAll(/[^a-zA-Z0-9]/g, '-');
	let count = 0;
	for (const entry of await readdir(path.join(DEMO, 'projects'), {withFileTypes: true})) {
		if (!entry.isDirectory() || (entry.name !== folder && !entry.name.startsWith(`${folder}-`))) continue;
		const files = await readdir(path.join(DEMO, 'projects', entry.name), {recursive: true});
		count += files.filter(file => file.endsWith('.jsonl')).length;
	}

	return count;
}

describe('Claude Code transcripts in the explorer', () => {
	test('a first start with transcripts and no project opens on Projects, says what was found and offers A', async () => {
		app = await renderExplorer({collected: false, claudeRoot: DEMO, columns: 120, rows: 40});
		const frame = await app.waitForFrame(current => current.includes('A registers them all'), 'the first-start message');
		assert.match(frame, /Projects {2}·/);
		// One line wherever the repository (and so the demo root) sits: a long root is cut in its middle.
		const root = /6 projects found in Claude Code transcripts under (.+) — A registers them all/.exec(frame)?.[1];
		assert.ok(root !== undefined, `the notice on one line:\n${frame}`);
		const [head, tail] = root.includes('…') ? root.split('…') : [root, ''];
		assert.ok(DEMO.startsWith(head!) && DEMO.endsWith(tail!) && head!.length > 0 && (tail!.length > 0 || root === DEMO), `${root} is the demo root, or both ends of it`);
		assert.doesNotMatch(frame, /No projects registered yet/);
		// The long path keeps its start and its last folder, its middle cut.
		for (const directory of ALL) assert.match(lineWith(frame, directory === PAYMENTS ? '/payments-reconciliation-service ' : directory), /│ new, missing +│$/, `${directory}: found, not registered, gone from this machine`);
		assert.match(frame, /A add all/, 'the footer offers A');
	});

	test('without a Claude Code root nothing is discovered and the registry says how to start', async () => {
		app = await renderExplorer({collected: false});
		const frame = await app.waitForFrame(current => current.includes('No projects registered yet'), 'the empty registry');
		assert.doesNotMatch(frame, /transcripts/);
	});

	test('a registers the directory under the cursor; A asks, n leaves it, y registers the rest', async () => {
		app = await renderExplorer({collected: false, claudeRoot: DEMO});
		await app.waitForFrame(current => current.includes('A registers them all'));
		// Found by path, case aside: acme's shop, then infra.
		await app.press('j', 'a');
		// The found table is drawn a frame after the registered one: wait for both.
		const one = await app.waitForFrame(
			current => current.includes(`Registered infra (${INFRA}).`) && current.includes('│ infra') && current.includes('found in Claude Code transcripts'),
			'infra registered',
		);
		assert.match(lineWith(one, '│ infra'), /│ yes +│/);
		assert.equal(one.split('\n').filter(line => line.includes(INFRA)).length, 1, 'infra is listed once, as a project');
		assert.match(one, /Not registered, found in Claude Code transcripts/);
		assert.deepEqual(await activePaths(app.database), [INFRA]);
		await app.waitForFrame(current => lineWith(current, '│ infra').includes('infra (missing)'), 'the registered project marked missing');

		await app.press('A');
		await app.waitForFrame(current => current.includes('Register 5 directories found in transcripts (5 missing)? y/n'), 'the question');
		await app.press('n');
		await app.waitForFrame(current => !current.includes('Register 5 directories'), 'the question gone');
		assert.deepEqual(await activePaths(app.database), [INFRA], 'n registers nothing');

		await app.press('A', 'y');
		const all = await app.waitForFrame(current => current.includes('Registered 5 projects: ') && current.includes('│ scratch'), 'all registered');
		assert.deepEqual(await activePaths(app.database), [...ALL].sort());
		assert.doesNotMatch(all, /new, missing|Not registered, found/, 'nothing left to register');
	});

	test('an unregistered directory is marked so; a says how to reactivate it and A leaves it unregistered', async () => {
		app = await renderExplorer({
			collected: false,
			claudeRoot: DEMO,
			async prepare(database) {
				const [shop] = await registerDiscovered(database, [SHOP]);
				await unregisterProject(database, shop!.project_id);
			},
		});
		const frame = await app.waitForFrame(current => current.includes('unregistered, missing'), 'the unregistered directory');
		assert.match(lineWith(frame, '│ shop'), /│ no +│/, 'the project is listed, inactive');
		assert.match(lineWith(frame, `│ ${SHOP}`), /│ unregistered, missing +│$/);
		assert.match(lineWith(frame, `│ ${INFRA}`), /│ new, missing +│$/);
		// Rows: shop (registered), then as found: acme's shop, infra, this shop, …
		await app.press('j', 'j', 'j', 'a');
		await app.waitForFrame(current => current.includes(`${SHOP} was unregistered: d on its row above reactivates it.`), 'why a does nothing');
		await app.press('A');
		await app.waitForFrame(current => current.includes('Register 5 directories found in transcripts (5 missing); 1 unregistered stay so? y/n'), 'the question');
		await app.press('y');
		await app.waitForFrame(current => current.includes('Registered 5 projects: '), 'registered');
		assert.deepEqual(await activePaths(app.database), ALL.filter(directory => directory !== SHOP).sort(), 'shop stays unregistered');
	});

	test('r collects the transcripts: each file a source of its project, the rows written shown', async () => {
		// Wide enough for every name uncut.
		app = await renderExplorer({collected: false, claudeRoot: DEMO, prepare: registerAll, columns: 160, rows: 40});
		await app.waitForFrame(current => current.includes('│ shop'), 'the registered projects');
		await app.press('r');
		const done = await app.waitForFrame(current => current.includes('Done in'), 'the collect');
		for (const directory of ALL) {
			const name = LABELS[directory]!;
			const files = await transcriptFileCount(directory);
			const {rows} = (await app.database.one<{rows: number}>(
				`SELECT count(*)::INTEGER AS rows FROM skill_usage u JOIN projects p USING (project_id) WHERE p.project_path = $path AND u.source = 'claude-code'`,
				{path: directory},
			))!;
			assert.ok(files > 0 && rows > 0, `${name} has transcripts and rows`);
			assert.match(lineWith(done, `│ ${name} `), new RegExp(`│ done +│ ${files}/${files} +│ ${formatCount(rows)} +│ 0 +│`), `${name}: every file read, every row counted`);
		}

		const {total} = (await app.database.one<{total: number}>(`SELECT count(*)::INTEGER AS total FROM skill_usage`))!;
		assert.match(done, new RegExp(`${formatCount(total)} new, 0 updated, 0 unchanged, 0 errors`));
		await app.press('4');
		const skills = (await app.database.all<{skill_name: string}>(`SELECT DISTINCT skill_name FROM skill_usage WHERE status <> 'pending' ORDER BY skill_name`)).map(row => row.skill_name);
		assert.ok(skills.length > 3);
		await app.waitForFrame(current => sameSkills(current, skills), 'every skill of the transcripts on the leaderboard');
	});

	test('f cycles the leaderboard through model, user and subagent, back to every trigger, each from its top row', async () => {
		app = await renderExplorer({claudeRoot: DEMO, prepare: registerAll, columns: 160, rows: 40});
		const everything = leaderboardOrder(await app.waitForFrame(current => current.includes('code-review') && current.includes('crackerjack-run'), 'the leaderboard'));
		for (const trigger of ['model', 'user', 'subagent']) {
			const expected: Array<{skill_name: string}> = await app.database.all(
				`SELECT DISTINCT skill_name FROM skill_usage WHERE trigger = $trigger AND status <> 'pending' ORDER BY skill_name`,
				{trigger},
			);
			assert.ok(expected.length > 0, `the demo has ${trigger}-triggered uses`);
			await app.press('j', 'f');
			const frame = await app.waitForFrame(
				current => current.includes(`trigger: ${trigger}`) && sameSkills(current, expected.map(row => row.skill_name)),
				`exactly the ${trigger}-triggered skills`,
			);
			assert.match(frame, /^› │ 1 /m, 'the cursor is back on the first row');
			assert.match(frame, /f trigger/, 'the footer names the key');
		}

		assert.ok(!leaderboardOrder(app.lastFrame()).includes('crackerjack-run'), 'tracker rows have no trigger: not under subagent');
		await app.press('f');
		await app.waitForFrame(current => !current.includes('trigger:') && leaderboardOrder(current).join() === everything.join(), 'every trigger again, in the same order');
	});

	test('the drill-down says what the model was offered (issue 21): commit listed in 30 sessions, never picked, its description cut in 18; at 80 × 24', async () => {
		app = await renderExplorer({claudeRoot: DEMO, prepare: registerAll, columns: 80, rows: 24});
		await app.waitForFrame(current => current.includes('code-review'), 'the leaderboard');
		await app.press('/', 'commit', KEYS.enter, KEYS.enter);
		const frame = await app.waitForFrame(current => current.includes('Leaderboard › commit') && current.includes('exposure'), 'the drill-down');
		assertFits(frame, 80, 24, 'the drill-down');
		assert.match(frame, /\nexposure +listed in 30 sessions, picked by the model in 0 \(0\.0%\); its\n +description was cut in 18\n +rates over 30 sessions that recorded a listing\n/);
	});

	test('the drill-down shows the trigger split, tokens and tool errors per use, and where the uses came from', async () => {
		app = await renderExplorer({claudeRoot: DEMO, prepare: registerAll, columns: 120, rows: 40});
		await app.waitForFrame(current => current.includes('code-review'), 'the leaderboard');
		await app.press('/', 'code-review', KEYS.enter, KEYS.enter);
		const frame = await app.waitForFrame(current => current.includes('triggered') && current.includes('Leaderboard › code-review'), 'the drill-down');
		const triggers = await app.database.all<{trigger: string; total: number; ok: number; pending: number}>(
			`SELECT trigger, count(*) FILTER (WHERE status <> 'pending')::INTEGER AS total, count(*) FILTER (WHERE status = 'succeeded')::INTEGER AS ok,
				count(*) FILTER (WHERE status = 'pending')::INTEGER AS pending
			FROM skill_usage WHERE skill_name = 'code-review' GROUP BY trigger ORDER BY total DESC, trigger`,
		);
		assert.ok(triggers.length >= 2, 'code-review is triggered more than one way in the demo');
		// Tracker rows record no trigger: `unknown` in the database, named for where they came from.
		const split = triggers.map(row => `${row.trigger === 'unknown' ? 'tracker' : row.trigger} ${formatCount(row.total)}: ${formatCount(row.ok)} ok${row.pending > 0 ? `, ${formatCount(row.pending)} pending` : ''}`).join(' · ');
		assert.match(lineWith(frame, 'triggered'), new RegExp(`triggered +${split.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
		const per = (await app.database.one<{tokens: number; errors: number; uses: number}>(
			`SELECT avg(output_tokens) FILTER (WHERE status <> 'pending')::DOUBLE AS tokens, avg(tool_errors) FILTER (WHERE status <> 'pending')::DOUBLE AS errors,
				count(*) FILTER (WHERE status <> 'pending')::INTEGER AS uses
			FROM skill_usage WHERE skill_name = 'code-review'`,
		))!;
		assert.match(lineWith(frame, 'per use'), new RegExp(`follow-ups, ${formatCount(Math.round(per.tokens))} output tokens, ${formatDecimal(per.errors).replace('.', '\\.')} tool errors$`));
		const sources = await app.database.all<{source: string; uses: number}>(
			`SELECT source, count(*)::INTEGER AS uses FROM skill_usage WHERE skill_name = 'code-review' AND status <> 'pending' GROUP BY source ORDER BY uses DESC, source`,
		);
		assert.equal(sources.reduce((sum, row) => sum + row.uses, 0), per.uses);
		const recorded = sources.map(row => `${row.source} ${formatCount(row.uses)}`).join(', ');
		assert.match(lineWith(frame, 'recorded by'), new RegExp(`^ +skill · recorded by ${recorded}$`), 'the transcripts’ and a tracker’s uses');

		// A tracker's skill: no trigger, no tokens recorded; said once, not as rows of zeros.
		await app.press(KEYS.escape, KEYS.escape, '/', 'crackerjack-run', KEYS.enter, KEYS.enter);
		const tracker = await app.waitForFrame(current => current.includes('Leaderboard › crackerjack-run') && current.includes('recorded by'), 'a tracker skill');
		assert.equal(lineWith(tracker, 'triggered'), '', 'no split of one unknown trigger');
		assert.doesNotMatch(lineWith(tracker, 'per use'), /tokens|tool errors/);
		assert.match(lineWith(tracker, 'recorded by'), /^ +skill · recorded by [a-z-]+ \d+(, [a-z-]+ \d+)* · trigger not recorded \(tracker metrics\)$/);
		assert.doesNotMatch(lineWith(tracker, 'recorded by'), /claude-code/);
	});

	test('A, y and r at once: the collect waits for the registration, then reads all six projects', async () => {
		app = await renderExplorer({collected: false, claudeRoot: DEMO, columns: 120, rows: 40});
		await app.waitForFrame(current => current.includes('A registers them all') && current.includes('new, missing'));
		await app.press('Ayr');
		const done = await app.waitForFrame(current => current.includes('Done in'), 'the collect');
		for (const directory of ALL) {
			const files = await transcriptFileCount(directory);
			assert.match(lineWith(done, `│ ${LABELS[directory]} `), new RegExp(`│ done +│ ${files}/${files} +│ [\\d,]+ +│ 0 +│`));
		}

		assert.match(done, / 0 errors/);
	});

	for (const [columns, rows] of [[80, 24], [120, 40]] as const) {
		test(`at ${columns} × ${rows} nothing wraps: found directories, the question, the trigger filter, the drill-down`, async () => {
			app = await renderExplorer({collected: false, claudeRoot: DEMO, columns, rows});
			assertFits(await app.waitForFrame(current => current.includes('A registers them all') && current.includes('new, missing')), columns, rows, 'first start');
			await app.press('j', 'a');
			assertFits(await app.waitForFrame(current => current.includes('Registered infra')), columns, rows, 'one registered, five found');
			await app.press('A');
			assertFits(await app.waitForFrame(current => current.includes('Register 5 directories')), columns, rows, 'the question');
			await app.press('y');
			await app.waitForFrame(current => current.includes('Registered 5 projects'));
			await app.press('r');
			assertFits(await app.waitForFrame(current => current.includes('Done in')), columns, rows, 'the collect');
			await app.press('4', 'f');
			assertFits(await app.waitForFrame(current => current.includes('trigger: model') && current.includes('write-tests')), columns, rows, 'the model filter');
			await app.press(KEYS.enter);
			assertFits(await app.waitForFrame(current => current.includes('triggered')), columns, rows, 'the drill-down');
		});
	}
});
