import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {mkdir, rm} from 'node:fs/promises';
import path from 'node:path';
import {describe, test} from 'node:test';
import {isolatedEnv} from '../helpers/environment.js';
import {assertNoRawControls} from '../helpers/hostile.js';
import {GrowingSession, until} from '../helpers/live.js';
import {CLI, runInProcess} from '../helpers/run-cli.js';
import {makeTempDir} from '../helpers/temp.js';

/*
 * `skillscope collect --watch` as a user runs it: its own process, real files, Ctrl+C (SIGINT) to
 * stop. Each collect that found something is one line on stdout: NDJSON with --json.
 */

interface Watching {
	stdout: () => string[];
	stderr: () => string;
	exited: Promise<number | null>;
	interrupt: () => void;
	/** The reader goes away, as `| head -1` does once it has its line. */
	closeStdout: () => void;
}

function watch(args: readonly string[], env: Record<string, string>): Watching {
	const child = spawn(process.execPath, [CLI, 'collect', '--watch', ...args], {env: {PATH: process.env.PATH ?? '', TZ: 'UTC', ...env}, stdio: ['ignore', 'pipe', 'pipe']});
	let out = '';
	let err = '';
	child.stdout.on('data', chunk => (out += String(chunk)));
	child.stderr.on('data', chunk => (err += String(chunk)));
	const exited = new Promise<number | null>(resolve => child.on('close', code => resolve(code)));
	return {stdout: () => out.split('\n').filter(Boolean), stderr: () => err, exited, interrupt: () => child.kill('SIGINT'), closeStdout: () => child.stdout.destroy()};
}

async function setUp(name = 'repo'): Promise<{env: Record<string, string>; session: GrowingSession}> {
	const directory = await makeTempDir('skillscope-watch-');
	const env = isolatedEnv(directory, {NO_COLOR: '1'});
	const project = path.join(directory, 'repo');
	await mkdir(project, {recursive: true});
	await mkdir(path.join(env.CLAUDE_CONFIG_DIR!, 'projects'), {recursive: true});
	const registered = await runInProcess(['register', project, '--name', name], env);
	assert.equal(registered.code, 0, registered.stderr);
	const session = new GrowingSession(env.CLAUDE_CONFIG_DIR!, project, '66666666-6666-4666-8666-666666666666');
	session.addTurn('plan');
	await session.create();
	return {env, session};
}

describe('collect --watch', () => {
	test('--json prints one JSON object a line per change, and Ctrl+C ends it with exit 0', async () => {
		const {env, session} = await setUp();
		const run = watch(['--json'], env);
		try {
			await until(() => run.stdout().length >= 1, `the first collect's line; stderr: ${run.stderr()}`);
			const first = JSON.parse(run.stdout()[0]!) as {mode: string; totals: {collected: number}; projects: Array<{project_name: string; collected: number}>};
			assert.equal(first.mode, 'watch');
			assert.equal(first.totals.collected, 1);
			assert.deepEqual(first.projects.map(project => [project.project_name, project.collected]), [['repo', 1]]);
			assert.match(run.stderr(), /watching .*projects and the active projects' metrics files \(fs\.watch on \d+ folders\); Ctrl\+C stops/);
			await session.turn('review');
			await session.turn('review');
			await until(() => run.stdout().reduce((sum, line) => sum + (JSON.parse(line) as {totals: {collected: number}}).totals.collected, 0) === 3, 'the two appended turns');
		} finally {
			run.interrupt();
		}

		assert.equal(await run.exited, 0, run.stderr());
		for (const line of run.stdout()) assert.doesNotThrow(() => JSON.parse(line), `not one JSON object: ${line}`);
	});

	test('the Claude root deleted and made again: said on stderr, and followed again at once (issue 22, D14)', async () => {
		const {env, session} = await setUp();
		const run = watch(['--json'], env);
		try {
			await until(() => run.stdout().length >= 1, `the first collect's line; stderr: ${run.stderr()}`);
			await rm(env.CLAUDE_CONFIG_DIR!, {recursive: true, force: true});
			await until(() => /is gone: watching for it to come back/.test(run.stderr()), `the line saying the root is gone; stderr: ${run.stderr()}`);
			session.addTurn('review');
			await session.create();
			// Well before the full check every 3 minutes would have found it.
			await until(() => run.stdout().reduce((sum, line) => sum + (JSON.parse(line) as {totals: {collected: number}}).totals.collected, 0) === 2, `the new turn; stderr: ${run.stderr()}`, 20_000);
			await until(() => /is back: following it again/.test(run.stderr()), `the line saying the root is back; stderr: ${run.stderr()}`);
		} finally {
			run.interrupt();
		}

		assert.equal(await run.exited, 0, run.stderr());
	});

	test('text: one line per change, and SKILLSCOPE_WATCH=poll polls and says so', async () => {
		const {env, session} = await setUp();
		const run = watch([], {...env, SKILLSCOPE_WATCH: 'poll'});
		try {
			await until(() => run.stdout().length >= 1, `the first collect's line; stderr: ${run.stderr()}`);
			assert.match(run.stdout()[0]!, /^\d\d:\d\d:\d\d {2}1 new, 0 updated, 0 errors in repo \(/);
			assert.match(run.stderr(), /polling every 2 s: polling was asked for \(SKILLSCOPE_WATCH=poll\)/);
			await session.turn('review');
			await until(() => run.stdout().length >= 2, 'the line of the appended turn');
			// The turn before was still open at the end of the file: its window closes now (one update).
			assert.match(run.stdout()[1]!, /1 new, 1 updated, 0 errors in repo/);
		} finally {
			run.interrupt();
		}

		assert.equal(await run.exited, 0, run.stderr());
	});

	test('a project named with escape sequences is drawn as visible escapes on each line (issue 22, D4)', async () => {
		const {env} = await setUp('repo\u001B]0;pwned\u0007\nfake line');
		const run = watch([], {...env, SKILLSCOPE_WATCH: 'poll'});
		try {
			await until(() => run.stdout().length >= 1, `the first collect's line; stderr: ${run.stderr()}`);
			assert.match(run.stdout()[0]!, /1 new, 0 updated, 0 errors in repo\\e\]0;pwned\\a\\nfake line \(/);
		} finally {
			run.interrupt();
		}

		assert.equal(await run.exited, 0, run.stderr());
		assertNoRawControls(run.stdout().join('\n'), 'stdout');
		assertNoRawControls(run.stderr(), 'stderr');
	});

	test('health says how live collection follows the files: watching, or polling and why', async () => {
		const {env} = await setUp();
		const watching = await runInProcess(['health'], env);
		assert.equal(watching.code, 0, watching.stderr);
		assert.match(watching.stdout, /^Live +watch: fs\.watch works on \S+\/projects \(\d+ folders with the projects', one watch each\)$/m);
		const polling = await runInProcess(['health', '--json'], {...env, SKILLSCOPE_WATCH: 'poll'});
		assert.deepEqual((JSON.parse(polling.stdout) as {watch: unknown}).watch, {mode: 'polling', folders: 0, reason: 'polling was asked for (SKILLSCOPE_WATCH=poll)'});
		const wrong = await runInProcess(['health'], {...env, SKILLSCOPE_WATCH: 'sometimes'});
		assert.equal(wrong.code, 2);
		assert.match(wrong.stderr, /SKILLSCOPE_WATCH "sometimes" is not auto or poll/);
	});

	test('a reader that goes away (| head -1) ends the watch quietly with exit 0, as Ctrl+C does', async () => {
		const {env, session} = await setUp();
		const run = watch(['--json'], env);
		await until(() => run.stdout().length >= 1, `the first line; stderr: ${run.stderr()}`);
		run.closeStdout();
		await session.turn('review');
		// Generous: a watch that never ends fails here instead of hanging the run.
		const code = await Promise.race([run.exited, new Promise<string>(resolve => setTimeout(() => resolve('still running'), 60_000))]);
		if (code === 'still running') run.interrupt();
		assert.equal(code, 0, run.stderr());
		assert.doesNotMatch(run.stderr(), /EPIPE|at /);
	});
});
