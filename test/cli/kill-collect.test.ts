import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import {Database} from '../../source/data/store/database.js';
import {registerProject} from '../../source/data/registry/registry.js';
import {CLI, runCli, runInProcess} from '../helpers/run-cli.js';
import {makeTempDir} from '../helpers/temp.js';

/*
 * kill -9 at any moment of a collect: the database still opens, and the next collect gives exactly
 * what an uninterrupted one gives. The data is sized so that a collect takes a second or two; the
 * kills fall at fractions of the measured uninterrupted collect.
 */

const PROJECTS = 6;
const RECORDS = 6000;
const SKILLS = ['code-review', 'write-tests', 'deploy', 'refactor', 'debug-trace', 'lint-fix', 'doc-writer'];

function trackerText(project: number): string {
	const invocations = Array.from({length: RECORDS}, (_, i) => {
		const roll = (i * 7919 + project * 104_729) % 100;
		return {
			skill_name: SKILLS[(i * 31 + project) % SKILLS.length],
			invoked_at: new Date(Date.UTC(2026, 0, 1) + i * 60_000 + project * 1000).toISOString().replace('Z', `${String(i % 1000).padStart(3, '0')}`),
			session_id: `s-${project}-${Math.floor(i / 50)}`,
			workflow_path: i % 3 === 0 ? 'comprehensive' : null,
			completed: roll < 75,
			duration_seconds: roll >= 95 ? null : (i % 120) + 0.5,
			follow_up_actions: roll % 4 === 0 ? ['run tests'] : [],
			error_type: roll >= 85 && roll < 95 ? 'TimeoutError' : null,
			user_query: 'q',
			alternatives_considered: [],
			selection_rank: null,
		};
	});
	return JSON.stringify({invocations, skills: {}, last_updated: '2026-11-24T01:00:00'}, null, 2);
}

type Env = Record<string, string> & {SKILLSCOPE_DB: string};

async function freshDatabase(root: string, name: string, projects: readonly string[]): Promise<Env> {
	const env = {SKILLSCOPE_DB: path.join(root, `${name}.duckdb`), SKILLSCOPE_CONFIG: path.join(root, 'none.json'), SKILLSCOPE_NOW: '2026-11-24T12:00:00Z'};
	const database = await Database.open(env.SKILLSCOPE_DB);
	for (const project of projects) await registerProject(database, project);
	await database.close();
	return env;
}

/**
 * Starts a collect and kills it with SIGKILL: after `delayMs`, or as soon as it reports having
 * finished `afterProjects` projects (a moment inside the collect however fast the machine is).
 */
async function killedCollect(env: Env, when: {delayMs: number} | {afterProjects: number}): Promise<{signal: NodeJS.Signals | null}> {
	const child = spawn(process.execPath, [CLI, 'collect'], {env: {...process.env, ...env}, stdio: ['ignore', 'ignore', 'pipe']});
	const timer = 'delayMs' in when ? setTimeout(() => child.kill('SIGKILL'), when.delayMs) : undefined;
	let finished = 0;
	child.stderr.setEncoding('utf8');
	child.stderr.on('data', (text: string) => {
		finished += text.split('\n').filter(line => line.startsWith('collected ')).length;
		if ('afterProjects' in when && finished >= when.afterProjects) child.kill('SIGKILL');
	});
	return new Promise(resolve => {
		child.on('exit', (_code, signal) => {
			clearTimeout(timer);
			resolve({signal});
		});
	});
}

/** What the numbers are: the leaderboard, and the rows of every table that holds data. */
async function numbers(env: Env): Promise<{top: unknown; rows: Record<string, number>; usage: string[]; sessions: string[]}> {
	// Read in this process: the collects under test are processes of their own.
	const top = await runInProcess(['top', '--json', '--limit', '100'], env);
	assert.equal(top.code, 0, top.stderr);
	const database = await Database.open(env.SKILLSCOPE_DB);
	try {
		const rows: Record<string, number> = {};
		for (const table of ['skill_usage', 'skill_aggregates', 'source_state', 'projects', 'workflow_executions']) {
			rows[table] = (await database.one<{n: number}>(`SELECT count(*)::INTEGER AS n FROM ${table}`))!.n;
		}

		const usage = await database.all<{line: string}>(`SELECT concat_ws('|', project_id, skill_name, invoked_at, session_key, status, success, duration_ms, followup_actions, error_type) AS line FROM skill_usage ORDER BY line`);
		// As the collect left them (no reader has caught them up): one row per session, whole.
		const sessions = await database.all<{line: string}>(`SELECT concat_ws('|', project_id, session_id, skills_used, status, started_at, completed_at, total_duration_ms) AS line FROM workflow_executions ORDER BY line`);
		return {top: JSON.parse(top.stdout) as unknown, rows, usage: usage.map(row => row.line), sessions: sessions.map(row => row.line)};
	} finally {
		await database.close();
	}
}

test('kill -9 during a collect: the database opens, and the next collect gives the numbers of an uninterrupted one', async () => {
	const root = await makeTempDir('skillscope-kill-');
	const projects: string[] = [];
	for (let index = 0; index < PROJECTS; index++) {
		const project = path.join(root, 'projects', `p${index}`);
		await mkdir(path.join(project, '.session-buddy'), {recursive: true});
		await writeFile(path.join(project, '.session-buddy', 'skill_metrics.json'), trackerText(index));
		projects.push(project);
	}

	const reference = await freshDatabase(root, 'reference', projects);
	const started = performance.now();
	const uninterrupted = await runCli(['collect', '--json'], reference);
	const elapsed = performance.now() - started;
	assert.equal(uninterrupted.code, 0, uninterrupted.stderr);
	assert.equal((JSON.parse(uninterrupted.stdout) as {totals: {collected: number}}).totals.collected, PROJECTS * RECORDS);
	const expected = await numbers(reference);
	assert.equal(expected.rows.skill_usage, PROJECTS * RECORDS);
	assert.ok(expected.sessions.length > 0, 'the trackers hold sessions');

	let killedMidway = 0;
	const moments = [{delayMs: Math.round(elapsed * 0.15)}, {afterProjects: 1}, {afterProjects: PROJECTS - 1}] as const;
	for (const [round, moment] of moments.entries()) {
		const env = await freshDatabase(root, `killed-${round}`, projects);
		const outcome = await killedCollect(env, moment);
		if (outcome.signal === 'SIGKILL') killedMidway++;
		// The next collect (in this process) opens what was left and completes; a second writer, a
		// process of its own, is meanwhile refused cleanly (or, if the first is done, finds nothing new).
		const [next, second] = await Promise.all([
			runInProcess(['collect', '--json'], env),
			new Promise(resolve => setTimeout(resolve, 300)).then(async () => runCli(['collect', '--json'], env)),
		]);
		assert.equal(next.code === 0 || second.code === 0, true, `${next.stderr}\n${second.stderr}`);
		for (const result of [next, second]) {
			if (result.code !== 0) {
				assert.equal(result.code, 1, result.stderr);
				assert.match(result.stderr, /in use by another skillscope process \(pid \d+\)/);
				assert.doesNotMatch(result.stderr, /\n\s+at /);
			}
		}

		assert.deepEqual(await numbers(env), expected, `killed at ${JSON.stringify(moment)} (an uninterrupted collect took ${Math.round(elapsed)} ms)`);
	}

	assert.ok(killedMidway >= 2, `only ${killedMidway} of ${moments.length} collects were still running when killed`);
});
