import {type CollectTuning, defaultTuning} from '../../source/data/collect/tuning.js';
import {afterEach, beforeEach, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {appendFile, chmod, cp, lstat, mkdir, readdir, rm, symlink, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {collect, type CollectReport} from '../../source/data/collect/collector.js';
import {Database} from '../../source/data/store/database.js';
import {listProjects, registerDiscovered, registerProject, type Project} from '../../source/data/registry/registry.js';
import {claudeRoot} from '../../source/formats/transcripts/files.js';
import {tableDump} from '../helpers/database.js';
import {makeTempDir, writeTree} from '../helpers/temp.js';
import {invocation, tracker} from '../helpers/tracker.js';
import {folderOf, Session, toJsonl, writeSession} from '../helpers/transcripts.js';

/*
 * Collecting Claude Code transcripts into skill_usage (transcripts.md; issue 11, "Collect"), with a
 * real DuckDB file per test and a HOME and CLAUDE_CONFIG_DIR of its own. Expected values are worked
 * out by hand from the lines each test writes (timestamps are seconds after the session's start)
 * or, for the real samples, from their lines (see test/formats/transcript-reader.test.ts).
 */

const SAMPLE_TREE = fileURLToPath(new URL('../../fixtures/claude-code/marot-spotter/claude/', import.meta.url));
const FUM_DIR = '/home/USER/projects/spotter-worktrees/spotter-fum';
const FOURTE_DIR = '/home/USER/projects/spotter-worktrees/spotter-4te';
const SPOTTER_DIR = '/home/marco/projects/spotter';

interface Env {
	home: string;
	root: string;
	database: Database;
}

let env: Env | undefined;
const saved = {HOME: process.env.HOME, CLAUDE_CONFIG_DIR: process.env.CLAUDE_CONFIG_DIR};

beforeEach(async () => {
	const home = await makeTempDir('skillscope-home-');
	const root = path.join(home, 'claude-config');
	await mkdir(path.join(root, 'projects'), {recursive: true});
	process.env.HOME = home;
	process.env.CLAUDE_CONFIG_DIR = root;
	const database = await Database.open(path.join(home, 'db', 'skillscope.duckdb'));
	env = {home, root, database};
});

afterEach(async () => {
	await env?.database.close();
	env = undefined;
	for (const [key, value] of Object.entries(saved)) {
		if (value === undefined) delete process.env[key];
		else process.env[key] = value;
	}
});

const current = (): Env => {
	assert.ok(env, 'beforeEach made the environment');
	return env;
};

/** A collect as the CLI runs it: the root from CLAUDE_CONFIG_DIR, every zone UTC. */
async function collectNow(tuning?: CollectTuning): Promise<CollectReport> {
	return collect(current().database, {naiveTimezone: 'UTC', displayTimezone: 'UTC', claudeRoot: claudeRoot({env: process.env}), tuning});
}

interface Row {
	project_id: string;
	skill_name: string;
	invoked_at: string;
	session_key: string;
	session_id: string | null;
	status: string;
	success: boolean | null;
	error_type: string | null;
	duration_ms: number | null;
	followup_actions: number;
	metadata: Record<string, unknown>;
	source: string;
	trigger: string;
	kind: string;
	plugin: string | null;
	agent_id: string | null;
	tool_errors: number | null;
	output_tokens: number | null;
	load_ms: number | null;
	window_open: boolean;
	source_file: string | null;
}

async function rows(source?: string): Promise<Row[]> {
	const found = await current().database.all<Omit<Row, 'metadata'> & {metadata: string}>(
		`SELECT project_id, skill_name, iso(invoked_at) AS invoked_at, session_key, session_id, status, success, error_type, duration_ms,
			followup_actions, metadata::VARCHAR AS metadata, source, trigger, kind, plugin, agent_id, tool_errors,
			output_tokens::DOUBLE AS output_tokens, load_ms, window_open, source_file
		FROM skill_usage WHERE $source IS NULL OR source = $source ORDER BY invoked_at, session_key`,
		{source: source ?? null},
	);
	return found.map(row => ({...row, metadata: JSON.parse(row.metadata) as Record<string, unknown>}));
}

const errorsOf = (report: CollectReport) => report.projects.flatMap(project => project.error_details);

/** A project directory that exists (so trackers can be found in it), registered. */
async function project(files: Record<string, string> = {}): Promise<Project & {dir: string}> {
	const dir = await makeTempDir('skillscope-project-');
	await writeTree(dir, files);
	const {project: registered} = await registerProject(current().database, dir);
	return {...registered, dir};
}

let sessionCounter = 0;
function session(cwd: string, sessionId?: string): Session {
	sessionCounter += 1;
	return new Session({sessionId: sessionId ?? `5e55${String(sessionCounter).padStart(4, '0')}-0000-4000-8000-000000000000`, cwd});
}

const relative = (file: string) => path.relative(current().root, file).split(path.sep).join('/');

/** Names, kinds, sizes, modes and mtimes of everything under `dir`: "nothing written" compares two of these. */
async function fingerprint(dir: string): Promise<string[]> {
	const entries: string[] = [];
	const walk = async (at: string): Promise<void> => {
		const info = await lstat(at);
		entries.push(`${path.relative(dir, at)} ${info.isDirectory() ? 'd' : info.isSymbolicLink() ? 'l' : 'f'} ${info.size} ${info.mode} ${info.mtimeMs}`);
		if (info.isDirectory()) {
			for (const name of (await readdir(at)).sort()) await walk(path.join(at, name));
		}
	};

	await walk(dir);
	return entries;
}

describe('the real samples', () => {
	async function collectSamples(): Promise<{report: CollectReport; projects: Map<string, Project>}> {
		const {root, database} = current();
		await cp(SAMPLE_TREE, root, {recursive: true});
		// Launch directories that do not exist on this machine: registered as discovered.
		const registered = await registerDiscovered(database, [FUM_DIR, FOURTE_DIR, SPOTTER_DIR]);
		assert.equal(registered.length, 3);
		const report = await collectNow();
		const projects = new Map((await listProjects(database)).map(entry => [entry.project_path, entry]));
		return {report, projects};
	}

	test('give exactly their three invocations, with the values their lines imply', async () => {
		const {report, projects} = await collectSamples();
		assert.deepEqual(errorsOf(report), []);
		const stored = await rows();
		assert.equal(stored.length, 3);
		const [beads, commit, search] = stored;

		// 491e126e line 4: /handgemacht:create-beads typed by the user, a commands/*.md command.
		assert.equal(beads!.skill_name, 'handgemacht:create-beads');
		assert.equal(beads!.project_id, projects.get(SPOTTER_DIR)!.project_id);
		assert.equal(beads!.session_key, 'cc:cmd:cc2c7130-8a1e-4f3c-8f99-b54aa375b7a7');
		assert.equal(beads!.session_id, '491e126e-1e71-469c-ade2-fcc8af567c74');
		assert.deepEqual([beads!.kind, beads!.trigger, beads!.plugin, beads!.status, beads!.success], ['command', 'user', 'handgemacht', 'succeeded', true]);
		assert.equal(beads!.invoked_at, '2026-02-10T21:54:53.186000Z');
		assert.equal(beads!.duration_ms, Date.parse('2026-02-10T22:01:10.248Z') - Date.parse('2026-02-10T21:54:53.186Z'));
		assert.equal(beads!.followup_actions, 12);
		assert.equal(beads!.tool_errors, 0);
		assert.equal(beads!.output_tokens, 1135);
		assert.match(String(beads!.metadata.user_query), /^websearch to learn how to fastest setup credo/);
		assert.equal(beads!.source, 'claude-code');
		assert.equal(beads!.agent_id, null);

		// 8463c716 line 32: the model's Skill call, failed in its `!` preprocessing.
		assert.equal(commit!.skill_name, 'handgemacht:commit');
		assert.equal(commit!.project_id, projects.get(FUM_DIR)!.project_id);
		assert.equal(commit!.session_key, 'cc:tu:toolu_01WD7R52g4Tq4muwnGEgs9nD');
		assert.equal(commit!.session_id, '8463c716-a2ea-4c14-9efa-87158ebd9f20');
		assert.deepEqual([commit!.kind, commit!.trigger, commit!.plugin, commit!.status, commit!.success, commit!.error_type], ['skill', 'model', 'handgemacht', 'failed', false, 'preprocess_failed']);
		assert.equal(commit!.invoked_at, '2026-02-11T22:12:23.173000Z');
		assert.equal(commit!.load_ms, 1184);
		assert.equal(commit!.duration_ms, Date.parse('2026-02-11T22:30:24.482Z') - Date.parse('2026-02-11T22:12:23.173Z'));
		assert.equal(commit!.followup_actions, 3);
		assert.deepEqual(commit!.metadata.follow_up_actions, ['Bash:git', 'Bash:git', 'Bash:bd']);
		assert.equal(commit!.tool_errors, 0);
		assert.equal(commit!.output_tokens, 19 + 314 + 82);
		assert.equal(commit!.window_open, false);
		assert.equal(commit!.source_file, 'projects/-home-USER-projects-spotter-worktrees-spotter-fum/8463c716-a2ea-4c14-9efa-87158ebd9f20.jsonl');

		// ae4a77f8 line 22: the model's Skill call with args, loaded after the Task beside it.
		assert.equal(search!.skill_name, 'elixir:hex-docs-search');
		assert.equal(search!.project_id, projects.get(FOURTE_DIR)!.project_id);
		assert.equal(search!.session_key, 'cc:tu:toolu_01WY1KAUdfMedBJrV6KAtck5');
		assert.deepEqual([search!.kind, search!.trigger, search!.plugin, search!.status, search!.success, search!.error_type], ['skill', 'model', 'elixir', 'succeeded', true, null]);
		assert.equal(search!.metadata.user_query, 'opentelemetry_bandit setup');
		assert.equal(search!.invoked_at, '2026-02-12T14:12:33.717000Z');
		assert.equal(search!.load_ms, 31_468);
		assert.equal(search!.duration_ms, Date.parse('2026-02-12T14:13:17.944Z') - Date.parse('2026-02-12T14:12:33.717Z'));
		assert.equal(search!.followup_actions, 4);
		assert.equal(search!.output_tokens, 114 + 157 + 8);
		assert.equal(search!.session_id, 'ae4a77f8-aedd-4bc1-888f-c94edc91af04');
	});

	test('a second collect changes nothing', async () => {
		await collectSamples();
		const before = await tableDump(current().database, 'skill_usage');
		const report = await collectNow();
		assert.equal(report.totals.collected, 0);
		assert.equal(report.totals.updated, 0);
		assert.equal(report.totals.errors, 0);
		assert.deepEqual(await tableDump(current().database, 'skill_usage'), before);
		// Unchanged files cost a stat: all six transcripts (the compaction agent is not one) are skipped.
		assert.equal(report.projects.reduce((total, entry) => total + entry.skipped_sources, 0), 6);
	});

	test('nothing is written under the root', async () => {
		const {root, database} = current();
		await cp(SAMPLE_TREE, root, {recursive: true});
		await registerDiscovered(database, [FUM_DIR, FOURTE_DIR, SPOTTER_DIR]);
		const before = await fingerprint(root);
		await collectNow();
		await collectNow();
		assert.deepEqual(await fingerprint(root), before);
	});
});

describe('incremental reading', () => {
	test('an appended turn is picked up; what was stored stays as it was', async () => {
		const repo = await project();
		const s = session(repo.dir);
		s.prompt('go', {at: 0});
		const a = s.skill('pdf', {at: 1});
		s.result(a, {at: 2});
		s.system('turn_duration', {at: 3});
		const file = await writeSession(current().root, s);
		await collectNow();
		const [first] = await rows();
		assert.equal((await rows()).length, 1);

		s.prompt('and the docx', {at: 10});
		const b = s.skill('docx', {at: 11, args: 'report.docx'});
		s.result(b, {at: 12, isError: true, content: '<tool_use_error>Unknown skill: docx</tool_use_error>'});
		s.system('turn_duration', {at: 13});
		await appendFile(file, toJsonl(s.lines.slice(-4)));
		const report = await collectNow();
		assert.equal(report.totals.collected, 1);
		assert.deepEqual(errorsOf(report), []);
		const stored = await rows();
		assert.equal(stored.length, 2);
		assert.deepEqual(stored[0], first);
		assert.deepEqual([stored[1]!.skill_name, stored[1]!.status, stored[1]!.error_type, stored[1]!.session_key, stored[1]!.load_ms], ['docx', 'failed', 'unknown_skill', `cc:tu:${b}`, 1000]);
		assert.equal(stored[1]!.project_id, repo.project_id);
	});

	test('a window open at the end of the file is extended when the file grows: one row, brought up to date', async () => {
		const repo = await project();
		const s = session(repo.dir);
		s.prompt('go', {at: 0});
		const id = s.skill('pdf', {at: 10, messageId: 'msg_own', outputTokens: 5});
		s.result(id, {at: 11});
		const bash = s.tool('Bash', {command: 'git status'}, {at: 15, messageId: 'msg_a', outputTokens: 20});
		s.result(bash, {at: 16});
		const file = await writeSession(current().root, s);
		await collectNow();
		let [row] = await rows();
		assert.deepEqual([row!.status, row!.duration_ms, row!.followup_actions, row!.tool_errors, row!.output_tokens, row!.window_open], ['succeeded', 6000, 1, 0, 20, true]);

		const edit = s.tool('Edit', {file_path: 'a'}, {at: 20, messageId: 'msg_b', outputTokens: 30});
		s.result(edit, {at: 21, isError: true, content: 'String not found'});
		s.system('turn_duration', {at: 22});
		await appendFile(file, toJsonl(s.lines.slice(-3)));
		const report = await collectNow();
		assert.equal(report.totals.collected, 0);
		assert.equal(report.totals.updated, 1);
		const stored = await rows();
		assert.equal(stored.length, 1);
		[row] = stored;
		// 21 s − 10 s; Bash:git and Edit; the Edit failed; 20 + 30 tokens; the turn ended.
		assert.deepEqual([row!.status, row!.duration_ms, row!.followup_actions, row!.tool_errors, row!.output_tokens, row!.window_open], ['succeeded', 11_000, 2, 1, 50, false]);
		assert.deepEqual(row!.metadata.follow_up_actions, ['Bash:git', 'Edit']);

		const settled = await tableDump(current().database, 'skill_usage');
		await collectNow();
		assert.deepEqual(await tableDump(current().database, 'skill_usage'), settled);
	});

	test('a pending call whose result is appended later becomes succeeded or failed', async () => {
		const repo = await project();
		const ok = session(repo.dir);
		ok.prompt('go', {at: 0});
		const okId = ok.skill('pdf', {at: 1});
		const okFile = await writeSession(current().root, ok);
		const bad = session(repo.dir);
		bad.prompt('go', {at: 0});
		const task = bad.tool('Task', {description: 'x', prompt: 'y'}, {at: 1, messageId: 'msg_p'});
		const badId = bad.skill('deploy', {at: 2, messageId: 'msg_p'});
		bad.hookProgress({at: 3});
		const badFile = await writeSession(current().root, bad);
		await collectNow();
		assert.deepEqual((await rows()).map(row => [row.skill_name, row.status, row.load_ms]), [['pdf', 'pending', null], ['deploy', 'pending', null]]);

		ok.result(okId, {at: 4, content: 'Launching skill: pdf'});
		await appendFile(okFile, toJsonl(ok.lines.slice(-1)));
		bad.result(task, {at: 30});
		bad.result(badId, {at: 31, isError: true, content: 'Skill deploy cannot be used with Skill tool due to disable-model-invocation'});
		await appendFile(badFile, toJsonl(bad.lines.slice(-2)));
		const report = await collectNow();
		assert.equal(report.totals.updated, 2);
		const stored = await rows();
		assert.deepEqual(stored.map(row => [row.skill_name, row.status, row.success, row.error_type, row.load_ms]), [
			['pdf', 'succeeded', true, null, 3000],
			['deploy', 'failed', false, 'not_model_invocable', 29_000],
		]);
	});

	test('a user command whose body line is appended after the collect becomes an invocation then', async () => {
		const repo = await project();
		const s = session(repo.dir);
		s.prompt('go', {at: 0});
		const uuid = s.command('review', {at: 5, args: 'src/'});
		const file = await writeSession(current().root, s);
		await collectNow();
		// A command line without its body (yet) is not an invocation.
		assert.deepEqual(await rows(), []);
		s.skillBody(uuid, 'review', {at: 5});
		const read = s.tool('Read', {file_path: 'src/a.ts'}, {at: 8, outputTokens: 12});
		s.result(read, {at: 9});
		s.system('turn_duration', {at: 10});
		await appendFile(file, toJsonl(s.lines.slice(-4)));
		await collectNow();
		assert.deepEqual((await rows()).map(row => [row.session_key, row.skill_name, row.kind, row.trigger, row.status, row.duration_ms, row.followup_actions, row.output_tokens]), [
			[`cc:cmd:${uuid}`, 'review', 'skill', 'user', 'succeeded', 4000, 1, 12],
		]);
	});

	test('a rewritten (different head) or shorter file is read whole again and keeps every stored row', async () => {
		const repo = await project();
		const s = session(repo.dir);
		s.prompt('go', {at: 0});
		const a = s.skill('alpha', {at: 1});
		s.result(a, {at: 2});
		s.prompt('next', {at: 3});
		const b = s.skill('beta', {at: 4});
		s.result(b, {at: 5});
		s.system('turn_duration', {at: 6});
		const file = await writeSession(current().root, s);
		await collectNow();
		const before = await rows();
		assert.equal(before.length, 2);

		// Rewritten: a new head holding a new call (delta, within the bytes read before: only a
		// whole read finds it), beta's lines kept, and another new call (gamma) after them.
		const rewritten = session(repo.dir, s.sessionId);
		rewritten.prompt('first, delta', {at: 100});
		const d = rewritten.skill('delta', {at: 101});
		rewritten.result(d, {at: 102});
		const head = rewritten.lines.length;
		const kept = s.lines.slice(4, 7);
		rewritten.prompt('more', {at: 110});
		const c = rewritten.skill('gamma', {at: 111});
		rewritten.result(c, {at: 112});
		await writeFile(file, toJsonl([...rewritten.lines.slice(0, head), ...kept, ...rewritten.lines.slice(head)]));
		let report = await collectNow();
		assert.deepEqual(errorsOf(report), []);
		let stored = await rows();
		assert.deepEqual(stored.map(row => row.skill_name), ['alpha', 'beta', 'delta', 'gamma']);
		assert.deepEqual(stored.slice(0, 2), before);

		// Shorter: cut down to its first line; every stored row stays.
		await writeFile(file, toJsonl(rewritten.lines.slice(0, 1)));
		report = await collectNow();
		assert.deepEqual(errorsOf(report), []);
		stored = await rows();
		assert.deepEqual(stored.map(row => row.skill_name), ['alpha', 'beta', 'delta', 'gamma']);
	});

	test('a torn last line is not an error and is read next time, once whole', async () => {
		const repo = await project();
		const s = session(repo.dir);
		s.prompt('go', {at: 0});
		const a = s.skill('pdf', {at: 1});
		s.result(a, {at: 2});
		s.prompt('next', {at: 3});
		const b = s.skill('docx', {at: 4});
		const whole = s.jsonl();
		const last = JSON.stringify(s.lines.at(-1));
		const file = await writeSession(current().root, s, {text: whole.slice(0, whole.length - 1 - Math.floor(last.length / 2))});
		let report = await collectNow();
		assert.deepEqual(errorsOf(report), []);
		assert.deepEqual((await rows()).map(row => row.skill_name), ['pdf']);

		s.result(b, {at: 5});
		await writeFile(file, s.jsonl());
		report = await collectNow();
		assert.deepEqual(errorsOf(report), []);
		assert.deepEqual((await rows()).map(row => [row.skill_name, row.status]), [['pdf', 'succeeded'], ['docx', 'succeeded']]);
	});

	test('a broken line appended after a resumed read is reported with its true line number', async () => {
		const repo = await project();
		const s = session(repo.dir);
		s.prompt('go', {at: 0});
		s.text('thinking', {at: 1});
		const id = s.skill('pdf', {at: 2});
		const file = await writeSession(current().root, s);
		await collectNow();
		s.result(id, {at: 3});
		await appendFile(file, `${toJsonl(s.lines.slice(-1))}{"type":"assistant","message":{"content":[{"type":"tool_use","name":"Skill"\n`);
		const report = await collectNow();
		// Lines: 1 prompt, 2 text, 3 Skill, 4 result, 5 broken.
		const messages = errorsOf(report).map(error => error.message);
		assert.equal(messages.length, 1, JSON.stringify(messages));
		assert.ok(messages[0]!.startsWith(`${file}:5:`), messages[0]);
	});

	test('a row settled by a resumed read keeps its true line in metadata', async () => {
		const repo = await project();
		const s = session(repo.dir);
		s.prompt('go', {at: 0});
		s.text('thinking', {at: 1});
		const id = s.skill('pdf', {at: 2});
		const file = await writeSession(current().root, s);
		await collectNow();
		assert.equal((await rows())[0]!.metadata.line, 3);
		s.result(id, {at: 3});
		await appendFile(file, toJsonl(s.lines.slice(-1)));
		await collectNow();
		const [row] = await rows();
		assert.equal(row!.status, 'succeeded');
		// Lines: 1 prompt, 2 text, 3 Skill.
		assert.equal(row!.metadata.line, 3);
	});
});

describe('resumed and forked copies', () => {
	/** The original session, and a copy of its lines under a new sessionId followed by one more call. */
	function original(cwd: string, sessionId: string): {s: Session; pdf: string} {
		const s = session(cwd, sessionId);
		s.prompt('go', {at: 0});
		const pdf = s.skill('pdf', {at: 1, messageId: 'msg_pdf'});
		s.result(pdf, {at: 2});
		const read = s.tool('Read', {file_path: 'a'}, {at: 3, messageId: 'msg_r', outputTokens: 7});
		s.result(read, {at: 4});
		s.system('turn_duration', {at: 5});
		return {s, pdf};
	}

	function copyOf(source: Session, sessionId: string, more: boolean): {copy: Session; docx?: string} {
		const copy = session(source.cwd, sessionId);
		for (const line of source.lines) copy.raw({...line, sessionId});
		if (!more) return {copy};
		copy.prompt('continue', {at: 100});
		const docx = copy.skill('docx', {at: 101});
		copy.result(docx, {at: 102});
		return {copy, docx};
	}

	for (const [label, originalId, copyId] of [
		['the copy read first (its sessionId sorts first)', 'bbbbbbbb-0000-4000-8000-000000000000', 'aaaaaaaa-0000-4000-8000-000000000000'],
		['the original read first', 'aaaaaaaa-0000-4000-8000-000000000000', 'bbbbbbbb-0000-4000-8000-000000000000'],
	] as const) {
		test(`a resumed copy gives ONE row owned by the original (earliest last timestamp): ${label}`, async () => {
			const repo = await project();
			const {s, pdf} = original(repo.dir, originalId);
			const originalFile = await writeSession(current().root, s);
			const {copy, docx} = copyOf(s, copyId, true);
			await writeSession(current().root, copy);
			const report = await collectNow();
			assert.deepEqual(errorsOf(report), []);
			const stored = await rows();
			assert.deepEqual(stored.map(row => [row.session_key, row.session_id]), [
				[`cc:tu:${pdf}`, originalId],
				[`cc:tu:${docx}`, copyId],
			]);
			assert.equal(stored[0]!.source_file, relative(originalFile));
			assert.deepEqual([stored[0]!.duration_ms, stored[0]!.followup_actions, stored[0]!.output_tokens], [3000, 1, 7]);
			const settled = await tableDump(current().database, 'skill_usage');
			await collectNow();
			assert.deepEqual(await tableDump(current().database, 'skill_usage'), settled);
		});
	}

	test('the owner is still the original when the copy ends with a snapshot line (its timestamp nested, not top-level)', async () => {
		const repo = await project();
		const {s, pdf} = original(repo.dir, 'bbbbbbbb-0000-4000-8000-000000000000');
		await writeSession(current().root, s);
		const {copy} = copyOf(s, 'aaaaaaaa-0000-4000-8000-000000000000', true);
		// Claude Code writes a file-history-snapshot just before the prompt it belongs to.
		copy.snapshot();
		await writeSession(current().root, copy);
		await collectNow();
		// The copy's last timestamped line is at 102 s, the original's at 5 s.
		assert.equal((await rows()).find(row => row.session_key === `cc:tu:${pdf}`)!.session_id, s.sessionId);
	});

	test('a copy collected before its original is handed to the original once that is read', async () => {
		const repo = await project();
		const {s, pdf} = original(repo.dir, 'aaaaaaaa-0000-4000-8000-000000000000');
		const {copy} = copyOf(s, 'bbbbbbbb-0000-4000-8000-000000000000', true);
		await writeSession(current().root, copy);
		await collectNow();
		assert.equal((await rows()).find(row => row.session_key === `cc:tu:${pdf}`)!.session_id, copy.sessionId);
		const originalFile = await writeSession(current().root, s);
		await collectNow();
		const stored = await rows();
		assert.equal(stored.length, 2);
		const row = stored.find(entry => entry.session_key === `cc:tu:${pdf}`)!;
		assert.equal(row.session_id, s.sessionId);
		assert.equal(row.source_file, relative(originalFile));
	});

	for (const [label, firstFolder] of [['the smaller sessionId read first', 'small'], ['the larger sessionId read first', 'large']] as const) {
		test(`ties of the last timestamp go to the smaller sessionId: ${label}`, async () => {
			const repo = await project();
			const small = 'aaaaaaaa-0000-4000-8000-000000000000';
			const large = 'cccccccc-0000-4000-8000-000000000000';
			const {s, pdf} = original(repo.dir, large);
			const {copy} = copyOf(s, small, false);
			// Folders are read in name order; the lines' cwd makes both belong to the repo.
			const base = folderOf(repo.dir);
			await writeSession(current().root, firstFolder === 'small' ? copy : s, {folder: base});
			await writeSession(current().root, firstFolder === 'small' ? s : copy, {folder: `${base}-resumed`});
			await collectNow();
			const stored = await rows();
			assert.deepEqual(stored.map(row => [row.session_key, row.session_id]), [[`cc:tu:${pdf}`, small]]);
		});
	}
});

describe('bad files: a clear error each, and every other file still collected', () => {
	async function goodFile(cwd: string): Promise<string> {
		const s = session(cwd, 'aaaaaaaa-1111-4000-8000-000000000000');
		s.prompt('go', {at: 0});
		const id = s.skill('pdf', {at: 1});
		s.result(id, {at: 2});
		return writeSession(current().root, s);
	}

	test('a broken line mid-file is reported as file:line and the rest of the file is read', async () => {
		const repo = await project();
		const s = session(repo.dir);
		s.prompt('go', {at: 0});
		const a = s.skill('alpha', {at: 1});
		s.result(a, {at: 2});
		s.prompt('next', {at: 3});
		const b = s.skill('beta', {at: 4});
		s.result(b, {at: 5});
		const lines = s.jsonl().split('\n');
		lines[3] = lines[3]!.slice(0, 30);
		const file = await writeSession(current().root, s, {text: lines.join('\n')});
		await goodFile(repo.dir);
		const report = await collectNow();
		const messages = errorsOf(report).map(error => error.message);
		assert.equal(messages.length, 1, JSON.stringify(messages));
		assert.ok(messages[0]!.startsWith(`${file}:4:`), messages[0]);
		assert.deepEqual((await rows()).map(row => [row.skill_name, row.status]), [['alpha', 'succeeded'], ['pdf', 'succeeded'], ['beta', 'succeeded']]);
	});

	test('invalid UTF-8 is a clear error naming file:line; its invocations and the other files are kept', async () => {
		const repo = await project();
		const s = session(repo.dir);
		s.prompt('go', {at: 0});
		const a = s.skill('alpha', {at: 10, args: 'XX'});
		s.result(a, {at: 11});
		const text = Buffer.from(s.jsonl());
		const at = text.indexOf('"XX"') + 1;
		const bytes = Buffer.concat([text.subarray(0, at), Buffer.from([0xc3, 0x28]), text.subarray(at + 2)]);
		const file = await writeSession(current().root, s, {text: bytes});
		await goodFile(repo.dir);
		const report = await collectNow();
		const messages = errorsOf(report).map(error => error.message);
		assert.equal(messages.length, 1, JSON.stringify(messages));
		assert.ok(messages[0]!.startsWith(`${file}:2:`), messages[0]);
		assert.match(messages[0]!, /UTF-8/);
		assert.deepEqual((await rows()).map(row => row.skill_name).sort(), ['alpha', 'pdf']);
	});

	test('a line longer than SKILLSCOPE_MAX_LINE_BYTES is a clear error; the rest is read', async () => {
		const repo = await project();
		const s = session(repo.dir);
		s.prompt('go', {at: 0});
		const read = s.tool('Read', {file_path: 'shot.png'}, {at: 1});
		s.result(read, {at: 2, content: [{type: 'image', source: {type: 'base64', media_type: 'image/png', data: 'C'.repeat(200_000)}}]});
		s.prompt('now', {at: 3});
		const a = s.skill('alpha', {at: 4});
		s.result(a, {at: 5});
		const file = await writeSession(current().root, s);
		await goodFile(repo.dir);
		// SKILLSCOPE_MAX_LINE_BYTES=65536, as the edge reads it (environment.ts).
		const defaults = defaultTuning();
		const report = await collectNow({...defaults, limits: {...defaults.limits, maxLineBytes: 65_536}});
		const messages = errorsOf(report).map(error => error.message);
		assert.equal(messages.length, 1, JSON.stringify(messages));
		assert.ok(messages[0]!.startsWith(`${file}:3:`), messages[0]);
		assert.deepEqual((await rows()).map(row => row.skill_name).sort(), ['alpha', 'pdf']);
	});

	test('a directory named x.jsonl is a clear error', async () => {
		const repo = await project();
		await goodFile(repo.dir);
		const folder = path.join(current().root, 'projects', folderOf(repo.dir));
		await mkdir(path.join(folder, 'x.jsonl'));
		const report = await collectNow();
		const errors = errorsOf(report);
		assert.equal(errors.length, 1, JSON.stringify(errors));
		assert.ok(errors[0]!.message.includes(path.join(folder, 'x.jsonl')), errors[0]!.message);
		assert.match(errors[0]!.message, /directory/);
		assert.deepEqual((await rows()).map(row => row.skill_name), ['pdf']);
	});

	test('a symlink loop is a clear error', async () => {
		const repo = await project();
		await goodFile(repo.dir);
		const folder = path.join(current().root, 'projects', folderOf(repo.dir));
		await symlink(path.join(folder, 'b.jsonl'), path.join(folder, 'a.jsonl'));
		await symlink(path.join(folder, 'a.jsonl'), path.join(folder, 'b.jsonl'));
		const report = await collectNow();
		const errors = errorsOf(report);
		assert.equal(errors.length, 2, JSON.stringify(errors));
		for (const error of errors) assert.match(error.message, /loop/);
		assert.ok(errors.some(error => error.message.includes(path.join(folder, 'a.jsonl'))));
		assert.deepEqual((await rows()).map(row => row.skill_name), ['pdf']);
	});

	test('a named pipe called x.jsonl is a clear error, and the collect does not hang on it', async () => {
		const repo = await project();
		await goodFile(repo.dir);
		const folder = path.join(current().root, 'projects', folderOf(repo.dir));
		execFileSync('mkfifo', [path.join(folder, 'pipe.jsonl')]);
		const report = await collectNow();
		const errors = errorsOf(report);
		assert.equal(errors.length, 1, JSON.stringify(errors));
		assert.ok(errors[0]!.message.includes(path.join(folder, 'pipe.jsonl')), errors[0]!.message);
		assert.deepEqual((await rows()).map(row => row.skill_name), ['pdf']);
	});

	test('an empty file and one of snapshot lines only are no error and no rows', async () => {
		const repo = await project();
		await goodFile(repo.dir);
		const folder = path.join(current().root, 'projects', folderOf(repo.dir));
		await writeFile(path.join(folder, 'bbbbbbbb-0000-4000-8000-000000000000.jsonl'), '');
		const snapshots = session(repo.dir, 'cccccccc-0000-4000-8000-000000000000');
		snapshots.snapshot();
		snapshots.snapshot();
		await writeSession(current().root, snapshots);
		const report = await collectNow();
		assert.deepEqual(errorsOf(report), []);
		assert.deepEqual((await rows()).map(row => row.skill_name), ['pdf']);
	});

	const root = process.getuid?.() === 0;
	test('an unreadable file is a clear error', {skip: root ? 'running as root: chmod 000 does not stop root from reading a file' : false}, async () => {
		const repo = await project();
		await goodFile(repo.dir);
		const s = session(repo.dir, 'ffffffff-0000-4000-8000-000000000000');
		s.prompt('go', {at: 0});
		s.skill('secret', {at: 1});
		const file = await writeSession(current().root, s);
		await chmod(file, 0o000);
		try {
			const report = await collectNow();
			const errors = errorsOf(report);
			assert.equal(errors.length, 1, JSON.stringify(errors));
			assert.ok(errors[0]!.message.includes(file));
			assert.match(errors[0]!.message, /permission/);
			assert.deepEqual((await rows()).map(row => row.skill_name), ['pdf']);
		} finally {
			await chmod(file, 0o644);
		}
	});

	test('after all of these, nothing was written under the root', async () => {
		const repo = await project();
		await goodFile(repo.dir);
		const folder = path.join(current().root, 'projects', folderOf(repo.dir));
		await mkdir(path.join(folder, 'x.jsonl'));
		await symlink(path.join(folder, 'b.jsonl'), path.join(folder, 'a.jsonl'));
		await symlink(path.join(folder, 'a.jsonl'), path.join(folder, 'b.jsonl'));
		await writeFile(path.join(folder, 'torn.jsonl'), '{"type":"user","cwd":"x"');
		const before = await fingerprint(current().root);
		await collectNow();
		await collectNow();
		assert.deepEqual(await fingerprint(current().root), before);
	});
});

describe('projects', () => {
	test('a session launched in repo/packages/core belongs to the registered repo', async () => {
		const repo = await project();
		await mkdir(path.join(repo.dir, 'packages', 'core'), {recursive: true});
		const s = session(path.join(repo.dir, 'packages', 'core'));
		s.prompt('go', {at: 0});
		s.skill('pdf', {at: 1});
		await writeSession(current().root, s);
		await collectNow();
		assert.deepEqual((await rows()).map(row => [row.skill_name, row.project_id]), [['pdf', repo.project_id]]);
	});

	test('with both repo and repo/packages/core registered, the longest prefix wins', async () => {
		const repo = await project();
		const core = path.join(repo.dir, 'packages', 'core');
		await mkdir(core, {recursive: true});
		await mkdir(path.join(repo.dir, 'packages', 'ui'), {recursive: true});
		const {project: coreProject} = await registerProject(current().database, core);
		const inCore = session(path.join(core, 'src'));
		inCore.prompt('go', {at: 0});
		inCore.skill('in-core', {at: 1});
		await writeSession(current().root, inCore);
		const inUi = session(path.join(repo.dir, 'packages', 'ui'));
		inUi.prompt('go', {at: 0});
		inUi.skill('in-ui', {at: 2});
		await writeSession(current().root, inUi);
		await collectNow();
		assert.deepEqual((await rows()).map(row => [row.skill_name, row.project_id]), [['in-core', coreProject.project_id], ['in-ui', repo.project_id]]);
	});

	test('registering repo/packages/core later moves its sessions\' rows there on the next collect', async () => {
		const repo = await project();
		const core = path.join(repo.dir, 'packages', 'core');
		await mkdir(core, {recursive: true});
		const s = session(core);
		s.prompt('go', {at: 0});
		const id = s.skill('pdf', {at: 1});
		s.result(id, {at: 2});
		await writeSession(current().root, s);
		await collectNow();
		assert.deepEqual((await rows()).map(row => row.project_id), [repo.project_id]);
		const {project: coreProject} = await registerProject(current().database, core);
		await collectNow();
		assert.deepEqual((await rows()).map(row => row.project_id), [coreProject.project_id]);
	});

	test('a file launched in no registered project is not stored (a sibling whose folder shares the prefix neither)', async () => {
		const repo = await project();
		const sibling = `${repo.dir}-x`;
		const elsewhere = session(sibling);
		elsewhere.prompt('go', {at: 0});
		elsewhere.skill('sibling-skill', {at: 1});
		await writeSession(current().root, elsewhere);
		const far = session('/somewhere/else');
		far.prompt('go', {at: 0});
		far.skill('far-skill', {at: 1});
		await writeSession(current().root, far);
		const report = await collectNow();
		assert.deepEqual(errorsOf(report), []);
		assert.deepEqual(await rows(), []);
	});

	test('a subagent file: trigger subagent, the parent session, the agent id; progress copies in the parent are not counted twice', async () => {
		const repo = await project();
		const parentId = 'ae4a77f8-aedd-4bc1-888f-c94edc91af04';
		const parent = session(repo.dir, parentId);
		parent.prompt('go', {at: 0});
		const task = parent.tool('Task', {description: 'x', prompt: 'y'}, {at: 1});
		parent.agentProgress([{type: 'tool_use', id: 'toolu_in_agent', name: 'Skill', input: {skill: 'elixir:hex-docs-search'}}], {at: 3, agentId: 'aac57f5', parentToolUseId: task});
		parent.result(task, {at: 10});
		await writeSession(current().root, parent);
		const agent = new Session({sessionId: parentId, cwd: repo.dir, agentId: 'aac57f5'});
		agent.userText('Search hex.pm', {at: 2});
		agent.skill('elixir:hex-docs-search', {at: 3, id: 'toolu_in_agent'});
		agent.result('toolu_in_agent', {at: 4, content: 'Launching skill: elixir:hex-docs-search'});
		await writeSession(current().root, agent, {agentId: 'aac57f5'});
		// The compaction agent's file is never read, even with a Skill call in it.
		const compactor = new Session({sessionId: parentId, cwd: repo.dir, agentId: 'acompact-f46190'});
		compactor.userText('<system-reminder>x</system-reminder>', {at: 5, isMeta: true});
		compactor.skill('should-not-count', {at: 6});
		await writeSession(current().root, compactor, {agentId: 'acompact-f46190'});
		// An older build's subagent file beside the sessions.
		const legacy = new Session({sessionId: parentId, cwd: repo.dir, agentId: 'b0ld'});
		legacy.userText('Do it', {at: 20});
		const legacyCall = legacy.skill('pdf', {at: 21});
		await writeSession(current().root, legacy, {agentId: 'b0ld', legacy: true});
		const report = await collectNow();
		assert.deepEqual(errorsOf(report), []);
		assert.deepEqual((await rows()).map(row => [row.skill_name, row.trigger, row.session_id, row.agent_id, row.session_key]), [
			['elixir:hex-docs-search', 'subagent', parentId, 'aac57f5', 'cc:tu:toolu_in_agent'],
			['pdf', 'subagent', parentId, 'b0ld', `cc:tu:${legacyCall}`],
		]);
	});

	test('tracker rows keep working beside transcript rows', async () => {
		const repo = await project({
			'.session-buddy/skill_metrics.json': tracker([invocation({skill_name: 'code-review', invoked_at: '2026-03-02T09:00:00', completed: true, duration_seconds: 12})]),
		});
		const s = session(repo.dir);
		s.prompt('go', {at: 0});
		const id = s.skill('pdf', {at: 1});
		s.result(id, {at: 2});
		await writeSession(current().root, s);
		const report = await collectNow();
		assert.deepEqual(errorsOf(report), []);
		const stored = await rows();
		assert.deepEqual(stored.map(row => [row.skill_name, row.source, row.trigger, row.project_id]), [
			['code-review', 'session-buddy', 'unknown', repo.project_id],
			['pdf', 'claude-code', 'model', repo.project_id],
		]);
		const before = await tableDump(current().database, 'skill_usage');
		const again = await collectNow();
		assert.equal(again.totals.collected, 0);
		assert.deepEqual(await tableDump(current().database, 'skill_usage'), before);
	});
});

describe('rows outlive their lines', () => {
	test('a transcript deleted by Claude Code keeps its rows (skillscope is then the only copy)', async () => {
		const repo = await project();
		const s = session(repo.dir);
		s.prompt('go', {at: 0});
		const id = s.skill('pdf', {at: 1});
		s.result(id, {at: 2});
		const file = await writeSession(current().root, s);
		await collectNow();
		const before = await rows();
		await rm(file);
		await collectNow();
		assert.deepEqual(await rows(), before);
		// Back again (restored from a backup): still one row.
		await writeFile(file, s.jsonl());
		await collectNow();
		assert.deepEqual(await rows(), before);
	});
});

