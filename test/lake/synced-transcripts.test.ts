import assert from 'node:assert/strict';
import {cp, mkdir} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {test} from 'node:test';
import {collect} from '../../source/data/collect/collector.js';
import type {Database} from '../../source/data/store/database.js';
import {localMachine} from '../../source/data/registry/machines.js';
import {registerDiscovered} from '../../source/data/registry/registry.js';
import {openDatabase} from '../helpers/database.js';
import {pull, push, rowsByMachine} from '../helpers/lake.js';
import {makeTempDir} from '../helpers/temp.js';

/*
 * Two machines that share one Claude Code folder (synced ~/.claude) record the same transcript
 * invocations, with the same keys. What one pulls of the other stays the other's: its own next
 * collect never takes those rows over.
 */

const SAMPLE_TREE = fileURLToPath(new URL('../../fixtures/claude-code/marot-spotter/claude/', import.meta.url));
const LAUNCH_DIRS = ['/home/USER/projects/spotter-worktrees/spotter-fum', '/home/USER/projects/spotter-worktrees/spotter-4te', '/home/marco/projects/spotter'];

async function machineReading(root: string): Promise<Database> {
	const database = await openDatabase();
	await registerDiscovered(database, LAUNCH_DIRS);
	await collect(database, {naiveTimezone: 'UTC', displayTimezone: 'UTC', claudeRoot: root});
	return database;
}

test('a collect does not take over the transcript rows pulled from a machine that read the same files', async () => {
	const home = await makeTempDir();
	const claude = path.join(home, 'claude');
	await mkdir(claude, {recursive: true});
	await cp(SAMPLE_TREE, claude, {recursive: true});
	const laptop = await machineReading(claude);
	const desktop = await machineReading(claude);
	const own = Object.values(await rowsByMachine(desktop))[0]!;
	assert.ok(own > 0);

	const dir = path.join(home, 'lake');
	await push(desktop, dir);
	await pull(laptop, dir);
	// A machine that pulls before its first collect still stores its own copies of the same lines.
	const fresh = await openDatabase();
	await registerDiscovered(fresh, LAUNCH_DIRS);
	await pull(fresh, dir);
	await collect(fresh, {naiveTimezone: 'UTC', displayTimezone: 'UTC', claudeRoot: claude});
	assert.deepEqual(await rowsByMachine(fresh), {[(await localMachine(fresh)).machine_id]: own, [(await localMachine(desktop)).machine_id]: own});

	const ids = {laptop: (await localMachine(laptop)).machine_id, desktop: (await localMachine(desktop)).machine_id};
	const expected = {[ids.laptop]: own, [ids.desktop]: own};
	assert.deepEqual(await rowsByMachine(laptop), expected);

	// Every transcript read again from the start: each row matched by its key.
	await laptop.run(`DELETE FROM transcript_files`);
	await collect(laptop, {naiveTimezone: 'UTC', displayTimezone: 'UTC', claudeRoot: claude});
	assert.deepEqual(await rowsByMachine(laptop), expected);
});
