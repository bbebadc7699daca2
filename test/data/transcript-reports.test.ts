import {before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {collect} from '../../source/data/collect/collector.js';
import type {Database} from '../../source/data/store/database.js';
import {discoverProjects} from '../../source/data/transcripts/discovery.js';
import {health} from '../../source/data/queries/health.js';
import {recommend} from '../../source/data/queries/recommend.js';
import {skillEffectiveness} from '../../source/data/queries/skill.js';
import {topSkills} from '../../source/data/queries/top.js';
import {registerDiscovered, registerProject, unregisterProject, type Project} from '../../source/data/registry/registry.js';
import {openDatabase} from '../helpers/database.js';
import {makeTempDir, writeTree} from '../helpers/temp.js';

/*
 * What the reports make of transcript rows. Two projects, all times UTC on 2026-03-02:
 *
 *   app (registered)  session s1 (main file):
 *     10:00:00 prompt · 10:00:05 Skill tools:lint (msg m1) · 10:00:06 ok · 10:00:10 Bash (m2, 50 tokens)
 *     · 10:00:12 Bash failed · turn_duration         → lint #1: succeeded, 7 s, 1 follow-up, 1 tool error, 50 tokens
 *     10:01:00 prompt · 10:01:05 Skill tools:lint (m3) · 10:01:06 "Unknown skill: tools:lint" (failed)
 *     · 10:01:09 text (m4, 10 tokens), end of file   → lint #2: failed unknown_skill, 4 s, 0 follow-ups, 10 tokens
 *   app/packages/web  session s2: /review typed, its body a SKILL.md → review: user, skill, succeeded
 *   subagent of s1: 10:00:20 Skill tools:lint (a1) · 10:00:21 ok        → lint #3: subagent, succeeded, 1 s, 0 tokens
 *   api (registered)  session s3: Skill deploy failed "disable-model-invocation" (×3), one per turn
 *   elsewhere (never registered)  session s4: Skill tools:lint: discovered, never stored
 *
 * So tools:lint: 3 finished, 2 succeeded; by trigger model 2 (1 ok), subagent 1 (1 ok);
 * avg_output_tokens (50 + 10 + 0) / 3 = 20; avg_tool_errors 1 / 3; errors unknown_skill 1.
 */

type Line = Record<string, unknown>;

const at = (time: string) => `2026-03-02T${time}.000Z`;
let uuid = 0;
const base = (session: string, cwd: string, time: string, extra: Line = {}): Line => ({
	parentUuid: null, isSidechain: false, userType: 'external', cwd, sessionId: session, version: '2.1.39', uuid: `u-${++uuid}`, timestamp: at(time), ...extra,
});
const prompt = (session: string, cwd: string, time: string, text: string): Line => ({...base(session, cwd, time), type: 'user', message: {role: 'user', content: text}});
const toolUse = (session: string, cwd: string, time: string, message: string, id: string, name: string, input: Line, tokens = 0, extra: Line = {}): Line => ({
	...base(session, cwd, time, extra),
	type: 'assistant',
	message: {id: message, role: 'assistant', content: [{type: 'tool_use', id, name, input}], usage: {output_tokens: tokens}},
});
const text = (session: string, cwd: string, time: string, message: string, tokens: number): Line => ({
	...base(session, cwd, time), type: 'assistant', message: {id: message, role: 'assistant', content: [{type: 'text', text: 'done'}], usage: {output_tokens: tokens}},
});
const result = (session: string, cwd: string, time: string, id: string, content: string, isError = false, extra: Line = {}): Line => ({
	...base(session, cwd, time, extra),
	type: 'user',
	message: {role: 'user', content: [{type: 'tool_result', tool_use_id: id, content, ...(isError ? {is_error: true} : {})}]},
});
const turnEnd = (session: string, cwd: string, time: string): Line => ({...base(session, cwd, time), type: 'system', subtype: 'turn_duration', durationMs: 1000});
const jsonl = (lines: Line[]) => `${lines.map(line => JSON.stringify(line)).join('\n')}\n`;

interface Fixture {
	database: Database;
	root: string;
	app: Project;
	api: Project;
	elsewhere: string;
}

async function fixture(): Promise<Fixture> {
	const home = await makeTempDir('skillscope-home-');
	const root = path.join(home, '.claude');
	const appPath = path.join(home, 'code', 'app');
	const apiPath = path.join(home, 'code', 'api');
	const elsewhere = path.join(home, 'elsewhere');
	const web = path.join(appPath, 'packages', 'web');
	const folder = (directory: string) => `projects/${directory.replaceAll(/[^a-zA-Z\d]/g, '-')}`;
	await writeTree(home, {'code/app/packages/web/.keep': '', 'code/api/.keep': '', 'elsewhere/.keep': ''});
	const s1 = [
		prompt('s1', appPath, '10:00:00', 'lint it'),
		toolUse('s1', appPath, '10:00:05', 'm1', 't1', 'Skill', {skill: 'tools:lint'}),
		result('s1', appPath, '10:00:06', 't1', 'Launching skill: tools:lint'),
		toolUse('s1', appPath, '10:00:10', 'm2', 'b1', 'Bash', {command: 'npm run lint'}, 50),
		result('s1', appPath, '10:00:12', 'b1', 'exit 1', true),
		turnEnd('s1', appPath, '10:00:13'),
		prompt('s1', appPath, '10:01:00', 'again'),
		toolUse('s1', appPath, '10:01:05', 'm3', 't2', 'Skill', {skill: 'tools:lint'}),
		result('s1', appPath, '10:01:06', 't2', '<tool_use_error>Unknown skill: tools:lint</tool_use_error>', true),
		text('s1', appPath, '10:01:09', 'm4', 10),
	];
	const agent = [
		toolUse('s1', appPath, '10:00:20', 'a-m1', 'a1', 'Skill', {skill: 'tools:lint'}, 0, {isSidechain: true, agentId: 'abc'}),
		result('s1', appPath, '10:00:21', 'a1', 'Launching skill: tools:lint', false, {isSidechain: true, agentId: 'abc'}),
	];
	const command = {...base('s2', web, '11:00:00'), uuid: 'cmd-1', type: 'user', message: {role: 'user', content: '<command-message>review</command-message>\n<command-name>/review</command-name>'}};
	const s2 = [
		command,
		{...base('s2', web, '11:00:00'), parentUuid: 'cmd-1', isMeta: true, type: 'user', message: {role: 'user', content: [{type: 'text', text: 'Base directory for this skill: /x/skills/review\n\nReview.'}]}},
		text('s2', web, '11:00:30', 'm5', 7),
	];
	const s3 = [0, 1, 2].flatMap(turn => [
		prompt('s3', apiPath, `12:0${turn}:00`, 'deploy'),
		toolUse('s3', apiPath, `12:0${turn}:01`, `d${turn}`, `dt${turn}`, 'Skill', {skill: 'deploy'}),
		result('s3', apiPath, `12:0${turn}:02`, `dt${turn}`, 'Skill deploy cannot be used with Skill tool due to disable-model-invocation', true),
	]);
	const s4 = [prompt('s4', elsewhere, '13:00:00', 'hi'), toolUse('s4', elsewhere, '13:00:01', 'e1', 'e-t1', 'Skill', {skill: 'tools:lint'})];
	await writeTree(root, {
		[`${folder(appPath)}/s1.jsonl`]: jsonl(s1),
		[`${folder(appPath)}/s1/subagents/agent-abc.jsonl`]: jsonl(agent),
		[`${folder(web)}/s2.jsonl`]: jsonl(s2),
		[`${folder(apiPath)}/s3.jsonl`]: jsonl(s3),
		[`${folder(elsewhere)}/s4.jsonl`]: jsonl(s4),
	});
	const database = await openDatabase();
	const app = (await registerProject(database, appPath)).project;
	const api = (await registerProject(database, apiPath)).project;
	await collect(database, {naiveTimezone: 'UTC', displayTimezone: 'UTC', claudeRoot: root});
	return {database, root, app, api, elsewhere};
}

const ALL_TIME = {kind: 'bucket', window: 'all', bucketStart: '1970-01-01'} as const;

describe('reports over transcript rows', () => {
	let f: Fixture;
	before(async () => {
		f = await fixture();
	});

	test('skill --json: kind, plugin, triggers, sources, tokens, tool errors and error types', async () => {
		const report = await skillEffectiveness(f.database, 'tools:lint', {});
		assert.equal(report.total_invocations, 3);
		assert.equal(report.successful_completions, 2);
		assert.equal(report.kind, 'skill');
		assert.equal(report.plugin, 'tools');
		assert.deepEqual(report.by_trigger, [
			{trigger: 'model', total_invocations: 2, successful_completions: 1, pending_invocations: 0},
			{trigger: 'subagent', total_invocations: 1, successful_completions: 1, pending_invocations: 0},
		]);
		assert.deepEqual(report.sources, [{source: 'claude-code', total_invocations: 3}]);
		assert.equal(report.avg_output_tokens, 20);
		assert.equal(report.avg_tool_errors, 1 / 3);
		assert.deepEqual(report.errors, [{error_type: 'unknown_skill', count: 1}]);
		// Succeeded durations: 7 s (the failed Bash result at :12) and 1 s (the subagent's result).
		assert.equal(report.avg_duration_ms, 4000);
	});

	test('the all-time drill-down from the kept profiles equals the one from raw rows', async () => {
		for (const skill of ['tools:lint', 'review', 'deploy']) {
			const kept = await skillEffectiveness(f.database, skill, {});
			const raw = await skillEffectiveness(f.database, skill, {}, {since: '2026-01-01', until: '2026-12-31', zone: 'UTC'});
			assert.deepEqual({...kept, since: null, until: null}, {...raw, since: null, until: null}, skill);
		}
	});

	test('a user-typed skill from a subfolder launch counts for the project that holds it', async () => {
		const report = await skillEffectiveness(f.database, 'review', {project: f.app});
		assert.equal(report.total_invocations, 1);
		assert.equal(report.kind, 'skill');
		assert.deepEqual(report.by_trigger.map(row => row.trigger), ['user']);
		assert.equal(report.avg_duration_ms, 30_000);
	});

	test('top --trigger and --source filter the leaderboard', async () => {
		const names = async (options: {trigger?: string; source?: string}) =>
			(await topSkills(f.database, {scope: {}, period: ALL_TIME, zone: 'UTC', ...options})).skills.map(row => [row.skill_name, row.total_invocations]);
		assert.deepEqual(await names({}), [['deploy', 3], ['tools:lint', 3], ['review', 1]]);
		assert.deepEqual(await names({trigger: 'user'}), [['review', 1]]);
		assert.deepEqual(await names({trigger: 'subagent'}), [['tools:lint', 1]]);
		assert.deepEqual(await names({source: 'crackerjack'}), []);
		const week = await topSkills(f.database, {scope: {}, period: {kind: 'bucket', window: 'weekly', bucketStart: '2026-03-02'}, zone: 'UTC', trigger: 'model'});
		assert.deepEqual(week.skills.map(row => row.skill_name), ['deploy', 'tools:lint']);
		assert.equal(week.trigger, 'model');
		const earlier = await topSkills(f.database, {scope: {}, period: {kind: 'bucket', window: 'weekly', bucketStart: '2026-02-23'}, zone: 'UTC', trigger: 'model'});
		assert.deepEqual(earlier.skills, []);
	});

	test('recommend names skills that fail to load', async () => {
		const report = await recommend(f.database, {scope: {}, now: new Date('2026-03-03T00:00:00Z'), timezone: 'UTC'});
		const loading = report.recommendations.filter(item => item.issue === 'unknown_skill' || item.issue === 'not_model_invocable');
		assert.deepEqual(loading.map(item => [item.skill, item.issue, item.priority]), [
			['deploy', 'not_model_invocable', 'high'],
			['tools:lint', 'unknown_skill', 'medium'],
		]);
		assert.equal(loading[0]!.evidence.not_model_invocable, 3);
	});

	test('health says where transcripts were read and warns before Claude Code deletes uncollected ones', async () => {
		const now = new Date();
		const report = await health(f.database, 'UTC', {root: f.root, now});
		assert.equal(report.transcripts?.claude_dir, f.root);
		assert.equal(report.transcripts?.files, 4, 'the main, subagent, subfolder and api files; not elsewhere');
		assert.equal(report.transcripts?.sessions, 3);
		assert.equal(report.transcripts?.invocations, 7);
		assert.equal(report.transcripts?.cleanup_period_days, 30);
		assert.deepEqual(report.transcripts?.warnings, []);
		await writeFile(path.join(f.root, 'settings.json'), JSON.stringify({cleanupPeriodDays: 10}));
		const later = await health(f.database, 'UTC', {root: f.root, now: new Date(now.getTime() + 5 * 86_400_000)});
		assert.equal(later.transcripts?.cleanup_period_from, 'settings.json');
		assert.match(later.transcripts!.warnings[0]!, /last collect was 5 days ago .* after 10 days .* within 5 days/);
		await writeFile(path.join(f.root, 'settings.json'), '{"cleanupPeriodDays": ');
		const broken = await health(f.database, 'UTC', {root: f.root, now});
		assert.match(broken.transcripts!.warnings[0]!, /settings\.json: invalid JSON/);
		assert.equal(broken.transcripts?.cleanup_period_days, 30);
	});

	test('discover groups launch directories; register --discovered adds the new, never the unregistered', async () => {
		const found = await discoverProjects(f.database, f.root);
		const rows = found.projects.map(project => [project.path, project.sessions, project.invocations, project.registered, project.exists]);
		assert.deepEqual(rows, [
			[f.api.project_path, 1, 3, true, true],
			[f.app.project_path, 2, 4, true, true],
			[f.elsewhere, 1, 1, false, true],
		]);
		await unregisterProject(f.database, f.api.project_id);
		const gone = path.join(path.dirname(f.elsewhere), 'deleted-worktree');
		const added = await registerDiscovered(f.database, [f.api.project_path, f.elsewhere, gone]);
		assert.deepEqual(added.map(project => project.project_path), [f.elsewhere, gone]);
		const again = await discoverProjects(f.database, f.root);
		const api = again.projects.find(project => project.path === f.api.project_path)!;
		assert.deepEqual([api.registered, api.unregistered], [false, true]);
	});
});
