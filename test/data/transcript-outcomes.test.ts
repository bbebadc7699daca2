import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {chmod, mkdir, rm} from 'node:fs/promises';
import path from 'node:path';
import {afterEach, beforeEach, describe, test} from 'node:test';
import {promisify} from 'node:util';
import {collect, type CollectEvent, type CollectReport} from '../../source/data/collect/collector.js';
import {registerProject} from '../../source/data/registry/registry.js';
import {Database} from '../../source/data/store/database.js';
import {CLI} from '../helpers/run-cli.js';
import {makeTempDir} from '../helpers/temp.js';
import {folderOf, Session, writeSession} from '../helpers/transcripts.js';

/*
 * Outcomes, retries and versions stored (outcomes.md, "What is kept where"), brought up to date as
 * files grow, and the transcript defects of issue 22 that only a collect shows (D3, D6, D7, and a
 * result that comes after a collect).
 */

interface Env {
	home: string;
	root: string;
	database: Database;
	notices: string[];
}

let env: Env;

beforeEach(async () => {
	const home = await makeTempDir('skillscope-outcomes-');
	const root = path.join(home, '.claude');
	await mkdir(path.join(root, 'projects'), {recursive: true});
	env = {home, root, database: await Database.open(path.join(home, 'db.duckdb')), notices: []};
});

afterEach(async () => env.database.close());

async function collectNow(): Promise<CollectReport> {
	const onEvent = (event: CollectEvent) => {
		if (event.type === 'notice') env.notices.push(event.message);
	};

	return collect(env.database, {naiveTimezone: 'UTC', displayTimezone: 'UTC', claudeRoot: env.root, onEvent});
}

async function project(name = 'repo'): Promise<string> {
	const dir = path.join(env.home, name);
	await mkdir(dir, {recursive: true});
	await registerProject(env.database, dir);
	return dir;
}

const session = (cwd: string, id = 'aaaaaaaa-0000-4000-8000-000000000001') => new Session({sessionId: id, cwd});

type Stored = {
	skill_name: string;
	status: string;
	outcome: string | null;
	retried: boolean | null;
	fingerprint: string | null;
	plugin_version: string | null;
};

const stored = async () => env.database.all<Stored>(`SELECT skill_name, status, outcome, retried, fingerprint, plugin_version FROM skill_usage ORDER BY invoked_at, skill_name`);

describe('stored with every row', () => {
	test('outcome, retried, fingerprint and plugin version; each body once in skill_bodies', async () => {
		const dir = await project();
		const s = session(dir);
		s.prompt('go', {at: 0});
		s.skillLoaded(s.skill('acme:pdf', {at: 1, args: 'a.pdf'}), 'acme:pdf', {at: 2, body: 'Convert a.pdf.', dir: '/u/.claude/plugins/cache/m/acme/1.2.0/skills/pdf'});
		s.result(s.tool('Bash', {command: 'make'}, {at: 3}), {at: 4, isError: true, content: 'exit 1'});
		s.prompt('again', {at: 5});
		s.skillLoaded(s.skill('acme:pdf', {at: 6, args: 'b.pdf'}), 'acme:pdf', {at: 7, body: 'Convert b.pdf.', dir: '/u/.claude/plugins/cache/m/acme/1.2.0/skills/pdf'});
		s.system('turn_duration', {at: 8});
		await writeSession(env.root, s);
		await collectNow();
		const rows = await stored();
		assert.deepEqual(rows.map(row => [row.outcome, row.retried, row.plugin_version]), [['errored', true, '1.2.0'], ['clean', false, '1.2.0']]);
		assert.equal(rows[0]!.fingerprint, rows[1]!.fingerprint, 'the arguments are not part of the version');
		assert.deepEqual(await env.database.all(`SELECT fingerprint, body FROM skill_bodies`), [{fingerprint: rows[0]!.fingerprint, body: 'Convert $ARGUMENTS.'}]);
	});
});

describe('brought up to date when the file grows', () => {
	test('an open window\'s outcome changes with its growth: clean, then errored', async () => {
		const dir = await project();
		const s = session(dir);
		s.prompt('go', {at: 0});
		s.skillLoaded(s.skill('pdf', {at: 1}), 'pdf', {at: 2});
		s.result(s.tool('Bash', {command: 'make'}, {at: 3}), {at: 4});
		await writeSession(env.root, s);
		await collectNow();
		assert.equal((await stored())[0]!.outcome, 'clean');
		s.result(s.tool('Bash', {command: 'make test'}, {at: 5}), {at: 6, isError: true, content: 'exit 2'});
		await writeSession(env.root, s);
		const grown = await collectNow();
		assert.deepEqual([grown.totals.updated, (await stored())[0]!.outcome], [1, 'errored']);
	});

	test('a skill run again after a collect marks the earlier use retried, without reading its lines again', async () => {
		const dir = await project();
		const s = session(dir);
		s.prompt('go', {at: 0});
		s.skillLoaded(s.skill('pdf', {at: 1}), 'pdf', {at: 2});
		s.system('turn_duration', {at: 3});
		await writeSession(env.root, s);
		await collectNow();
		s.prompt('not right, again', {at: 4});
		s.skillLoaded(s.skill('pdf', {at: 5}), 'pdf', {at: 6});
		s.system('turn_duration', {at: 7});
		await writeSession(env.root, s);
		const grown = await collectNow();
		assert.deepEqual([grown.totals.collected, grown.totals.updated, grown.totals.unchanged], [1, 1, 0], 'the earlier use was settled from what was carried, not read again');
		assert.deepEqual((await stored()).map(row => row.retried), [true, false]);
	});

	test('two human prompts later the horizon is closed: a third use retries nothing', async () => {
		const dir = await project();
		const s = session(dir);
		s.prompt('go', {at: 0});
		s.skillLoaded(s.skill('pdf', {at: 1}), 'pdf', {at: 2});
		s.prompt('one', {at: 3});
		await writeSession(env.root, s);
		await collectNow();
		s.prompt('two', {at: 4});
		s.skillLoaded(s.skill('pdf', {at: 5}), 'pdf', {at: 6});
		await writeSession(env.root, s);
		await collectNow();
		assert.deepEqual((await stored()).map(row => row.retried), [false, false]);
	});

	test('a result written after the turn ended, with a collect in between, settles the pending row (issue 22)', async () => {
		const dir = await project();
		const s = session(dir);
		s.prompt('go', {at: 0});
		const id = s.skill('pdf', {at: 1});
		s.prompt('meanwhile, something else', {at: 2});
		s.system('turn_duration', {at: 3});
		await writeSession(env.root, s);
		await collectNow();
		assert.deepEqual((await stored()).map(row => [row.status, row.outcome]), [['pending', null]]);
		s.result(id, {at: 4, isError: true, content: 'Unknown skill: pdf'});
		await writeSession(env.root, s);
		const late = await collectNow();
		assert.equal(late.totals.updated, 1);
		const [row] = await env.database.all<{status: string; outcome: string; error_type: string; success: boolean}>(`SELECT status, outcome, error_type, success FROM skill_usage`);
		assert.deepEqual(row, {status: 'failed', outcome: 'load_failed', error_type: 'unknown_skill', success: false});
	});
});

describe('issue 22, as a collect shows it', () => {
	test('D7: one tool id naming two skills in two projects is two invocations, and the collect says so', async () => {
		const a = await project('a');
		const b = await project('b');
		const first = session(a, 'aaaaaaaa-0000-4000-8000-00000000000a');
		first.prompt('go', {at: 0});
		first.result(first.skill('alpha', {at: 1, id: 'toolu_SAME'}), {at: 2});
		const second = new Session({sessionId: 'bbbbbbbb-0000-4000-8000-00000000000b', cwd: b, start: '2026-03-03T10:00:00.000Z'});
		second.prompt('go', {at: 0});
		second.result(second.skill('gamma', {at: 1, id: 'toolu_SAME'}), {at: 2});
		await writeSession(env.root, first);
		await writeSession(env.root, second);
		await collectNow();
		assert.deepEqual((await stored()).map(row => row.skill_name), ['alpha', 'gamma']);
		assert.equal(env.notices.length, 1);
		assert.match(env.notices[0]!, /toolu_SAME names alpha and gamma: not copies of one call, so both are kept/);
		await collectNow();
		assert.equal(env.notices.length, 1, 'said once, when stored');
	});

	test('D3: a call with megabytes of arguments is stored cut, and never keeps another file\'s rows out', async () => {
		const big = await project('big');
		const fine = await project('fine');
		const s = session(big, 'aaaaaaaa-0000-4000-8000-0000000000b1');
		s.prompt('go', {at: 0});
		s.result(s.skill('big-one', {at: 1, args: 'x'.repeat(8 << 20)}), {at: 2});
		const t = session(fine, 'aaaaaaaa-0000-4000-8000-0000000000b2');
		t.prompt('go', {at: 0});
		t.result(t.skill('healthy', {at: 1}), {at: 2});
		await writeSession(env.root, s);
		await writeSession(env.root, t);
		const report = await collectNow();
		assert.equal(report.totals.errors, 0);
		const args = await env.database.all<{skill_name: string; chars: number}>(`SELECT skill_name, length(json_extract_string(metadata, '$.user_query'))::INTEGER AS chars FROM skill_usage ORDER BY skill_name`);
		assert.deepEqual(args, [{skill_name: 'big-one', chars: 2001}, {skill_name: 'healthy', chars: null}]);
	});

	test('D6: a project folder that cannot be read is said, and the collect ends with exit 3', async () => {
		const dir = await project('hidden');
		const s = session(dir);
		s.prompt('go', {at: 0});
		s.result(s.skill('pdf', {at: 1}), {at: 2});
		await writeSession(env.root, s);
		const folder = path.join(env.root, 'projects', folderOf(dir));
		await env.database.close();
		await chmod(folder, 0o000);
		try {
			// As root, chmod 000 stops no one: the collect runs without the capabilities that let root read anyway.
			const root = process.getuid?.() === 0;
			const command = root ? 'setpriv' : process.execPath;
			const args = [...(root ? ['--inh-caps=-dac_override,-dac_read_search', '--bounding-set=-dac_override,-dac_read_search', process.execPath] : []), CLI, '--db', path.join(env.home, 'db.duckdb'), 'collect'];
			const result = await promisify(execFile)(command, args, {env: {PATH: process.env.PATH, HOME: env.home, CLAUDE_CONFIG_DIR: env.root, SKILLSCOPE_CONFIG: path.join(env.home, 'none.json'), TZ: 'UTC'}}).then(
				done => ({code: 0, stderr: done.stderr}),
				(error: {code: number; stderr: string}) => ({code: error.code, stderr: error.stderr}),
			);
			assert.equal(result.code, 3, result.stderr);
			assert.ok(result.stderr.includes(`${folder}: cannot be read: permission denied`), result.stderr);
		} finally {
			await chmod(folder, 0o755);
			env.database = await Database.open(path.join(env.home, 'db.duckdb'));
		}
	});
});

test('the first collect after the upgrade to schema 6 reads every transcript again, once, and says so; a deleted one keeps "not known"', async () => {
	const dir = await project();
	const s = session(dir);
	s.prompt('go', {at: 0});
	s.skillLoaded(s.skill('pdf', {at: 1}), 'pdf', {at: 2, body: 'Convert.'});
	s.userText('[Request interrupted by user]', {at: 3});
	await writeSession(env.root, s);
	const old = session(dir, 'aaaaaaaa-0000-4000-8000-0000000000dd');
	old.prompt('go', {at: -60});
	old.result(old.skill('docx', {at: -59}), {at: -58});
	const deleted = await writeSession(env.root, old);
	await collectNow();
	// What a database of schema 5 holds: the columns unknown, the files read; then the migration's marks.
	await env.database.run(`UPDATE skill_usage SET outcome = NULL, retried = NULL, fingerprint = NULL`);
	await env.database.run(`UPDATE transcript_files SET size = -1, head_hash = ''`);
	await env.database.run(`INSERT INTO settings VALUES ('transcripts_reread', 'outcomes')`);
	// Claude Code deleted one transcript since (cleanupPeriodDays).
	await rm(deleted);
	const report = await collectNow();
	assert.equal(report.totals.updated, 1);
	assert.deepEqual((await stored()).map(row => [row.skill_name, row.outcome, row.retried, row.fingerprint !== null]), [['docx', null, null, false], ['pdf', 'interrupted', false, true]]);
	assert.equal(env.notices.filter(notice => /reading every Claude Code transcript again, once/.test(notice)).length, 1);
	await collectNow();
	assert.equal(env.notices.filter(notice => /reading every Claude Code transcript again/.test(notice)).length, 1, 'once');
});

describe('issue 21, as a collect shows it', () => {
	test('a bundled skill typed (its body has no base directory line) and called through the Skill tool is a skill, in either order', async () => {
		const dir = await project();
		const typed = session(dir, 'aaaaaaaa-0000-4000-8000-0000000000c1');
		const uuid = typed.command('simplify', {at: 0});
		typed.body(uuid, 'Simplify the code you just wrote, keeping its behaviour.', {at: 0});
		await writeSession(env.root, typed);
		await collectNow();
		assert.deepEqual(await env.database.all(`SELECT kind FROM skill_usage`), [{kind: 'command'}], 'alone, its body says command');
		const called = session(dir, 'aaaaaaaa-0000-4000-8000-0000000000c2');
		called.prompt('tidy up', {at: 10});
		called.result(called.skill('simplify', {at: 11}), {at: 12});
		await writeSession(env.root, called);
		const report = await collectNow();
		assert.equal(report.totals.updated, 1);
		assert.deepEqual(await env.database.all(`SELECT trigger, kind FROM skill_usage ORDER BY trigger`), [{trigger: 'model', kind: 'skill'}, {trigger: 'user', kind: 'skill'}]);
	});

	test('one call written into three files (a session stored twice, a subagent repeating it) is one row', async () => {
		const dir = await project();
		for (const [index, id] of ['aaaaaaaa-0000-4000-8000-0000000000e1', 'aaaaaaaa-0000-4000-8000-0000000000e2', 'aaaaaaaa-0000-4000-8000-0000000000e3'].entries()) {
			const s = session(dir, id);
			s.prompt('go', {at: 0});
			s.result(s.skill('pdf', {at: 1, id: 'toolu_ONE'}), {at: 2});
			if (index > 0) s.prompt('more', {at: 3 + index});
			await writeSession(env.root, s);
		}

		await collectNow();
		const rows = await env.database.all<{session_id: string}>(`SELECT session_id FROM skill_usage`);
		assert.deepEqual(rows, [{session_id: 'aaaaaaaa-0000-4000-8000-0000000000e1'}], 'owned by the file whose last line is earliest');
	});
});
