import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import path from 'node:path';
import {test} from 'node:test';
import {isolatedEnv} from '../helpers/environment.js';
import {holdDatabase} from '../helpers/hold-database.js';
import {eventually, installedBin, type Json, pathWith, PLUGIN_ROOT, readIfThere, runSessionEndHook} from '../helpers/plugin.js';
import {runCli} from '../helpers/run-cli.js';
import {makeTempDir, writeTree} from '../helpers/temp.js';
import {Session, writeSession} from '../helpers/transcripts.js';

/*
 * The plugin's SessionEnd hook as Claude Code runs it (hooks/hooks.json's command through sh, the
 * session's JSON on stdin, CLAUDE_PLUGIN_ROOT set) on a fake Claude Code root in a temp HOME, with
 * the built CLI installed on PATH. The hook must return at once whatever the collect meets, print
 * nothing and exit 0; the collect it starts in the background is awaited through the files it
 * leaves beside the database (<db>.hook.json, <db>.hook.log).
 */

/** Generous: the hook only hands stdin to a background process; a collect (a DuckDB open, a read) is never waited for. */
const RETURNS_WITHIN_MS = 1000;

interface World {
	env: Record<string, string>;
	db: string;
	app: string;
	other: string;
}

async function makeWorld(options: {installed?: boolean} = {}): Promise<World> {
	const directory = await makeTempDir('skillscope-plugin-hook-');
	const base = isolatedEnv(directory);
	const bin = options.installed === false ? null : await installedBin(directory);
	const env: Record<string, string> = {...base, PATH: pathWith(bin), TZ: 'UTC'};
	const app = path.join(directory, 'app');
	const other = path.join(directory, 'other');
	await writeTree(directory, {'app/README.md': 'app', 'other/README.md': 'other'});
	return {env, db: env.SKILLSCOPE_DB!, app, other};
}

/** A session of `cwd` that loaded one skill, written where Claude Code keeps it; its id. */
async function sessionIn(world: World, cwd: string, sessionId: string, skill: string): Promise<string> {
	const session = new Session({sessionId, cwd, start: '2026-12-01T10:00:00.000Z'});
	session.prompt(`use ${skill}`, {at: 0});
	session.skillLoaded(session.skill(skill, {at: 1}), skill, {at: 2});
	session.system('turn_duration', {at: 5});
	return writeSession(world.env.CLAUDE_CONFIG_DIR!, session);
}

function hookInput(cwd: string, sessionId: string, transcript: string): Json {
	return {session_id: sessionId, transcript_path: transcript, cwd, hook_event_name: 'SessionEnd', reason: 'prompt_input_exit'};
}

async function cliJson(world: World, args: string[]): Promise<Json> {
	const result = await runCli([...args, '--json'], world.env);
	assert.equal(result.code, 0, result.stderr);
	return JSON.parse(result.stdout) as Json;
}

async function hookState(world: World): Promise<Json | undefined> {
	const text = await readIfThere(`${world.db}.hook.json`);
	return text === undefined ? undefined : (JSON.parse(text) as Json);
}

/** The background collect's record of the session `sessionId`, once it has ended. */
async function finished(world: World, sessionId: string): Promise<Json> {
	return eventually(`the hook's collect of ${sessionId}`, async () => {
		const state = await hookState(world);
		return state?.last_run?.session_id === sessionId ? (state.last_run as Json) : undefined;
	});
}

function assertReturnedQuietly(run: {code: number | null; stdout: string; stderr: string; ms: number}): void {
	assert.equal(run.code, 0);
	assert.equal(run.stdout, '');
	assert.equal(run.stderr, '');
	assert.ok(run.ms < RETURNS_WITHIN_MS, `returned after ${Math.round(run.ms)} ms`);
}

test('a registered project\'s session is collected in the background; the hook returned at once and said nothing', async () => {
	const world = await makeWorld();
	assert.equal((await runCli(['register', world.app], world.env)).code, 0);
	const transcript = await sessionIn(world, world.app, 'a0000000-0000-4000-8000-000000000001', 'review');

	const run = await runSessionEndHook(hookInput(world.app, 'a0000000-0000-4000-8000-000000000001', transcript), world.env);
	assertReturnedQuietly(run);
	const record = await finished(world, 'a0000000-0000-4000-8000-000000000001');
	assert.equal(record.outcome, 'collected', JSON.stringify(record));
	assert.equal(record.cwd, world.app);

	const summary = await cliJson(world, ['summary']);
	assert.equal(summary.total_invocations, 1);
	assert.equal(await readIfThere(`${world.db}.hook.log`), undefined, 'nothing to log');
	const health = await cliJson(world, ['health']);
	assert.equal(health.hook.last_collect.session_id, 'a0000000-0000-4000-8000-000000000001');
	assert.equal(health.hook.failed_since, null);
});

test('a session in a folder inside the project collects the project', async () => {
	const world = await makeWorld();
	assert.equal((await runCli(['register', world.app], world.env)).code, 0);
	const inside = path.join(world.app, 'packages', 'core');
	await writeTree(inside, {'index.ts': ''});
	const transcript = await sessionIn(world, inside, 'a0000000-0000-4000-8000-000000000002', 'lint');
	assertReturnedQuietly(await runSessionEndHook(hookInput(inside, 'a0000000-0000-4000-8000-000000000002', transcript), world.env));
	assert.equal((await finished(world, 'a0000000-0000-4000-8000-000000000002')).outcome, 'collected');
	assert.equal((await cliJson(world, ['summary'])).total_invocations, 1);
});

test('an unregistered project\'s session stores nothing, and is no failure to log', async () => {
	const world = await makeWorld();
	assert.equal((await runCli(['register', world.app], world.env)).code, 0);
	const transcript = await sessionIn(world, world.other, 'b0000000-0000-4000-8000-000000000001', 'review');

	assertReturnedQuietly(await runSessionEndHook(hookInput(world.other, 'b0000000-0000-4000-8000-000000000001', transcript), world.env));
	assert.equal((await finished(world, 'b0000000-0000-4000-8000-000000000001')).outcome, 'not_registered');
	const projects = await cliJson(world, ['projects']);
	assert.deepEqual(projects.projects.map((project: Json) => project.project_path), [world.app]);
	assert.equal((await cliJson(world, ['summary'])).total_invocations, 0);
	assert.equal(await readIfThere(`${world.db}.hook.log`), undefined);
});

test('while another process holds the database the hook still returns at once and prints nothing; the collect logs one line, and health says so', async () => {
	const world = await makeWorld();
	assert.equal((await runCli(['register', world.app], world.env)).code, 0);
	const transcript = await sessionIn(world, world.app, 'c0000000-0000-4000-8000-000000000001', 'review');
	const holder = await holdDatabase(world.db);
	try {
		assertReturnedQuietly(await runSessionEndHook(hookInput(world.app, 'c0000000-0000-4000-8000-000000000001', transcript), world.env));
		// The collect tries again after 2 s and 4 s before it gives up.
		const record = await finished(world, 'c0000000-0000-4000-8000-000000000001');
		assert.equal(record.outcome, 'failed');
	} finally {
		await holder.release();
	}

	const log = (await readIfThere(`${world.db}.hook.log`)) ?? '';
	const lines = log.split('\n').filter(Boolean);
	assert.equal(lines.length, 1, log);
	assert.match(lines[0]!, /^\S+Z session c0000000-0000-4000-8000-000000000001 in .*app: not collected: .*in use/);
	const health = await runCli(['health'], world.env);
	assert.match(health.stdout, /Plugin hook {5}has not collected yet/);
	assert.match(health.stdout, /Warning {9}the plugin's hook could not collect at .*in use/);

	// The next session's end collects both sessions' lines: nothing was lost.
	assertReturnedQuietly(await runSessionEndHook(hookInput(world.app, 'c0000000-0000-4000-8000-000000000002', transcript), world.env));
	assert.equal((await finished(world, 'c0000000-0000-4000-8000-000000000002')).outcome, 'collected');
	assert.equal((await cliJson(world, ['summary'])).total_invocations, 1);
	assert.doesNotMatch((await runCli(['health'], world.env)).stdout, /could not collect/);
});

test('a broken transcript: the rest is collected, the hook logs one line naming the file, and health shows it', async () => {
	const world = await makeWorld();
	assert.equal((await runCli(['register', world.app], world.env)).code, 0);
	const good = await sessionIn(world, world.app, 'e0000000-0000-4000-8000-000000000001', 'review');
	const broken = new Session({sessionId: 'e0000000-0000-4000-8000-000000000002', cwd: world.app, start: '2026-12-02T10:00:00.000Z'});
	broken.prompt('lint', {at: 0});
	broken.skillLoaded(broken.skill('lint', {at: 1}), 'lint', {at: 2});
	broken.system('turn_duration', {at: 5});
	// A line of a tool result cut short, in the middle of the file.
	const [first, ...rest] = broken.jsonl().split('\n');
	const file = await writeSession(world.env.CLAUDE_CONFIG_DIR!, broken, {text: [first, '{"type": "user", "message": {"content": [{"type": "tool_result", "tool_use_id": broken', ...rest].join('\n')});

	assertReturnedQuietly(await runSessionEndHook(hookInput(world.app, 'e0000000-0000-4000-8000-000000000001', good), world.env));
	const record = await finished(world, 'e0000000-0000-4000-8000-000000000001');
	assert.equal(record.outcome, 'partial');
	// Both sessions' invocations: the broken line alone is skipped.
	assert.equal((await cliJson(world, ['summary'])).total_invocations, 2);
	const lines = ((await readIfThere(`${world.db}.hook.log`)) ?? '').split('\n').filter(Boolean);
	assert.equal(lines.length, 1);
	assert.ok(lines[0]!.includes('collected, but not every source could be read') && lines[0]!.includes(path.basename(file)), lines[0]);
	const health = (await runCli(['health'], world.env)).stdout;
	assert.match(health, /Plugin hook {5}last collected .*; collected, but not every source could be read/);
});

test('without skillscope installed the hook logs one line and returns at once; SKILLSCOPE_HOOK=off does nothing at all', async () => {
	const world = await makeWorld({installed: false});
	const input = hookInput(world.app, 'd0000000-0000-4000-8000-000000000001', path.join(world.app, 'none.jsonl'));
	assertReturnedQuietly(await runSessionEndHook(input, {...world.env, SKILLSCOPE_HOOK: 'off'}));
	assert.equal(await readIfThere(`${world.db}.hook.log`), undefined);

	assertReturnedQuietly(await runSessionEndHook(input, world.env));
	const log = (await readIfThere(`${world.db}.hook.log`)) ?? '';
	assert.match(log, /^\S+Z skillscope was not found \(skillscope\): the session was not collected; install it with npm install -g skillscope, or set SKILLSCOPE_BIN\n$/);
});

test('input that is not the hook\'s JSON is a line of the log, never an error in the session', async () => {
	const world = await makeWorld();
	const child = spawn('/bin/sh', [path.join(PLUGIN_ROOT, 'hooks', 'session-end.sh')], {env: world.env, stdio: ['pipe', 'pipe', 'pipe']});
	let output = '';
	child.stdout.on('data', chunk => void (output += String(chunk)));
	child.stderr.on('data', chunk => void (output += String(chunk)));
	child.stdin.end('{"cwd": 42');
	assert.equal(await new Promise(resolve => child.on('close', resolve)), 0);
	assert.equal(output, '');
	const log = await eventually('the log line', async () => readIfThere(`${world.db}.hook.log`));
	assert.match(log, /the hook input on stdin is not JSON/);
});
