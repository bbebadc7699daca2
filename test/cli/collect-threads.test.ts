import assert from 'node:assert/strict';
import path from 'node:path';
import {test} from 'node:test';
import {isolatedEnv} from '../helpers/environment.js';
import {runCli} from '../helpers/run-cli.js';
import {makeTempDir, writeTree} from '../helpers/temp.js';
import {sessionInvocation, tracker} from '../helpers/tracker.js';
import {Session, toJsonl, writeSession} from '../helpers/transcripts.js';

/*
 * Issue 23: the built CLI collects one tree on one thread and on reader threads, and `top --json`
 * and `skill NAME --json` print the same, byte for byte. The built package's threads are the .js
 * workers, which no in-process test starts (tests run the .ts ones under tsx). SKILLSCOPE_READERS
 * forces where files are read: 'workers' reads every tracker file and every transcript on threads,
 * and a thread that stops, or never starts, is said on stderr, so a quiet stderr means they read it all.
 */

const NOW = '2026-12-01T00:00:00.000Z';

async function tree(base: string): Promise<{claude: string; projects: Record<string, string>}> {
	const claude = path.join(base, 'claude');
	const projects = {app: path.join(base, 'app'), api: path.join(base, 'api'), lib: path.join(base, 'lib')};
	const metrics = '.session-buddy/skill_metrics.json';
	await writeTree(base, {
		[`app/${metrics}`]: tracker([
			sessionInvocation({invoked_at: '2026-11-02T10:00:00.123456'}),
			sessionInvocation({skill_name: 'déjà', follow_up_actions: ['run tests'], invoked_at: '2026-11-03T10:00:00', completed: false, duration_seconds: null}),
			sessionInvocation({invoked_at: 'not a time'}),
		]),
		[`api/${metrics}`]: tracker(Array.from({length: 40}, (_, index) => sessionInvocation({skill_name: index % 3 ? 'pdf' : 'deploy', session_id: `s-${index % 4}`, invoked_at: `2026-11-${String(1 + (index % 28)).padStart(2, '0')}T10:${String(index).padStart(2, '0')}:00`}))),
		[`lib/${metrics}`]: '{"invocations": [ {"skill_name": "x"',
	});
	for (const [index, cwd] of [projects.app, projects.api, projects.app, projects.api, projects.app].entries()) {
		const session = new Session({sessionId: `cccccccc-0000-4000-8000-${String(index).padStart(12, '0')}`, cwd, start: `2026-11-${String(10 + index).padStart(2, '0')}T09:00:00.000Z`});
		session.prompt('go', {at: 0});
		session.skillLoaded(session.skill(index % 2 ? 'pdf' : 'review', {at: 1, args: `file-${index}`}), index % 2 ? 'pdf' : 'review', {at: 2, body: `Version ${index % 2}.`});
		session.result(session.tool('Bash', {command: 'make'}, {at: 3, outputTokens: 40}), {at: 4, isError: index === 2, content: 'done'});
		session.prompt('again', {at: 5});
		session.result(session.skill('deploy', {at: 6}), {at: 7, isError: index === 3, content: index === 3 ? '<tool_use_error>Unknown skill: deploy</tool_use_error>' : 'ok'});
		session.system('turn_duration', {at: 8});
		// One file with a broken line among good ones: an error named by file:line, on both sides.
		const text = index === 4 ? `${toJsonl(session.lines.slice(0, 3))}{"type":"user","broken\n${toJsonl(session.lines.slice(3))}` : undefined;
		await writeSession(claude, session, text === undefined ? {} : {text});
	}

	return {claude, projects};
}

/** One database over the shared tree: registered, collected with `variables`; what it printed. */
async function side(name: string, claude: string, projects: Record<string, string>, variables: Record<string, string>) {
	const directory = await makeTempDir(`skillscope-cli-threads-${name}-`);
	const db = path.join(directory, 'db.duckdb');
	const env = isolatedEnv(directory, {CLAUDE_CONFIG_DIR: claude, SKILLSCOPE_NOW: NOW, TZ: 'UTC', ...variables});
	const cli = async (args: string[], codes = [0]) => {
		const result = await runCli([...args, '--db', db], env);
		assert.ok(codes.includes(result.code), `${name}: ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
		return result;
	};

	for (const [project, dir] of Object.entries(projects)) await cli(['register', dir, '--name', project]);
	// Exit 3: the broken tracker file and the broken line are reported (and the rest stored).
	const collected = await cli(['collect', '--json'], [3]);
	const {machines} = JSON.parse((await cli(['machines', '--json'])).stdout) as {machines: Array<{machine_id: string; is_local: boolean}>};
	const machine = machines.find(each => each.is_local)!.machine_id;
	const printed: Record<string, string> = {};
	const print = async (args: string[]) => {
		// The one value two databases never share: each made its own machine id.
		printed[args.join(' ')] = (await cli(args)).stdout.replaceAll(machine, '<machine>');
	};

	await print(['top', '--json']);
	const skills = (JSON.parse(printed['top --json']!) as {skills: Array<{skill_name: string}>}).skills.map(skill => skill.skill_name).sort();
	for (const skill of skills) await print(['skill', skill, '--json']);
	return {collected, printed, skills};
}

test('the built CLI prints the same top --json and skill --json whether one thread or reader threads read the tree', async () => {
	const base = await makeTempDir('skillscope-cli-threads-tree-');
	const {claude, projects} = await tree(base);
	const one = await side('main', claude, projects, {SKILLSCOPE_READERS: 'main', SKILLSCOPE_READ_WORKERS: '0'});
	const threads = await side('workers', claude, projects, {SKILLSCOPE_READERS: 'workers', SKILLSCOPE_READ_WORKERS: '2'});

	assert.deepEqual(one.skills, ['code-review', 'deploy', 'déjà', 'pdf', 'review']);
	assert.doesNotMatch(threads.collected.stderr, /warning: .*reader thread/, 'no reader thread was lost: the threads read every file');
	// Durations aside, the collects reported the same.
	const report = (stdout: string) => stdout.replaceAll(/"duration_ms":\s*\d+/g, '"duration_ms":0');
	assert.equal(report(threads.collected.stdout), report(one.collected.stdout));
	assert.deepEqual(Object.keys(threads.printed), Object.keys(one.printed));
	for (const command of Object.keys(one.printed)) assert.equal(threads.printed[command], one.printed[command], command);
});

test('SKILLSCOPE_READERS that is not auto, main or workers: exit 1 naming the variable', async () => {
	const directory = await makeTempDir('skillscope-cli-readers-');
	const result = await runCli(['collect', '--db', path.join(directory, 'db.duckdb')], isolatedEnv(directory, {SKILLSCOPE_READERS: 'threads'}));
	assert.equal(result.code, 1);
	assert.match(result.stderr, /SKILLSCOPE_READERS "threads" is not auto, main or workers/);
});
