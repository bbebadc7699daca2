import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import {Database} from '../../source/data/store/database.js';
import {registerProject} from '../../source/data/registry/registry.js';
import {GrowingSession, until} from '../helpers/live.js';
import {REPO} from '../helpers/run-cli.js';
import {makeTempDir} from '../helpers/temp.js';

/*
 * Watchers refused by the system, for real: a process with every file descriptor taken (and a
 * low limit, so that takes a moment) gets EMFILE from fs.watch, says it polls and why, and still
 * collects what is appended.
 */
test('when the system refuses fs.watch (EMFILE), live collection polls, says why, and follows an append', async () => {
	const home = await makeTempDir('skillscope-refused-');
	const root = path.join(home, 'claude');
	const project = path.join(home, 'repo');
	await mkdir(path.join(root, 'projects'), {recursive: true});
	await mkdir(project, {recursive: true});
	const dbPath = path.join(home, 'db.duckdb');
	const setup = await Database.open(dbPath);
	await registerProject(setup, project, {name: 'repo'});
	await setup.close();
	const session = new GrowingSession(root, project, '88888888-8888-4888-8888-888888888888');
	session.addTurn('plan');
	await session.create();

	const child = spawn('sh', ['-c', `ulimit -n 256 && exec "${process.execPath}" --import tsx test/helpers/live-refused-child.ts "$0" "$1"`, root, dbPath], {cwd: REPO, stdio: ['ignore', 'pipe', 'pipe']});
	let out = '';
	let err = '';
	child.stdout.on('data', chunk => (out += String(chunk)));
	child.stderr.on('data', chunk => (err += String(chunk)));
	const exited = new Promise<number | null>(resolve => child.on('close', resolve));
	const events = () => out.split('\n').filter(Boolean).map(line => JSON.parse(line) as {type: string; mode?: string; reason?: string; collected?: number});
	const collected = () => events().reduce((sum, event) => sum + (event.collected ?? 0), 0);
	try {
		await until(() => collected() === 1, `the first collect; stdout ${out}; stderr ${err}`);
		const mode = events().find(event => event.type === 'mode');
		assert.equal(mode?.mode, 'polling');
		assert.match(mode?.reason ?? '', /too many open files for another watcher \(EMFILE\)/);
		await session.turn('review');
		await until(() => collected() === 2, `the polled append; stdout ${out}; stderr ${err}`);
	} finally {
		child.kill('SIGINT');
	}

	assert.equal(await exited, 0, err);
});
