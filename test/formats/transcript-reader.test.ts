import {ARGS_CHARS} from '../../source/formats/transcripts/invocation.js';
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {appendFile, mkdir, readFile, symlink, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {readTranscript, type TranscriptRead} from '../../source/formats/transcripts/reader.js';
import {claudeRoot, encodeLaunchDir, listTranscriptFiles, projectOfLaunch} from '../../source/formats/transcripts/files.js';
import {makeTempDir} from '../helpers/temp.js';
import {Session, toJsonl, writeSession} from '../helpers/transcripts.js';

/*
 * Reading transcript files (transcripts.md, "Where the files are" and "Reading them fast and
 * safely"): the real samples, and synthetic files for each trap. Expected values of the real
 * samples are worked out by hand from their lines (line numbers and timestamps quoted below).
 */

const SAMPLES = fileURLToPath(new URL('../../fixtures/claude-code/marot-spotter/claude/projects/', import.meta.url));
const FUM = path.join(SAMPLES, '-home-USER-projects-spotter-worktrees-spotter-fum', '8463c716-a2ea-4c14-9efa-87158ebd9f20.jsonl');
const FUM_COMPACT = path.join(SAMPLES, '-home-USER-projects-spotter-worktrees-spotter-fum', '8463c716-a2ea-4c14-9efa-87158ebd9f20', 'subagents', 'agent-acompact-f46190.jsonl');
const FOURTE = path.join(SAMPLES, '-home-USER-projects-spotter-worktrees-spotter-4te', 'ae4a77f8-aedd-4bc1-888f-c94edc91af04.jsonl');
const FOURTE_AGENT = path.join(SAMPLES, '-home-USER-projects-spotter-worktrees-spotter-4te', 'ae4a77f8-aedd-4bc1-888f-c94edc91af04', 'subagents', 'agent-aac57f5.jsonl');
const SPOTTER = path.join(SAMPLES, '-home-marco-projects-spotter');
const BEADS = path.join(SPOTTER, '491e126e-1e71-469c-ade2-fcc8af567c74.jsonl');
const SHORT = path.join(SPOTTER, '55604662-cf2a-4331-851a-ec234028f8ca.jsonl');
const TOOL_HEAVY = path.join(SPOTTER, 'd6e0bada-1959-4eec-a9d2-0bfade768d8f.jsonl');

const readWhole = (file: string, subagent = false) => readTranscript(file, {fromOffset: 0, fromLine: 0, subagent});
const ms = (iso: string) => Date.parse(iso);

/** Byte offset of the start of 1-based line `line`. */
async function offsetOfLine(file: string, line: number): Promise<number> {
	const bytes = await readFile(file);
	let offset = 0;
	for (let index = 1; index < line; index++) offset = bytes.indexOf(0x0a, offset) + 1;
	return offset;
}

const session = (sessionId = '11111111-2222-4333-8444-555555555555', cwd = '/home/u/repo') => new Session({sessionId, cwd});

async function writeLines(text: string | Buffer): Promise<string> {
	const dir = await makeTempDir('skillscope-reader-');
	const file = path.join(dir, 'session.jsonl');
	await writeFile(file, text);
	return file;
}

describe('the real samples (fixtures/claude-code, PROVENANCE.md)', () => {
	test('8463c716: handgemacht:commit failed to preprocess, then the agent committed by hand', async () => {
		const read = await readWhole(FUM);
		assert.deepEqual(read.problems, []);
		assert.equal(read.invocations.length, 1);
		const [commit] = read.invocations;
		assert.equal(commit!.key, 'cc:tu:toolu_01WD7R52g4Tq4muwnGEgs9nD');
		assert.equal(commit!.skillName, 'handgemacht:commit');
		assert.equal(commit!.plugin, 'handgemacht');
		assert.equal(commit!.kind, 'skill');
		assert.equal(commit!.trigger, 'model');
		assert.equal(commit!.status, 'failed');
		assert.equal(commit!.errorType, 'preprocess_failed');
		assert.equal(commit!.sessionId, '8463c716-a2ea-4c14-9efa-87158ebd9f20');
		assert.equal(commit!.agentId, null);
		assert.equal(commit!.line, 32);
		assert.equal(commit!.offset, await offsetOfLine(FUM, 32));
		assert.equal(commit!.invokedAtMs, ms('2026-02-11T22:12:23.173Z'));
		// Result at line 34, 22:12:24.357Z.
		assert.equal(commit!.loadMs, 1184);
		// The window runs to line 60 (compact_boundary at line 61); its last activity is the
		// orphan tool_result of line 60 at 22:30:24.482Z.
		assert.equal(commit!.durationMs, ms('2026-02-11T22:30:24.482Z') - ms('2026-02-11T22:12:23.173Z'));
		// Lines 35 (git diff …), 43 (git add … && git commit), 52 (bd ready).
		assert.deepEqual(commit!.followUps, ['Bash:git', 'Bash:git', 'Bash:bd']);
		assert.equal(commit!.toolErrors, 0);
		// Messages …FToprb (19), …FPNAJ6 (314), …WmiKPK (5 then 82: once, 82); …ZEnvYR is its own.
		assert.equal(commit!.outputTokens, 19 + 314 + 82);
		assert.equal(commit!.windowOpen, false);
		assert.equal(read.cwd, '/home/USER/projects/spotter-worktrees/spotter-fum');
		assert.equal(read.sessionId, '8463c716-a2ea-4c14-9efa-87158ebd9f20');
		assert.equal(read.lastTimestampMs, ms('2026-02-11T22:54:29.983Z'));
		assert.equal(read.markers, true);
	});

	test('ae4a77f8: elixir:hex-docs-search succeeded, with args, beside a Task; 26 agent_progress copies add nothing', async () => {
		const read = await readWhole(FOURTE);
		assert.deepEqual(read.problems, []);
		assert.equal(read.invocations.length, 1);
		const [search] = read.invocations;
		assert.equal(search!.key, 'cc:tu:toolu_01WY1KAUdfMedBJrV6KAtck5');
		assert.equal(search!.skillName, 'elixir:hex-docs-search');
		assert.equal(search!.plugin, 'elixir');
		assert.equal(search!.args, 'opentelemetry_bandit setup');
		assert.equal(search!.status, 'succeeded');
		assert.equal(search!.errorType, null);
		assert.equal(search!.trigger, 'model');
		assert.equal(search!.line, 22);
		assert.equal(search!.invokedAtMs, ms('2026-02-12T14:12:33.717Z'));
		// Result at line 50, 14:13:05.185Z (it waited for the Task beside it).
		assert.equal(search!.loadMs, 31_468);
		// Window: lines 22–75 (stop_hook_summary at 76); last activity line 74 at 14:13:17.944Z.
		assert.equal(search!.durationMs, ms('2026-02-12T14:13:17.944Z') - ms('2026-02-12T14:12:33.717Z'));
		// Lines 53 (grep …), 62 (curl …), 71 and 72 (WebFetch); the Task of line 20 came before it.
		assert.deepEqual(search!.followUps, ['Bash:grep', 'Bash:curl', 'WebFetch', 'WebFetch']);
		assert.equal(search!.toolErrors, 0);
		// …oriPBr (1 then 114), …vZnyX3 (1 then 157), …9pDkKZ (8 on three lines); …bAStsb is its own.
		assert.equal(search!.outputTokens, 114 + 157 + 8);
		assert.equal(read.cwd, '/home/USER/projects/spotter-worktrees/spotter-4te');
		assert.equal(read.lastTimestampMs, ms('2026-02-12T14:51:54.409Z'));
	});

	test('491e126e: the user typed /handgemacht:create-beads with args: a command, not a skill', async () => {
		const read = await readWhole(BEADS);
		assert.deepEqual(read.problems, []);
		assert.equal(read.invocations.length, 1);
		const [beads] = read.invocations;
		assert.equal(beads!.key, 'cc:cmd:cc2c7130-8a1e-4f3c-8f99-b54aa375b7a7');
		assert.equal(beads!.skillName, 'handgemacht:create-beads');
		assert.equal(beads!.plugin, 'handgemacht');
		assert.equal(beads!.kind, 'command');
		assert.equal(beads!.trigger, 'user');
		assert.equal(beads!.status, 'succeeded');
		assert.equal(beads!.line, 4);
		assert.equal(beads!.invokedAtMs, ms('2026-02-10T21:54:53.186Z'));
		assert.match(beads!.args ?? '', /^websearch to learn how to fastest setup credo/);
		// Window: lines 4–70 (the human prompt "create the beads" at line 71; line 69
		// "[Request interrupted by user]" is not one); last activity line 68 at 22:01:10.248Z.
		assert.equal(beads!.durationMs, ms('2026-02-10T22:01:10.248Z') - ms('2026-02-10T21:54:53.186Z'));
		assert.deepEqual(beads!.followUps, ['WebFetch', 'WebSearch', 'WebSearch', 'WebSearch', 'Glob', 'WebSearch', 'Read', 'WebSearch', 'AskUserQuestion', 'Task', 'Write', 'ExitPlanMode']);
		assert.equal(beads!.toolErrors, 0);
		// …EieBJx 10, …fbcsgM 8, …WbxX55 25, …jU2bio 8, …4a4tbE 472, …rXThFY 589, …at58J6 1, …AnSMLm 22.
		assert.equal(beads!.outputTokens, 10 + 8 + 25 + 8 + 472 + 589 + 1 + 22);
	});

	test('the other files hold no invocation: the subagent, the rejections and /model, the /mcp built-ins', async () => {
		for (const [file, subagent] of [[FOURTE_AGENT, true], [SHORT, false], [TOOL_HEAVY, false]] as const) {
			const read = await readWhole(file, subagent);
			assert.deepEqual(read.invocations, [], file);
			assert.deepEqual(read.problems, [], file);
		}
	});

	test('the subagent file gives the parent session and launch directory', async () => {
		const read = await readWhole(FOURTE_AGENT, true);
		assert.equal(read.sessionId, 'ae4a77f8-aedd-4bc1-888f-c94edc91af04');
		assert.equal(read.cwd, '/home/USER/projects/spotter-worktrees/spotter-4te');
	});
});

describe('synthetic files', () => {
	test('the launch directory is the cwd of the FIRST line that has one (later lines drift after a cd)', async () => {
		const s = session('aaaaaaaa-0000-4000-8000-000000000001', '/home/u/repo');
		s.snapshot();
		s.prompt('go', {at: 0});
		s.cwd = '/home/u/repo/packages/core';
		s.skill('pdf', {at: 1});
		const read = await readWhole(await writeLines(s.jsonl()));
		assert.equal(read.cwd, '/home/u/repo');
		assert.equal(read.sessionId, 'aaaaaaaa-0000-4000-8000-000000000001');
	});

	test('a file without "Skill", "SlashCommand", <command-name>, <command-message> has no invocation and no markers', async () => {
		const s = session();
		s.prompt('hello', {at: 0});
		const bash = s.tool('Bash', {command: 'ls'}, {at: 1});
		s.result(bash, {at: 2});
		s.system('turn_duration', {at: 3});
		const read = await readWhole(await writeLines(s.jsonl()));
		assert.equal(read.markers, false);
		assert.deepEqual(read.invocations, []);
		assert.equal(read.lastTimestampMs, s.ms(3));
	});

	test('the last timestamp is found past the first window read back: a last line of 300 KB, and untimestamped lines of 200 KB after a timestamped one', async () => {
		const long = session();
		long.prompt('hello', {at: 0});
		long.text('x'.repeat(300 * 1024), {at: 7});
		assert.equal((await readWhole(await writeLines(long.jsonl()))).lastTimestampMs, long.ms(7));
		const tail = session();
		tail.prompt('hello', {at: 0});
		tail.text('done', {at: 4});
		for (let i = 0; i < 4; i++) tail.summary('y'.repeat(50 * 1024));
		assert.equal((await readWhole(await writeLines(tail.jsonl()))).lastTimestampMs, tail.ms(4));
	});

	test('the last timestamp is the last TOP-LEVEL timestamp, even when a snapshot line (its timestamp nested) ends the file', async () => {
		const s = session();
		s.prompt('hello', {at: 0});
		s.skill('pdf', {at: 5});
		s.text('done', {at: 9});
		s.snapshot();
		s.summary('A summary');
		const read = await readWhole(await writeLines(s.jsonl()));
		assert.equal(read.lastTimestampMs, s.ms(9));
	});

	test('a torn last line (no newline) is not an error, is left unread, and is read once it is whole', async () => {
		const s = session();
		s.prompt('go', {at: 0});
		const first = s.skill('pdf', {at: 1});
		s.result(first, {at: 2});
		s.prompt('more', {at: 3});
		const second = s.skill('docx', {at: 4});
		const text = s.jsonl();
		const lastLine = `${JSON.stringify(s.lines.at(-1))}\n`;
		const whole = Buffer.byteLength(text) - Buffer.byteLength(lastLine);
		const file = await writeLines(text.slice(0, text.length - Math.floor(lastLine.length / 2)));
		const torn = await readWhole(file);
		assert.deepEqual(torn.problems, []);
		assert.deepEqual(torn.invocations.map(invocation => invocation.skillName), ['pdf']);
		assert.equal(torn.endOffset, whole);
		assert.equal(torn.endLine, 4);
		await writeFile(file, text);
		const next = await readTranscript(file, {fromOffset: torn.resumeOffset, fromLine: torn.resumeLine, subagent: false});
		const docx = next.invocations.find(invocation => invocation.skillName === 'docx');
		assert.ok(docx, 'the line torn before is read now');
		assert.equal(docx.key, `cc:tu:${second}`);
		assert.equal(docx.line, 5);
		assert.deepEqual(next.problems, []);
	});

	test('reading on from resumeOffset/resumeLine gives the same line numbers as a whole read', async () => {
		const s = session();
		s.prompt('go', {at: 0});
		s.text('thinking', {at: 1});
		const id = s.skill('pdf', {at: 2});
		const file = await writeLines(s.jsonl());
		const first = await readWhole(file);
		assert.equal(first.invocations[0]!.line, 3);
		assert.ok(first.resumeOffset <= first.invocations[0]!.offset, 'the open window is read again next time');
		s.result(id, {at: 3});
		s.text('{broken', {at: 4});
		await writeFile(file, s.jsonl());
		const again = await readTranscript(file, {fromOffset: first.resumeOffset, fromLine: first.resumeLine, subagent: false});
		const pdf = again.invocations.find(invocation => invocation.key === `cc:tu:${id}`)!;
		assert.equal(pdf.line, 3);
		assert.equal(pdf.offset, first.invocations[0]!.offset);
		assert.equal(pdf.status, 'succeeded');
		assert.equal(again.endLine, 5);
	});

	test('a broken line mid-file is reported as file:line and the rest is read', async () => {
		const s = session();
		s.prompt('go', {at: 0});
		const a = s.skill('pdf', {at: 1});
		s.result(a, {at: 2});
		s.prompt('more', {at: 3});
		s.skill('docx', {at: 4});
		const lines = s.jsonl().split('\n');
		// Line 3 (the pdf result) cut in half, line 4 left whole.
		lines[2] = lines[2]!.slice(0, 40);
		const file = await writeLines(lines.join('\n'));
		const read = await readWhole(file);
		assert.equal(read.problems.length, 1);
		assert.ok(read.problems[0]!.startsWith(`${file}:3:`), read.problems[0]);
		assert.deepEqual(read.invocations.map(invocation => [invocation.skillName, invocation.status]), [['pdf', 'pending'], ['docx', 'pending']]);
	});

	test('a broken line holding a Skill call, and one where nothing is open, are reported by line', async () => {
		const s = session();
		s.prompt('go', {at: 0});
		s.skill('pdf', {at: 1});
		s.prompt('more', {at: 2});
		const b = s.skill('docx', {at: 3});
		s.result(b, {at: 4});
		const lines = s.jsonl().split('\n');
		lines[1] = lines[1]!.slice(0, lines[1]!.length - 5);
		lines[0] = '{"type":"progress","data":{"type":"hook_pro';
		const file = await writeLines(lines.join('\n'));
		const read = await readWhole(file);
		assert.deepEqual(read.problems.map(problem => problem.slice(0, `${file}:1:`.length)), [`${file}:1:`, `${file}:2:`]);
		assert.deepEqual(read.invocations.map(invocation => [invocation.skillName, invocation.status, invocation.line]), [['docx', 'succeeded', 4]]);
	});

	test('invalid UTF-8 is reported with its file:line; the line and the rest are still read', async () => {
		const s = session();
		s.prompt('go', {at: 0});
		const a = s.skill('pdf', {at: 1, args: 'REPLACE'});
		s.result(a, {at: 2});
		s.prompt('more', {at: 3});
		s.skill('docx', {at: 4});
		const text = Buffer.from(s.jsonl());
		const at = text.indexOf('REPLACE');
		const bytes = Buffer.concat([text.subarray(0, at), Buffer.from([0xff, 0xfe, 0xc3]), text.subarray(at + 'REPLACE'.length)]);
		const file = await writeLines(bytes);
		const read = await readWhole(file);
		assert.equal(read.problems.length, 1);
		assert.ok(read.problems[0]!.startsWith(`${file}:2:`), read.problems[0]);
		assert.match(read.problems[0]!, /UTF-8/);
		assert.deepEqual(read.invocations.map(invocation => [invocation.skillName, invocation.status]), [['pdf', 'succeeded'], ['docx', 'pending']]);
	});

	test('a line longer than SKILLSCOPE_MAX_LINE_BYTES is reported by line and skipped; the rest is read', async () => {
		const s = session();
		s.prompt('go', {at: 0});
		const a = s.skill('pdf', {at: 1});
		s.result(a, {at: 2});
		const read1 = s.tool('Read', {file_path: 'image.png'}, {at: 3});
		s.result(read1, {at: 4, content: [{type: 'image', source: {type: 'base64', media_type: 'image/png', data: 'A'.repeat(300_000)}}]});
		s.prompt('more', {at: 5});
		s.skill('docx', {at: 6});
		const file = await writeLines(s.jsonl());
		// SKILLSCOPE_MAX_LINE_BYTES=100000, as the edge reads it (environment.ts).
		const read: TranscriptRead = await readTranscript(file, {fromOffset: 0, fromLine: 0, subagent: false, maxLineBytes: 100_000});

		assert.equal(read.problems.length, 1);
		assert.ok(read.problems[0]!.startsWith(`${file}:5:`), read.problems[0]);
		assert.match(read.problems[0]!, /SKILLSCOPE_MAX_LINE_BYTES/);
		// The long line is line 5 (the Read's result); docx is line 7.
		assert.deepEqual(read.invocations.map(invocation => [invocation.skillName, invocation.status, invocation.line]), [['pdf', 'succeeded', 2], ['docx', 'pending', 7]]);
	});

	test('an unterminated tail already over the line limit is reported once, not read again, and what follows it is read (issue 22, D15)', async () => {
		const s = session();
		s.prompt('go', {at: 0});
		const a = s.skill('pdf', {at: 1});
		s.result(a, {at: 2});
		const file = await writeLines(s.jsonl());
		await appendFile(file, `{"type":"user","message":{"role":"user","content":"${'z'.repeat(300_000)}`);
		const first = await readTranscript(file, {fromOffset: 0, fromLine: 0, subagent: false, maxLineBytes: 100_000});
		assert.equal(first.problems.length, 1);
		assert.ok(first.problems[0]!.startsWith(`${file}:4:`), first.problems[0]);
		assert.match(first.problems[0]!, /SKILLSCOPE_MAX_LINE_BYTES/);
		const size = (await readFile(file)).length;
		assert.equal(first.endOffset, size, 'the over-long tail is consumed: the next read starts after it');
		const again = await readTranscript(file, {fromOffset: first.endOffset, fromLine: first.endLine, subagent: false, maxLineBytes: 100_000, carry: first.carry});
		assert.deepEqual(again.problems, [], 'nothing to say twice');
		const next = session();
		next.prompt('later', {at: 10});
		next.skill('docx', {at: 11});
		await appendFile(file, `${'z'.repeat(1000)}"}}\n${next.jsonl()}`);
		const grown = await readTranscript(file, {fromOffset: first.endOffset, fromLine: first.endLine, subagent: false, maxLineBytes: 100_000, carry: first.carry});
		assert.deepEqual(grown.problems, [], 'the rest of the skipped line is skipped quietly');
		assert.deepEqual(grown.invocations.map(invocation => [invocation.skillName, invocation.line]), [['docx', 6]]);
	});

	test('lines of several megabytes across read chunks are read whole, with exact lines and offsets', async () => {
		const s = session();
		s.prompt('go', {at: 0});
		const read1 = s.tool('Read', {file_path: 'big.png'}, {at: 1});
		s.result(read1, {at: 2, content: [{type: 'image', source: {type: 'base64', media_type: 'image/png', data: 'B'.repeat(3 * 1024 * 1024 + 17)}}]});
		s.prompt('now', {at: 3});
		const id = s.skill('pdf', {at: 4, args: 'x'.repeat(2 * 1024 * 1024)});
		s.result(id, {at: 5});
		const file = await writeLines(s.jsonl());
		const read = await readWhole(file);
		assert.deepEqual(read.problems, []);
		assert.equal(read.invocations.length, 1);
		assert.equal(read.invocations[0]!.line, 5);
		assert.equal(read.invocations[0]!.offset, await offsetOfLine(file, 5));
		// The 2 MB of arguments were read whole, and are kept cut (issue 22, D3: a call can pass megabytes).
		assert.equal(read.invocations[0]!.args, `${'x'.repeat(ARGS_CHARS)}…`);
		assert.equal(read.invocations[0]!.status, 'succeeded');
	});

	test('CRLF line ends and blank lines are not errors', async () => {
		const s = session();
		s.prompt('go', {at: 0});
		const id = s.skill('pdf', {at: 1});
		s.result(id, {at: 2});
		const file = await writeLines(`\n${s.lines.map(line => JSON.stringify(line)).join('\r\n')}\r\n\n`);
		const read = await readWhole(file);
		assert.deepEqual(read.problems, []);
		assert.deepEqual(read.invocations.map(invocation => [invocation.skillName, invocation.status]), [['pdf', 'succeeded']]);
	});

	test('an open window is read again from its line when the file grows', async () => {
		const s = session();
		s.prompt('go', {at: 0});
		const id = s.skill('pdf', {at: 1});
		const file = await writeLines(s.jsonl());
		const first = await readWhole(file);
		assert.equal(first.invocations[0]!.status, 'pending');
		assert.equal(first.invocations[0]!.windowOpen, true);
		s.result(id, {at: 2, isError: true, content: 'Unknown skill: pdf'});
		s.tool('Grep', {pattern: 'x'}, {at: 5});
		await appendFile(file, toJsonl(s.lines.slice(-2)));
		const next = await readTranscript(file, {fromOffset: first.resumeOffset, fromLine: first.resumeLine, subagent: false});
		const pdf = next.invocations.find(invocation => invocation.key === `cc:tu:${id}`)!;
		assert.deepEqual([pdf.status, pdf.errorType, pdf.durationMs, pdf.followUps], ['failed', 'unknown_skill', 4000, ['Grep']]);
	});

	test('a file that does not exist is a clear error naming it', async () => {
		const dir = await makeTempDir('skillscope-reader-');
		await assert.rejects(readWhole(path.join(dir, 'gone.jsonl')), /gone\.jsonl/);
	});
});

describe('where the files are', () => {
	test('the root is $CLAUDE_CONFIG_DIR if set, else ~/.claude', () => {
		assert.equal(claudeRoot({env: {CLAUDE_CONFIG_DIR: '/tmp/cc-root', HOME: '/home/u'}}), '/tmp/cc-root');
		assert.equal(claudeRoot({env: {HOME: '/home/u'}}), '/home/u/.claude');
		assert.equal(claudeRoot({env: {CLAUDE_CONFIG_DIR: '', HOME: '/home/u'}}), '/home/u/.claude');
	});

	test('the folder name: every character not an ASCII letter or digit becomes -', () => {
		assert.equal(encodeLaunchDir('/home/u/my.repo_x/ü b'), '-home-u-my-repo-x---b');
		assert.equal(encodeLaunchDir('C:\\x'), 'C--x');
	});

	test('sessions and subagents (both layouts) are listed; the compaction agent, journal.jsonl, *.meta.json and tool-results/ are not', async () => {
		const root = await makeTempDir('skillscope-claude-');
		const main = session('aaaaaaaa-0000-4000-8000-000000000001');
		main.prompt('go', {at: 0});
		await writeSession(root, main);
		await writeSession(root, main, {agentId: 'aac57f5'});
		await writeSession(root, main, {agentId: 'acompact-f46190'});
		await writeSession(root, main, {agentId: 'b12', legacy: true});
		await writeSession(root, main, {agentId: 'acompact-0001', legacy: true});
		const folder = path.join(root, 'projects', '-home-u-repo');
		await writeFile(path.join(folder, 'journal.jsonl'), main.jsonl());
		await writeFile(path.join(folder, 'aaaaaaaa-0000-4000-8000-000000000001', 'subagents', 'agent-aac57f5.meta.json'), '{}');
		await mkdir(path.join(folder, 'aaaaaaaa-0000-4000-8000-000000000001', 'tool-results'), {recursive: true});
		await writeFile(path.join(folder, 'aaaaaaaa-0000-4000-8000-000000000001', 'tool-results', 'toolu_x.jsonl'), main.jsonl());
		const files = await listTranscriptFiles(root);
		assert.deepEqual(files.map(file => [file.relative, file.subagent]).sort(), [
			['projects/-home-u-repo/aaaaaaaa-0000-4000-8000-000000000001.jsonl', false],
			['projects/-home-u-repo/aaaaaaaa-0000-4000-8000-000000000001/subagents/agent-aac57f5.jsonl', true],
			['projects/-home-u-repo/agent-b12.jsonl', true],
		]);
	});

	test('the real samples list without the compaction agent', async () => {
		const files = await listTranscriptFiles(path.dirname(SAMPLES.replace(/\/$/, '')));
		const listed = files.map(file => file.path);
		assert.equal(listed.length, 6);
		assert.ok(!listed.includes(FUM_COMPACT));
		assert.ok(listed.includes(FOURTE_AGENT));
		assert.equal(files.find(file => file.path === FOURTE_AGENT)!.subagent, true);
	});

	test('a directory named x.jsonl and a symlink loop are listed with a problem each, beside the good file', async () => {
		const root = await makeTempDir('skillscope-claude-');
		const main = session();
		main.prompt('go', {at: 0});
		await writeSession(root, main);
		const folder = path.join(root, 'projects', '-home-u-repo');
		await mkdir(path.join(folder, 'x.jsonl'));
		await symlink(path.join(folder, 'loop-b.jsonl'), path.join(folder, 'loop-a.jsonl'));
		await symlink(path.join(folder, 'loop-a.jsonl'), path.join(folder, 'loop-b.jsonl'));
		const files = await listTranscriptFiles(root);
		const byName = new Map(files.map(file => [path.basename(file.path), file]));
		assert.equal(byName.get(`${main.sessionId}.jsonl`)!.problem, undefined);
		assert.match(byName.get('x.jsonl')!.problem ?? '', /directory/);
		assert.match(byName.get('loop-a.jsonl')!.problem ?? '', /loop/);
	});

	test('a project is the registered path that is the longest prefix of the launch directory, by whole path segments', () => {
		const projects = [{project_path: '/home/u/repo'}, {project_path: '/home/u/repo/packages/core'}, {project_path: '/home/u/other'}];
		assert.equal(projectOfLaunch('/home/u/repo/packages/core/src', projects)?.project_path, '/home/u/repo/packages/core');
		assert.equal(projectOfLaunch('/home/u/repo/packages/ui', projects)?.project_path, '/home/u/repo');
		assert.equal(projectOfLaunch('/home/u/repo', projects)?.project_path, '/home/u/repo');
		assert.equal(projectOfLaunch('/home/u/repo2', projects), undefined);
		assert.equal(projectOfLaunch('/home/u', projects), undefined);
	});
});
