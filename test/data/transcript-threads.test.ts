import assert from 'node:assert/strict';
import {appendFile, cp, mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, test} from 'node:test';
import {ensureTranscripts} from '../../bench/generate-transcripts.js';
import {collect, type CollectReport} from '../../source/data/collect/collector.js';
import {defaultTuning} from '../../source/data/collect/tuning.js';
import {registerDiscovered, registerProject} from '../../source/data/registry/registry.js';
import {Database} from '../../source/data/store/database.js';
import {snapshotAll, threadNotices, workSince} from '../../source/data/collect/threads.js';
import {TranscriptParsePool} from '../../source/data/transcripts/parse-pool.js';
import {isolatedEnv} from '../helpers/environment.js';
import {runInProcess} from '../helpers/run-cli.js';
import {makeTempDir} from '../helpers/temp.js';
import {Session, toJsonl, writeSession} from '../helpers/transcripts.js';

/*
 * Transcripts parsed on worker threads (transcripts/reads-ahead.ts) must give what one thread
 * gives: the same rows, windows, outcomes, copies, settlements, listings, bodies, errors with
 * file:line and notices, and so byte for byte the same reports. Each tree is collected into two
 * databases, once on the main thread and once on two parse threads, and everything is compared.
 * A pool without threads parses on the main thread and gives the same rows, so the pool's counts
 * (collect/threads.ts) show that the threads did parse: all of it, none on the main thread.
 */

const SAMPLE_TREE = fileURLToPath(new URL('../../fixtures/claude-code/marot-spotter/claude/', import.meta.url));
const SAMPLE_DIRS = ['/home/USER/projects/spotter-worktrees/spotter-fum', '/home/USER/projects/spotter-worktrees/spotter-4te', '/home/marco/projects/spotter'];
const NOW = '2026-12-01T00:00:00.000Z';

interface Side {
	workers: number;
	home: string;
	database: Database;
	notices: string[];
}

async function side(workers: number, register: (database: Database) => Promise<void>): Promise<Side> {
	const home = await makeTempDir(`skillscope-threads-${workers}-`);
	const database = await Database.open(path.join(home, 'db.duckdb'));
	await register(database);
	return {workers, home, database, notices: []};
}

async function collectSide(entry: Side, root: string, maxLineBytes: number): Promise<CollectReport> {
	return collect(entry.database, {
		naiveTimezone: 'UTC',
		displayTimezone: 'UTC',
		claudeRoot: root,
		tuning: {...defaultTuning(), readWorkers: entry.workers, limits: {...defaultTuning().limits, maxLineBytes}},
		// Small trees too: threads whatever there is to read (the default waits for 8 MB).
		readers: entry.workers > 0 ? 'workers' : 'main',
		onEvent: event => {
			if (event.type === 'notice') entry.notices.push(event.message);
		},
	});
}

const TABLES = {
	skill_usage: `SELECT * EXCLUDE (collected_at, metadata), metadata::VARCHAR AS metadata FROM skill_usage ORDER BY source, source_file, session_key, skill_name, project_id`,
	skill_listings: `SELECT * FROM skill_listings ORDER BY ALL`,
	skill_bodies: `SELECT * FROM skill_bodies ORDER BY ALL`,
	transcript_files: `SELECT * EXCLUDE (read_at) FROM transcript_files ORDER BY path`,
} as const;

async function tables(database: Database): Promise<Record<string, string>> {
	const dump: Record<string, string> = {};
	for (const [name, sql] of Object.entries(TABLES)) {
		dump[name] = JSON.stringify(await database.all(sql), (_, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
	}

	return dump;
}

/** `top --json` and `skill NAME --json` of every stored skill, as the built commands print them. */
async function reports(entry: Side): Promise<Record<string, string>> {
	const skills = await entry.database.all<{skill_name: string}>(`SELECT DISTINCT skill_name FROM skill_usage ORDER BY skill_name`);
	const [{machine}] = (await entry.database.all<{machine: string}>(`SELECT value AS machine FROM settings WHERE key = 'machine_id'`)) as [{machine: string}];
	await entry.database.close();
	const env = isolatedEnv(entry.home, {SKILLSCOPE_NOW: NOW, TZ: 'UTC'});
	const printed: Record<string, string> = {};
	const run = async (args: string[]) => {
		const result = await runInProcess(args, env);
		assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
		// The one value two databases never share: each made its own machine id.
		printed[args.join(' ')] = result.stdout.replaceAll(machine, '<machine>');
	};

	await run(['top', '--json']);
	for (const {skill_name} of skills) await run(['skill', skill_name, '--json']);
	entry.database = await Database.open(path.join(entry.home, 'db.duckdb'));
	return printed;
}

const summary = (report: CollectReport) => ({
	totals: {...report.totals, duration_ms: 0},
	projects: report.projects.map(project => ({
		name: project.project_name,
		collected: project.collected,
		updated: project.updated,
		unchanged: project.unchanged,
		skipped: project.skipped_sources,
		errors: project.error_details,
	})),
});

/** Collects `root` on both sides and asserts they hold and print the same; returns the main thread's report. */
async function compare(main: Side, threads: Side, root: string, maxLineBytes = defaultTuning().limits.maxLineBytes): Promise<CollectReport> {
	const one = await collectSide(main, root, maxLineBytes);
	const before = snapshotAll();
	const two = await collectSide(threads, root, maxLineBytes);
	const work = workSince('transcripts', before.transcripts);
	// 'workers': every file goes to a thread, none is taken back by this one unless the threads are gone.
	assert.deepEqual({lost: work.lost, reasons: work.reasons, onMain: work.onMain}, {lost: 0, reasons: [], onMain: 0}, 'no thread lost, no file parsed on the main thread');
	assert.ok(work.onThreads > 0 && work.reading >= 1, `the threads parsed the files (${work.onThreads} by ${work.reading} of them)`);
	// Two threads, or one for a collect that reads one file (the second collect of a grown session).
	assert.equal(work.started, Math.min(2, work.onThreads));
	assert.deepEqual(summary(two), summary(one));
	assert.deepEqual(threads.notices, main.notices);
	const [mainTables, threadTables] = [await tables(main.database), await tables(threads.database)];
	for (const name of Object.keys(TABLES)) assert.equal(threadTables[name], mainTables[name], name);
	const [mainReports, threadReports] = [await reports(main), await reports(threads)];
	assert.deepEqual(Object.keys(threadReports), Object.keys(mainReports));
	for (const command of Object.keys(mainReports)) assert.equal(threadReports[command], mainReports[command], command);
	return one;
}

function listing(s: Session, skills: Record<string, string>, at: number): void {
	s.attachment(Object.entries(skills).map(([name, description]) => `- ${name}: ${description}`).join('\n'), {at, attachmentType: 'skill_listing'});
	Object.assign(s.lines.at(-1)!.attachment as object, {skillCount: Object.keys(skills).length, isInitial: true});
}

describe('parse threads give what one thread gives', () => {
	test('copies, resumes, subagents, late results, retries, listings, bodies and broken files, over two collects', async () => {
		const base = await makeTempDir('skillscope-threads-tree-');
		const root = path.join(base, 'claude');
		const app = path.join(base, 'app');
		const api = path.join(base, 'api');
		await mkdir(path.join(root, 'projects'), {recursive: true});
		for (const dir of [app, api]) await mkdir(dir);
		const register = async (database: Database) => {
			await registerProject(database, app, {name: 'app'});
			await registerProject(database, api, {name: 'api'});
		};

		const main = await side(0, register);
		const threads = await side(2, register);

		// app, s1: a listing, a plugin skill with its body, retried after an error; a call whose result comes later.
		const s1 = new Session({sessionId: 'aaaaaaaa-0000-4000-8000-000000000001', cwd: app});
		listing(s1, {'acme:pdf': 'Convert PDF files', pdf: 'Plain PDF', 'acme:review': 'Review a diff in depth…'}, 0);
		s1.prompt('go', {at: 1});
		s1.skillLoaded(s1.skill('acme:pdf', {at: 2, args: 'a.pdf'}), 'acme:pdf', {at: 3, body: 'Convert a.pdf.', dir: '/u/.claude/plugins/cache/m/acme/1.2.0/skills/pdf'});
		s1.result(s1.tool('Bash', {command: 'make'}, {at: 4, outputTokens: 40}), {at: 5, isError: true, content: 'exit 1'});
		s1.prompt('again', {at: 6});
		s1.skillLoaded(s1.skill('acme:pdf', {at: 7, args: 'b.pdf'}), 'acme:pdf', {at: 8, body: 'Convert b.pdf.', dir: '/u/.claude/plugins/cache/m/acme/1.2.0/skills/pdf'});
		s1.system('turn_duration', {at: 9});
		s1.prompt('now the docx', {at: 10});
		const late = s1.skill('docx', {at: 11});
		s1.prompt('meanwhile, something else', {at: 12});
		s1.system('turn_duration', {at: 13});
		s1.skillLoaded(s1.skill('pdf', {at: 14}), 'pdf', {at: 15, body: 'Plain.'});
		s1.system('turn_duration', {at: 16});
		const s1File = await writeSession(root, s1);

		// Its subagent.
		const agent = new Session({sessionId: s1.sessionId, cwd: app, agentId: 'a1b2c3d'});
		agent.prompt('look', {at: 20});
		agent.skillLoaded(agent.skill('acme:review', {at: 21}), 'acme:review', {at: 22, body: 'Review.'});
		await writeSession(root, agent, {agentId: 'a1b2c3d'});

		// app, s2: s1 resumed: its lines copied, then a turn of its own (the copies belong to s1).
		const s2 = new Session({sessionId: 'aaaaaaaa-0000-4000-8000-000000000002', cwd: app, start: '2026-03-02T11:00:00.000Z'});
		s2.prompt('resume', {at: 0});
		s2.result(s2.skill('acme:review', {at: 1}), {at: 2, isError: true, content: '<tool_use_error>Unknown skill: acme:review</tool_use_error>'});
		await writeSession(root, s2, {text: toJsonl(s1.lines) + s2.jsonl()});

		// api, s3: a broken line among good ones; a torn last line; a directory named like a transcript; a stranger's session.
		const s3 = new Session({sessionId: 'aaaaaaaa-0000-4000-8000-000000000003', cwd: api, start: '2026-03-03T09:00:00.000Z'});
		s3.prompt('deploy', {at: 0});
		s3.result(s3.skill('deploy', {at: 1}), {at: 2});
		const good = toJsonl(s3.lines);
		s3.prompt('again', {at: 3});
		s3.result(s3.skill('deploy', {at: 4}), {at: 5});
		s3.result(s3.skill('deploy', {at: 6, args: 'x'.repeat(8000)}), {at: 7});
		await writeSession(root, s3, {text: `${good}{"type":"user","broken\n${toJsonl(s3.lines.slice(-5))}{"type":"assi`});
		await mkdir(path.join(root, 'projects', api.replaceAll(/[^a-zA-Z0-9]/g, '-'), 'folder.jsonl'), {recursive: true});
		const stranger = new Session({sessionId: 'aaaaaaaa-0000-4000-8000-000000000004', cwd: path.join(base, 'elsewhere')});
		stranger.result(stranger.skill('pdf', {at: 1}), {at: 2});
		await writeSession(root, stranger);
		// Many small files, so that several are parsed ahead while one is stored.
		for (let index = 0; index < 12; index++) {
			const many = new Session({sessionId: `bbbbbbbb-0000-4000-8000-${String(index).padStart(12, '0')}`, cwd: index % 2 ? app : api, start: `2026-03-${String(4 + index).padStart(2, '0')}T09:00:00.000Z`});
			many.prompt('go', {at: 0});
			many.skillLoaded(many.skill(index % 3 ? 'pdf' : 'deploy', {at: 1}), index % 3 ? 'pdf' : 'deploy', {at: 2, body: `Version ${index % 4}.`});
			many.system('turn_duration', {at: 3});
			await writeSession(root, many);
		}

		// Lines over 4 kB are reported and skipped: s3's long line is one.
		const first = await compare(main, threads, root, 4096);
		assert.equal(first.totals.errors, 3, 'the broken line, the over-long line and the directory are said (the torn tail waits)');
		assert.ok(first.projects.some(project => project.error_details.some(detail => /:\d+: /.test(detail.message))), 'a broken line is named by file:line');

		// The second collect resumes: the late result settles its row, a retry settles the pdf before it.
		s1.result(late, {at: 17, isError: true, content: 'Unknown skill: docx'});
		s1.prompt('not right, again', {at: 18});
		s1.skillLoaded(s1.skill('pdf', {at: 19}), 'pdf', {at: 20, body: 'Plain, v2.'});
		s1.system('turn_duration', {at: 21});
		await appendFile(s1File, toJsonl(s1.lines.slice(-6)));
		const second = await compare(main, threads, root, 4096);
		assert.ok(second.totals.updated >= 1, 'a row of the first read is settled by the second');
		const settled = await main.database.all<{skill_name: string; retried: boolean}>(
			`SELECT skill_name, retried FROM skill_usage WHERE skill_name = 'pdf' AND source_file = $file ORDER BY invoked_at`,
			{file: path.relative(root, s1File)},
		);
		assert.deepEqual(settled.map(row => row.retried), [true, false], 'the pdf of the first read is retried by the second\'s');
		await main.database.close();
		await threads.database.close();
	});

	test('the real samples', async () => {
		const base = await makeTempDir('skillscope-threads-samples-');
		const root = path.join(base, 'claude');
		await cp(SAMPLE_TREE, root, {recursive: true});
		const register = async (database: Database) => void (await registerDiscovered(database, SAMPLE_DIRS));
		const main = await side(0, register);
		const threads = await side(2, register);
		const report = await compare(main, threads, root);
		assert.equal(report.totals.collected, 3);
		await main.database.close();
		await threads.database.close();
	});

	test('a generated bench tree', async () => {
		const cache = await makeTempDir('skillscope-threads-bench-');
		const tree = await ensureTranscripts(cache, {name: 'transcripts-threads', projects: 2, sessionsPerProject: 6, bigLines: 0}, () => undefined);
		const register = async (database: Database) => {
			for (const [index, dir] of tree.projectDirs.entries()) await registerProject(database, dir, {name: `p${index}`});
		};

		const main = await side(0, register);
		const threads = await side(2, register);
		const report = await compare(main, threads, tree.root);
		assert.equal(report.totals.collected, tree.expectedRows);
		await main.database.close();
		await threads.database.close();
	});
});

test('a parse thread that dies fails the file it held, by name, and the others are still parsed', async () => {
	const base = await makeTempDir('skillscope-threads-crash-');
	const good = path.join(base, 'good.jsonl');
	const doomed = path.join(base, 'doomed.jsonl');
	const s = new Session({sessionId: 'aaaaaaaa-0000-4000-8000-000000000009', cwd: base});
	s.prompt('go', {at: 0});
	s.result(s.skill('pdf', {at: 1}), {at: 2});
	await writeFile(good, s.jsonl());
	await writeFile(doomed, s.jsonl());
	const before = snapshotAll();
	const pool = new TranscriptParsePool(1, new URL('../helpers/dying-parse-worker.ts', import.meta.url));
	try {
		// Not taken back (take()): the thread parses all three, in turn.
		const tickets = [pool.submit({path: good, subagent: false, bytes: 1}), pool.submit({path: doomed, subagent: false, bytes: 1}), pool.submit({path: good, subagent: false, bytes: 1})];
		const [before, lost, after] = await Promise.all(tickets.map(async ticket => ticket.parsed));
		assert.equal(before!.read?.invocations.length, 1);
		assert.equal(lost!.read, undefined);
		assert.match(lost!.problem!, /^cannot be read: the thread parsing it stopped \(out of memory, say\)$/);
		assert.equal(after!.read?.invocations.length, 1, 'the thread was replaced');
	} finally {
		await pool.close();
	}

	const work = workSince('transcripts', before.transcripts);
	assert.deepEqual({started: work.started, onThreads: work.onThreads, onMain: work.onMain, lost: work.lost, reasons: work.reasons}, {started: 2, onThreads: 2, onMain: 0, lost: 1, reasons: ['out of memory, say']});
	assert.deepEqual(threadNotices(before), ['warning: a reader thread for transcripts stopped (out of memory, say); a file one was parsing is reported as an error, the rest were parsed by the threads left or the main thread']);
});

test('parse threads that cannot start: after their replacements, the main thread parses every file, and the loss is counted', async () => {
	const base = await makeTempDir('skillscope-threads-nostart-');
	const file = path.join(base, 'one.jsonl');
	const s = new Session({sessionId: 'aaaaaaaa-0000-4000-8000-00000000000a', cwd: base});
	s.prompt('go', {at: 0});
	s.result(s.skill('pdf', {at: 1}), {at: 2});
	await writeFile(file, s.jsonl());
	const before = snapshotAll();
	const pool = new TranscriptParsePool(2, new URL('../helpers/no-such-worker.ts', import.meta.url));
	try {
		// Not taken back: only the fallback can parse them, submitted before the threads fail and after.
		const early = pool.submit({path: file, subagent: false, bytes: 1});
		const parsed = await early.parsed;
		const late = await pool.submit({path: file, subagent: false, bytes: 1}).parsed;
		assert.equal(parsed.read?.invocations.length, 1);
		assert.deepEqual(late, parsed);
	} finally {
		await pool.close();
	}

	const work = workSince('transcripts', before.transcripts);
	// Two threads and two replacements, none started; both files on the main thread.
	assert.deepEqual({started: work.started, lost: work.lost, onThreads: work.onThreads, onMain: work.onMain}, {started: 4, lost: 4, onThreads: 0, onMain: 2});
	assert.match(threadNotices(before)[0]!, /^warning: 4 reader threads for transcripts stopped \(.*no-such-worker\.ts/);
});
