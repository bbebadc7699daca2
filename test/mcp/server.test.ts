import assert from 'node:assert/strict';
import {spawn, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {after, before, describe, test} from 'node:test';
import {Client} from '@modelcontextprotocol/sdk/client/index.js';
import {StdioClientTransport} from '@modelcontextprotocol/sdk/client/stdio.js';
import type {CallToolResult} from '@modelcontextprotocol/sdk/types.js';
import {CLI, REPO, runCli} from '../helpers/run-cli.js';
import {makeSampleProjects, type SampleName} from '../helpers/sample-projects.js';
import {writeTree} from '../helpers/temp.js';
import {invocation, tracker} from '../helpers/tracker.js';

/**
 * `skillscope mcp` as an assistant runs it: the built CLI in its own process, spoken to by the
 * SDK's own client. Every answer is checked against the CLI's `--json` for the same question,
 * run on the same database file between calls (so the server must not hold it).
 */
const TOOLS = [
	'register_project',
	'unregister_project',
	'list_registered_projects',
	'collect_skill_metrics',
	'compute_aggregates',
	'get_top_skills',
	'analyze_skill_effectiveness',
	'compare_skill_across_projects',
	'get_skill_summary',
	'get_workflow_recommendations',
	'health_check',
];

let root: string;
let env: Record<string, string>;
let projects: Record<SampleName | 'flaky', string>;
let client: Client;
let transport: StdioClientTransport;
let serverStderr = '';
const protocolErrors: Error[] = [];
/** `top --limit 20 --json` once collected: every skill, all time. */
let allSkills: {skills: Array<Json & {skill_name: string}>};

type Json = Record<string, unknown>;

async function call(name: string, args: Json = {}): Promise<CallToolResult> {
	return (await client.callTool({name, arguments: args})) as CallToolResult;
}

/** A successful call's structured result, after checking that its text is the same JSON. */
async function data<T = Json>(name: string, args: Json = {}): Promise<T> {
	const result = await call(name, args);
	const text = result.content[0]?.type === 'text' ? result.content[0].text : '';
	assert.ok(!result.isError, `${name} failed: ${text}`);
	assert.deepEqual(JSON.parse(text), result.structuredContent, `${name}: text and structuredContent differ`);
	return result.structuredContent as T;
}

async function errorOf(name: string, args: Json = {}): Promise<string> {
	const result = await call(name, args);
	assert.equal(result.isError, true, `${name} ${JSON.stringify(args)} should fail`);
	return result.content[0]?.type === 'text' ? result.content[0].text : '';
}

async function cli<T = Json>(args: string[]): Promise<T> {
	const result = await runCli([...args, '--json'], env);
	assert.equal(result.code, 0, result.stderr);
	return JSON.parse(result.stdout) as T;
}

before(async () => {
	root = await mkdtemp(path.join(os.tmpdir(), 'skillscope-mcp-'));
	env = {SKILLSCOPE_DB: path.join(root, 'db.duckdb'), SKILLSCOPE_CONFIG: path.join(root, 'none.json'), SKILLSCOPE_NOW: '2026-11-24T12:00:00Z', TZ: 'UTC'};
	const samples = await makeSampleProjects(path.join(root, 'projects'));
	// Enough uses to be judged: 2 of 6 succeed, 3 follow-ups each.
	const flaky = path.join(root, 'projects', 'flaky');
	const followUps = ['rerun', 'fix config', 'ask user'];
	await writeTree(flaky, {
		'.crackerjack/skill_metrics.json': tracker(
			Array.from({length: 6}, (_, index) =>
				invocation({skill_name: 'flaky-deploy', invoked_at: `2026-11-0${index + 1}T09:00:00`, completed: index < 2, error_type: index < 2 ? null : 'Timeout', follow_up_actions: followUps}),
			),
		),
	});
	projects = {...samples, flaky};
	const inherited = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
	transport = new StdioClientTransport({command: process.execPath, args: [CLI, 'mcp'], env: {...inherited, ...env}, cwd: REPO, stderr: 'pipe'});
	transport.stderr?.on('data', (chunk: Buffer) => {
		serverStderr += chunk.toString();
	});
	client = new Client({name: 'skillscope-test', version: '1.0.0'});
	client.onerror = error => protocolErrors.push(error);
	await client.connect(transport);
});

after(async () => {
	await client?.close();
	await rm(root, {recursive: true, force: true});
});

describe('skillscope mcp', () => {
	test('lists every tool of the design, each with a described input schema', async () => {
		const {tools} = await client.listTools();
		assert.deepEqual(tools.map(tool => tool.name).sort(), [...TOOLS].sort());
		for (const tool of tools) {
			assert.equal(tool.inputSchema.type, 'object', tool.name);
			assert.ok(tool.description && tool.description.length > 40, `${tool.name} has a description`);
			for (const [name, property] of Object.entries(tool.inputSchema.properties ?? {})) {
				assert.ok((property as {description?: string}).description, `${tool.name}.${name} is described`);
			}
		}

		const byName = new Map(tools.map(tool => [tool.name, tool.inputSchema]));
		assert.deepEqual(byName.get('register_project')!.required, ['project_path', 'project_name']);
		assert.deepEqual(Object.keys(byName.get('register_project')!.properties!), ['project_path', 'project_name', 'project_type', 'metadata']);
		assert.deepEqual(byName.get('analyze_skill_effectiveness')!.required, ['skill_name']);
		assert.deepEqual(byName.get('compare_skill_across_projects')!.required, ['skill_name']);
		assert.deepEqual(Object.keys(byName.get('get_top_skills')!.properties!), ['limit', 'project_id', 'time_window', 'min_success_rate', 'sort']);
		assert.deepEqual(Object.keys(byName.get('compute_aggregates')!.properties!), ['project_id', 'time_window', 'force_refresh']);
		assert.deepEqual(byName.get('health_check')!.properties ?? {}, {});
	});

	test('register_project and list_registered_projects answer as register/projects --json', async () => {
		const registered: Json[] = [];
		for (const [name, directory] of Object.entries(projects)) {
			const result = await data<{project: Json; created: boolean; metadata?: Json}>('register_project', {
				project_path: directory,
				project_name: name,
				project_type: 'sample',
				...(name === 'flaky' ? {metadata: {team: 'ops', tags: ['ci']}} : {}),
			});
			assert.equal(result.created, true);
			registered.push(result.project);
			if (name === 'flaky') assert.deepEqual(result.metadata, {team: 'ops', tags: ['ci']});
		}

		const listed = await data<{projects: Json[]}>('list_registered_projects');
		const expected = await cli<{projects: Json[]}>(['projects']);
		assert.deepEqual(listed, expected);
		const byName = (list: Json[]) => [...list].sort((a, b) => String(a.project_name).localeCompare(String(b.project_name)));
		assert.deepEqual(byName(registered), byName(expected.projects));
	});

	test('collect_skill_metrics loads every record; the CLI then finds nothing new', async () => {
		const report = await data<{projects: Json[]; totals: Json}>('collect_skill_metrics');
		assert.equal(report.totals.collected, 16 + 6);
		assert.equal(report.totals.errors, 0);
		const again = await cli<{projects: Json[]; totals: Json}>(['collect']);
		assert.equal(again.totals.collected, 0);
		assert.equal(again.totals.unchanged, report.totals.collected);
		assert.deepEqual(Object.keys(report).sort(), Object.keys(again).sort());
		// A client that asks for progress gets the CLI's progress lines as notifications.
		const lines: string[] = [];
		const one = (await client.callTool({name: 'collect_skill_metrics', arguments: {project_path: projects.flaky}}, undefined, {
			onprogress: progress => lines.push(progress.message ?? ''),
		})) as CallToolResult;
		assert.ok(!one.isError);
		assert.deepEqual((one.structuredContent as {projects: Json[]}).projects.map(project => [project.project_name, project.unchanged]), [['flaky', 6]]);
		assert.ok(lines.some(line => /^collected flaky: 0 new/.test(line)), lines.join('\n'));
	});

	test('compute_aggregates answers as aggregate --json', async () => {
		const forced = await data('compute_aggregates', {force_refresh: true, time_window: 'weekly'});
		const expected = await cli(['aggregate', '--force']);
		assert.deepEqual({...forced, duration_ms: 0}, {...expected, duration_ms: 0});
		assert.equal(forced.recomputed, true);
		const fresh = await data('compute_aggregates', {project_id: 'flaky'});
		assert.equal(fresh.recomputed, false);
		assert.deepEqual((fresh.project as Json).project_name, 'flaky');
	});

	test('get_top_skills answers as top --json', async () => {
		assert.deepEqual(await data('get_top_skills', {limit: 20}), (allSkills = await cli(['top', '--limit', '20'])));
		assert.deepEqual(
			await data('get_top_skills', {project_id: 'sqlite', min_success_rate: 0.5, sort: 'skill_name', time_window: 'all'}),
			await cli(['top', '--project', 'sqlite', '--min-success', '0.5', '--sort', 'skill_name', '--window', 'all']),
		);
	});

	test('analyze_skill_effectiveness answers as skill --json', async () => {
		assert.deepEqual(await data('analyze_skill_effectiveness', {skill_name: 'code-review'}), await cli(['skill', 'code-review']));
		const scoped = await data<{project: Json; total_invocations: number}>('analyze_skill_effectiveness', {skill_name: 'crackerjack-run', project_id: 'sqlite'});
		assert.equal(scoped.project.project_name, 'sqlite');
		assert.equal(scoped.total_invocations, 3);
		const unknown = await data('analyze_skill_effectiveness', {skill_name: 'code-reveiw'});
		assert.equal(unknown.found, false);
		assert.deepEqual(unknown.did_you_mean, ['code-review']);
	});

	test('compare_skill_across_projects and get_skill_summary answer as compare/summary --json', async () => {
		assert.deepEqual(await data('compare_skill_across_projects', {skill_name: 'crackerjack-run'}), await cli(['compare', 'crackerjack-run']));
		assert.deepEqual(await data('get_skill_summary'), await cli(['summary']));
		const scoped = await data<{project: Json; projects: number}>('get_skill_summary', {project_id: 'export'});
		assert.deepEqual([scoped.project.project_name, scoped.projects], ['export', 1]);
	});

	test('get_workflow_recommendations: the insight thresholds over the top rows, with their numbers', async () => {
		type Recommendation = {priority: string; kind: string; skill_name: string; [field: string]: unknown};
		const report = await data<{recommendations: Recommendation[]; too_few_invocations: string[]; skills_considered: number; thresholds: Json}>('get_workflow_recommendations');
		assert.deepEqual(
			report.recommendations.map(item => [item.priority, item.kind, item.skill_name]),
			[
				['high', 'low_success_rate', 'flaky-deploy'],
				['medium', 'below_target', 'crackerjack-run'],
				['medium', 'high_followup_rate', 'flaky-deploy'],
			],
		);
		assert.deepEqual(report.thresholds, {min_invocations: 5, low_success_rate: 0.6, target_success_rate: 0.7, high_followup_rate: 2});
		// The numbers behind each are those of `top --json` (all time, every active project).
		const {skills} = allSkills;
		assert.equal(report.skills_considered, skills.length);
		for (const item of report.recommendations) {
			const row = skills.find(skill => skill.skill_name === item.skill_name)!;
			for (const field of ['total_invocations', 'successful_completions', 'failed_invocations', 'success_rate', 'avg_followup_actions', 'avg_duration_ms', 'last_used']) {
				assert.equal(item[field], row[field], `${item.skill_name}.${field}`);
			}
		}

		assert.equal(report.recommendations[0]!.success_rate, 2 / 6);
		assert.equal(report.recommendations[2]!.avg_followup_actions, 3);
		assert.deepEqual(report.too_few_invocations, skills.filter(skill => (skill.total_invocations as number) < 5).map(skill => skill.skill_name));
		const sqlite = await data<{recommendations: unknown[]; project: Json}>('get_workflow_recommendations', {project_id: 'sqlite'});
		assert.equal(sqlite.project.project_name, 'sqlite');
		assert.deepEqual(sqlite.recommendations, [], 'crackerjack-run has 3 finished uses in sqlite: too few to judge');
	});

	test('health_check answers as health --json', async () => {
		assert.deepEqual(await data('health_check'), await cli(['health']));
	});

	test('a wrong argument is an error result with a clear message, and the server keeps serving', async () => {
		assert.match(await errorOf('get_top_skills', {limit: -3}), /limit/);
		assert.match(await errorOf('get_top_skills', {limit: 2.5}), /limit/);
		assert.match(await errorOf('get_top_skills', {min_success_rate: 2}), /min_success_rate/);
		assert.match(await errorOf('get_top_skills', {time_window: 'hourly'}), /time_window/);
		assert.match(await errorOf('analyze_skill_effectiveness'), /skill_name/);
		assert.match(await errorOf('compare_skill_across_projects', {skill_name: ''}), /skill_name/);
		assert.match(await errorOf('get_skill_summary', {project: 'sqlite'}), /project/);
		assert.match(await errorOf('get_skill_summary', {project_id: 'nowhere'}), /no registered project "nowhere"/);
		assert.match(await errorOf('register_project', {project_path: path.join(root, 'missing'), project_name: 'x'}), /no such directory/);
		assert.match(await errorOf('unregister_project', {project_path: 'nowhere'}), /no registered project/);
		assert.equal((await data<{ok: boolean}>('health_check')).ok, true);
	});

	test('unregister_project answers as unregister does; the project stays listed, inactive', async () => {
		const result = await data<{project: Json; purged: boolean; deleted_rows: number}>('unregister_project', {project_path: projects.sqlite});
		assert.equal(result.project.project_name, 'sqlite');
		assert.equal(result.project.is_active, false);
		assert.equal(result.purged, false);
		assert.equal(result.deleted_rows, 0);
		const listed = await cli<{projects: Json[]}>(['projects']);
		assert.deepEqual(listed.projects.find(project => project.project_name === 'sqlite'), result.project);
		const top = await data<{skills: Json[]}>('get_top_skills', {limit: 20});
		assert.equal(top.skills.find(skill => skill.skill_name === 'crackerjack-run')!.total_invocations, 3);
		assert.equal(top.skills.find(skill => skill.skill_name === 'session-start'), undefined, 'used only in the sqlite project');
	});

	test('a database held by another process is an error result saying so', async () => {
		const database = pathToFileURL(path.join(REPO, 'dist', 'data', 'database.js')).href;
		const holder: ChildProcess = spawn(
			process.execPath,
			[
				'--input-type=module',
				'-e',
				`const {Database} = await import(${JSON.stringify(database)});
				const db = await Database.open(process.argv[1]);
				process.stdout.write('ready\\n');
				process.stdin.resume();
				process.stdin.on('end', async () => { await db.close(); process.exit(0); });`,
				env.SKILLSCOPE_DB!,
			],
			{stdio: ['pipe', 'pipe', 'inherit']},
		);
		try {
			await once(holder.stdout!, 'data');
			assert.match(await errorOf('health_check'), /in use by another skillscope process/);
		} finally {
			holder.stdin!.end();
			if (holder.exitCode === null) await once(holder, 'exit');
		}

		assert.equal((await data<{ok: boolean}>('health_check')).ok, true);
	});

	test('bad usage of the command itself exits 2 before any protocol', async () => {
		const result = await runCli(['mcp', 'extra'], env);
		assert.equal(result.code, 2);
		assert.equal(result.stdout, '');
		assert.match(result.stderr, /"mcp" takes no arguments[\s\S]*usage: skillscope mcp/);
	});

	test('stdout carried the protocol only; notes went to stderr', () => {
		assert.deepEqual(protocolErrors, []);
		assert.match(serverStderr, /skillscope mcp: serving .*db\.duckdb/);
	});
});
