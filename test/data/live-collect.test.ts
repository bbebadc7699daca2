import assert from 'node:assert/strict';
import {mkdir, rm, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {afterEach, describe, test} from 'node:test';
import {collect, type CollectReport} from '../../source/data/collect/collector.js';
import {Database} from '../../source/data/store/database.js';
import {registerProject} from '../../source/data/registry/registry.js';
import {LiveCollector, type LiveEvent, type WatchRequest} from '../../source/data/watch/live-collector.js';
import {makeTempDir} from '../helpers/temp.js';
import {invocation, tracker} from '../helpers/tracker.js';
import {GrowingSession, until, usageCount} from '../helpers/live.js';

/*
 * Live collection (issue 14) over real files in a temp dir and a real DuckDB file: what is
 * appended, made, deleted and made again is collected without anyone asking, by watching the
 * folders, or by polling when told to. No speed is asserted: each test waits for a condition.
 */

interface Live {
	root: string;
	project: string;
	database: Database;
	events: LiveEvent[];
	collects: () => number;
	/** The most collects that ever ran at the same time. */
	mostAtOnce: () => number;
	live: LiveCollector;
}

let current: Live | undefined;
afterEach(async () => {
	await current?.live.stop();
	await current?.database.close();
	current = undefined;
});

/** A registered project with a Claude root beside it, and live collection over both. */
async function startLive(request: WatchRequest = 'auto', prepare?: (root: string, project: string) => Promise<void>, fullCheckMs?: number): Promise<Live> {
	const home = await makeTempDir('skillscope-live-');
	const root = path.join(home, 'claude');
	const project = path.join(home, 'repo');
	await mkdir(path.join(root, 'projects'), {recursive: true});
	await mkdir(project, {recursive: true});
	await prepare?.(root, project);
	const database = await Database.open(path.join(home, 'db.duckdb'));
	await registerProject(database, project, {name: 'repo'});
	const events: LiveEvent[] = [];
	let running = 0;
	let most = 0;
	const live = await LiveCollector.start({
		database,
		claudeRoot: root,
		request,
		// As the explorer does: each collect on a connection of its own, while tests read on the first.
		async collect(signal): Promise<CollectReport> {
			running += 1;
			most = Math.max(most, running);
			const connection = await database.fork();
			try {
				return await collect(connection, {naiveTimezone: 'UTC', displayTimezone: 'UTC', claudeRoot: root, signal});
			} finally {
				await connection.close();
				running -= 1;
			}
		},
		onEvent: event => void events.push(event),
		...(fullCheckMs === undefined ? {} : {fullCheckMs}),
	});
	const collects = () => events.filter(event => event.type === 'collected').length;
	current = {root, project, database, events, collects, mostAtOnce: () => most, live};
	await until(() => collects() > 0, 'the first collect');
	return current;
}

describe('live collection', () => {
	test('an invocation appended to a transcript is collected with no one asking', async () => {
		let session: GrowingSession | undefined;
		const live = await startLive('auto', async (root, project) => {
			session = new GrowingSession(root, project, '11111111-1111-4111-8111-111111111111');
			session.addTurn('plan');
			await session.create();
		});
		const mode = live.events[0];
		assert.equal(mode?.type === 'mode' && mode.mode, 'watch');
		assert.ok(mode?.type === 'mode' && mode.folders >= 2, 'the tree and its project folder are watched');
		assert.equal(await usageCount(live.database, 'plan'), 1, 'the first collect read the session');
		await session!.turn('review');
		await until(async () => (await usageCount(live.database, 'review')) === 1, 'the appended review');
		assert.equal(await usageCount(live.database), 2);
	});

	test('a file deleted and made again: the rows of the first stay, the new one is added', async () => {
		const live = await startLive();
		const first = new GrowingSession(live.root, live.project, '22222222-2222-4222-8222-222222222222');
		first.addTurn('plan');
		first.addTurn('code');
		await first.create();
		await until(async () => (await usageCount(live.database)) === 2, 'the first file');
		const before = live.collects();
		await rm(first.file);
		await until(() => live.collects() > before, 'a collect after the deletion');
		assert.equal(await usageCount(live.database), 2, 'a deleted transcript keeps its rows');
		// Made again under the same name with other lines (a rewrite, as a resume can do).
		const again = new GrowingSession(live.root, live.project, '22222222-2222-4222-8222-222222222222');
		again.session.prompt('a fresh start', {at: 100});
		const id = again.session.skill('test', {id: 'toolu_01AgainAgainAgain'});
		again.session.skillLoaded(id, 'test');
		await again.create();
		await until(async () => (await usageCount(live.database, 'test')) === 1, 'the file made again');
		assert.equal(await usageCount(live.database), 3, 'plan and code were kept');
	});

	test('a burst of 100 appends gives exactly 100 rows in a few collects', async () => {
		const live = await startLive();
		const session = new GrowingSession(live.root, live.project, '33333333-3333-4333-8333-333333333333');
		session.addTurn('warm-up');
		await session.create();
		await until(async () => (await usageCount(live.database)) === 1, 'the first turn');
		const before = live.collects();
		for (let turn = 0; turn < 100; turn++) await session.turn('burst');
		await until(async () => (await usageCount(live.database, 'burst')) === 100, '100 burst rows');
		const during = live.collects() - before;
		assert.ok(during >= 1 && during <= 6, `${during} collects for one burst of 100 appends`);
		assert.equal(await usageCount(live.database), 101);
		assert.equal(live.mostAtOnce(), 1, 'never two collects at once');
	});

	test('a project folder made after the start, and a subagent folder in it, are followed', async () => {
		const live = await startLive();
		// A session launched in a subdirectory: a new folder under projects/.
		const sub = new GrowingSession(live.root, path.join(live.project, 'packages', 'core'), '44444444-4444-4444-8444-444444444444');
		sub.addTurn('core-skill');
		await sub.create();
		await until(async () => (await usageCount(live.database, 'core-skill')) === 1, 'the session in the new folder');
		await sub.turn('core-skill');
		await until(async () => (await usageCount(live.database, 'core-skill')) === 2, 'a turn appended in the new folder');
		const agent = new GrowingSession(live.root, path.join(live.project, 'packages', 'core'), sub.session.sessionId, 'a1b2c3d');
		agent.addTurn('agent-skill');
		await agent.create();
		await until(async () => (await usageCount(live.database, 'agent-skill')) === 1, 'the subagent in the new session folder');
	});

	test('a metrics file made in a registered project is collected', async () => {
		const live = await startLive();
		await mkdir(path.join(live.project, '.session-buddy'));
		await writeFile(path.join(live.project, '.session-buddy', 'skill_metrics.json'), tracker([invocation({skill_name: 'tracked', invoked_at: '2026-03-02T10:00:00'})]));
		await until(async () => (await usageCount(live.database, 'tracked')) === 1, 'the tracker file');
	});

	test('forced polling says so and still follows an append', async () => {
		const live = await startLive('poll');
		const mode = live.events.find(event => event.type === 'mode');
		assert.equal(mode?.type === 'mode' && mode.mode, 'polling');
		assert.match(mode?.type === 'mode' ? mode.reason ?? '' : '', /SKILLSCOPE_WATCH=poll/);
		assert.equal(live.live.mode, 'polling');
		const session = new GrowingSession(live.root, live.project, '55555555-5555-4555-8555-555555555555');
		session.addTurn('polled');
		await session.create();
		await until(async () => (await usageCount(live.database, 'polled')) === 1, 'the polled file');
		await session.turn('polled');
		await until(async () => (await usageCount(live.database, 'polled')) === 2, 'the polled append');
	});

	test('the full check collects on its own, with no change at all', async () => {
		const live = await startLive('auto', undefined, 100);
		const after = live.events.length;
		await until(() => live.collects() >= 4, 'three full checks after the first collect');
		assert.ok(live.events.slice(after).every(event => event.type === 'collected'), 'collects, not failures');
		assert.equal(live.mostAtOnce(), 1);
	});
});
