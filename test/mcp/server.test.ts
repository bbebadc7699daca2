import assert from 'node:assert/strict';
import {spawn, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {after, before, describe, test} from 'node:test';
import type {Client} from '@modelcontextprotocol/sdk/client/index.js';
import type {CallToolResult} from '@modelcontextprotocol/sdk/types.js';
import {isolatedEnv} from '../helpers/environment.js';
import {REPO} from '../helpers/run-cli.js';
import {cliJson, serve, toolData, toolError} from './client.js';
import {makeSampleProjects, type SampleName} from '../helpers/sample-projects.js';
import {writeTree} from '../helpers/temp.js';
import {invocation, tracker} from '../helpers/tracker.js';

/**
 * The MCP tools on the sample projects, spoken to as an assistant does (test/mcp/client.ts).
 * Every answer is checked against the command line's `--json` for the same question, run on the
 * same database file between calls (so the server must not hold it). The insight tools on the
 * hand-worked fixture: insight-tools.test.ts.
 */
const TOOLS = [
	'register_project',
	'unregister_project',
	'list_registered_projects',
	'list_machines',
	'discover_projects',
	'collect_skill_metrics',
	'compute_aggregates',
	'get_top_skills',
	'analyze_skill_effectiveness',
	'compare_skill_across_projects',
	'get_skill_summary',
	'get_workflow_recommendations',
	'get_skill_inventory',
	'health_check',
	'get_skill_trend',
	'find_skills_used_together',
	'predict_next_skill',
	'get_workflow_patterns',
	'get_skill_adoption',
	'get_skill_versions',
];

let root: string;
let env: Record<string, string>;
let projects: Record<SampleName | 'flaky', string>;
let client: Client;
let serverStderr: () => string;
let protocolErrors: Error[];
/** `top --limit 20 --json` once collected: every skill, all time. */
let allSkills: {skills: Array<Json & {skill_name: string}>};

type Json = Record<string, unknown>;

const data = async <T = Json>(name: string, args: Json = {}) => toolData<T>(client, name, args);
const errorOf = async (name: string, args: Json = {}) => toolError(client, name, args);
const cli = async <T = Json>(args: string[]) => cliJson<T>(args, env);

before(async () => {
	root = await mkdtemp(path.join(os.tmpdir(), 'skillscope-mcp-'));
	env = isolatedEnv(root, {SKILLSCOPE_NOW: '2026-11-24T12:00:00Z', TZ: 'UTC'});
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
	const served = await serve(env);
	client = served.client;
	serverStderr = served.stderr;
	protocolErrors = served.protocolErrors;
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
		// The name is optional, as register's --name is (issue 22): the directory's name by default.
		assert.deepEqual(byName.get('register_project')!.required, ['project_path']);
		assert.deepEqual(Object.keys(byName.get('register_project')!.properties!), ['project_path', 'project_name', 'project_type', 'metadata']);
		assert.deepEqual(byName.get('analyze_skill_effectiveness')!.required, ['skill_name']);
		assert.deepEqual(byName.get('compare_skill_across_projects')!.required, ['skill_name']);
		assert.deepEqual(Object.keys(byName.get('get_top_skills')!.properties!), ['limit', 'project_id', 'machine', 'time_window', 'min_success_rate', 'sort', 'trigger', 'source']);
		assert.deepEqual(Object.keys(byName.get('compute_aggregates')!.properties!), ['project_id', 'time_window', 'force_refresh']);
		assert.deepEqual(byName.get('health_check')!.properties ?? {}, {});

		const shape = (name: string) => {
			const schema = byName.get(name)!;
			return {properties: Object.keys(schema.properties ?? {}), required: schema.required ?? [], strict: schema.additionalProperties === false};
		};
		assert.deepEqual(shape('get_skill_trend'), {properties: ['skill_name', 'time_window', 'project_id', 'machine', 'since', 'until'], required: ['skill_name'], strict: true});
		assert.deepEqual(shape('find_skills_used_together'), {properties: ['skill_name', 'min_sessions', 'project_id', 'machine', 'since', 'until', 'limit'], required: [], strict: true});
		assert.deepEqual(shape('predict_next_skill'), {properties: ['skill_name', 'project_id', 'machine', 'since', 'until', 'limit'], required: ['skill_name'], strict: true});
		assert.deepEqual(shape('get_workflow_patterns'), {properties: ['project_id', 'machine', 'min_sessions', 'limit'], required: [], strict: true});
		assert.deepEqual(shape('get_skill_adoption'), {properties: ['time_window', 'at', 'project_id', 'machine'], required: [], strict: true});
		assert.deepEqual(shape('get_workflow_recommendations'), {properties: ['project_id', 'machine'], required: [], strict: true});
		const property = (tool: string, name: string) => byName.get(tool)!.properties![name] as Json;
		assert.deepEqual(property('get_skill_trend', 'time_window').enum, ['daily', 'weekly', 'monthly']);
		assert.deepEqual(property('get_skill_adoption', 'time_window').enum, ['daily', 'weekly', 'monthly', 'all']);
		for (const tool of ['find_skills_used_together', 'get_workflow_patterns']) {
			assert.deepEqual([property(tool, 'min_sessions').type, property(tool, 'min_sessions').minimum], ['integer', 1], tool);
		}

		// The descriptions say what the numbers mean.
		const description = new Map(tools.map(tool => [tool.name, tool.description!]));
		assert.match(description.get('find_skills_used_together')!, /lift = P\(A and B in the same session\) \/ \(P\(A\) · P\(B\)\)[\s\S]*above 1[\s\S]*distinct \(project, session_id\)/);
		assert.match(description.get('predict_next_skill')!, /invoked_at order[\s\S]*probability = count \/ transitions/);
		assert.match(description.get('get_skill_trend')!, /least-squares slope of success rate[\s\S]*last 8 buckets[\s\S]*\+0\.01/);
		assert.match(description.get('get_workflow_patterns')!, /ordered list of skills of one session/);
		assert.match(description.get('get_workflow_recommendations')!, /skillscope recommend --json/);
	});

	test('register_project and list_registered_projects answer as register/projects --json', async () => {
		const registered: Json[] = [];
		for (const [name, directory] of Object.entries(projects)) {
			const result = await data<{project: Json; created: boolean; metadata?: Json}>('register_project', {
				project_path: directory,
				// One without a name: it takes its directory's, as `register <path>` does.
				...(name === 'sqlite' ? {} : {project_name: name}),
				project_type: 'sample',
				...(name === 'flaky' ? {metadata: {team: 'ops', tags: ['ci']}} : {}),
			});
			assert.deepEqual([result.created, result.project.project_name], [true, name]);
			registered.push(result.project);
			if (name === 'flaky') assert.deepEqual(result.metadata, {team: 'ops', tags: ['ci']});
		}

		const listed = await data<{projects: Json[]}>('list_registered_projects');
		const expected = await cli<{projects: Json[]}>(['projects']);
		assert.deepEqual(listed, expected);
		const byName = (list: Json[]) => [...list].sort((a, b) => String(a.project_name).localeCompare(String(b.project_name)));
		assert.deepEqual(byName(registered), byName(expected.projects));
		assert.deepEqual(await data('list_machines'), await cli(['machines']));
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

	test('get_workflow_recommendations answers as recommend --json; flaky-deploy is high priority, with its numbers', async () => {
		type Recommendation = {skill: string; priority: string; issue: string; action: string; evidence: Json};
		type Report = {project: Json | null; generated_at: string; skills_considered: number; thresholds: Json; recommendations: Recommendation[]};
		const report = await data<Report>('get_workflow_recommendations');
		assert.deepEqual(report, await cli(['recommend']));
		assert.equal(report.project, null);
		assert.equal(report.generated_at, '2026-11-24T12:00:00.000000Z');
		assert.equal(report.skills_considered, allSkills.skills.length);
		assert.deepEqual(report.thresholds, {
			min_invocations: 5,
			low_success_rate: 0.6,
			target_success_rate: 0.7,
			high_followup_rate: 2,
			trend_window: 'weekly',
			trend_buckets: 8,
			trend_slope: 0.01,
			unused_days: 30,
			often_interrupted_share: 0.2,
			often_interrupted_min_uses: 10,
			user_typed_share: 0.8,
			user_typed_min_uses: 5,
			version_significance: 0.05,
			rarely_picked_min_listed: 20,
			rarely_picked_rate: 0.05,
			mostly_cut_share: 0.5,
		});
		for (const item of report.recommendations) assert.deepEqual(Object.keys(item), ['skill', 'priority', 'issue', 'action', 'evidence']);
		assert.deepEqual(report.recommendations[0]!.skill, 'flaky-deploy', 'the only high one');

		const flaky = await data<Report>('get_workflow_recommendations', {project_id: 'flaky'});
		assert.deepEqual(flaky, await cli(['recommend', '--project', 'flaky']));
		assert.equal(flaky.project!.project_name, 'flaky');
		assert.equal(flaky.skills_considered, 1);
		// 2 of 6 succeeded, 3 follow-ups each; two weeks with uses are too few for a trend; used 18 days ago.
		assert.deepEqual(
			flaky.recommendations.map(item => [item.priority, item.issue, item.skill]),
			[
				['high', 'low_success_rate', 'flaky-deploy'],
				['medium', 'high_followup_rate', 'flaky-deploy'],
			],
		);
		const [low, followUps] = flaky.recommendations;
		assert.deepEqual(low!.evidence, {total_invocations: 6, successful_completions: 2, failed_invocations: 4, success_rate: 2 / 6, threshold: 0.6});
		assert.match(low!.action, /"flaky-deploy": 33\.3% of 6 finished uses succeeded/);
		assert.deepEqual(followUps!.evidence, {total_invocations: 6, successful_completions: 2, failed_invocations: 4, avg_followup_actions: 3, threshold: 2});
		assert.deepEqual(
			report.recommendations.filter(item => item.skill === 'flaky-deploy'),
			flaky.recommendations,
			'the same findings across every project (it is used in flaky only)',
		);
	});

	test('get_skill_trend answers as skill --window --json: flaky-deploy week by week and day by day', async () => {
		type Trend = Json & {window: string; trend: Json[]; trend_direction: string; trend_slope: number | null; trend_buckets_used: number};
		const weekly = await data<Trend>('get_skill_trend', {skill_name: 'flaky-deploy'});
		assert.deepEqual(weekly, await cli(['skill', 'flaky-deploy', '--window', 'weekly']));
		assert.equal(weekly.window, 'weekly', 'weekly by default');
		assert.equal(weekly.total_invocations, 6);
		// 2026-11-01 is a Sunday: its use falls in the week of 10-26; the other five in the week of 11-02; then empty weeks up to "now".
		assert.deepEqual(
			weekly.trend.map(point => [point.bucket_start, point.total_invocations, point.successful_completions, point.success_rate]),
			[
				['2026-10-26', 1, 1, 1],
				['2026-11-02', 5, 1, 0.2],
				['2026-11-09', 0, 0, null],
				['2026-11-16', 0, 0, null],
				['2026-11-23', 0, 0, null],
			],
		);
		assert.deepEqual([weekly.trend_direction, weekly.trend_slope, weekly.trend_buckets_used], ['stable', null, 2], 'under 3 buckets with data');

		const args = {skill_name: 'flaky-deploy', time_window: 'daily', project_id: 'flaky', since: '2026-11-01', until: '2026-11-06'};
		const daily = await data<Trend>('get_skill_trend', args);
		assert.deepEqual(daily, await cli(['skill', 'flaky-deploy', '--window', 'daily', '--project', 'flaky', '--since', '2026-11-01', '--until', '2026-11-06']));
		assert.deepEqual(
			daily.trend.map(point => point.success_rate),
			[1, 1, 0, 0, 0, 0],
		);
		// Least squares over x = 0..5, y = 1 1 0 0 0 0: covariance -4, variance 17.5.
		assert.equal(daily.trend_direction, 'declining');
		assert.ok(Math.abs(daily.trend_slope! - -4 / 17.5) < 1e-12, String(daily.trend_slope));
		assert.equal(daily.trend_buckets_used, 6);

		assert.deepEqual(
			await data('get_skill_trend', {skill_name: 'code-review', time_window: 'monthly', until: '2026-10-31'}),
			await cli(['skill', 'code-review', '--window', 'monthly', '--until', '2026-10-31']),
		);
		const unknown = await data('get_skill_trend', {skill_name: 'flaky-deplo'});
		assert.deepEqual([unknown.found, unknown.did_you_mean, unknown.trend], [false, ['flaky-deploy'], undefined]);
	});

	test('the session tools answer as cousage, next, workflows and adoption --json on the sample projects', async () => {
		const pairs: Array<[Json, string[]]> = [
			[{}, ['cousage']],
			[{min_sessions: 1, limit: 5}, ['cousage', '--min-sessions', '1', '--limit', '5']],
			[{min_sessions: 1, project_id: 'design', since: '2026-01-01', until: 'today'}, ['cousage', '--min-sessions', '1', '--project', 'design', '--since', '2026-01-01', '--until', 'today']],
		];
		for (const [args, command] of pairs) assert.deepEqual(await data('find_skills_used_together', args), await cli(command), JSON.stringify(args));
		const withSessions = await cli<{sessions: number}>(['cousage', '--min-sessions', '1']);
		assert.ok(withSessions.sessions > 0, 'the samples hold sessions');

		assert.deepEqual(await data('predict_next_skill', {skill_name: 'code-review'}), await cli(['next', 'code-review']));
		assert.deepEqual(await data('predict_next_skill', {skill_name: 'flaky-deploy'}), {
			skill_name: 'flaky-deploy',
			found: true,
			project: null,
			transitions: 0,
			next: [],
		}, 'used, but in no session (crackerjack files carry none)');
		assert.deepEqual(await data('get_workflow_patterns'), await cli(['workflows']));
		assert.deepEqual(await data('get_workflow_patterns', {min_sessions: 1, limit: 2}), await cli(['workflows', '--min-sessions', '1', '--limit', '2']));
		assert.deepEqual(await data('get_skill_adoption'), await cli(['adoption']));
		const week = await data<{bucket_start: string; new_in_window: Json[]}>('get_skill_adoption', {time_window: 'weekly', at: '2026-11-01'});
		assert.deepEqual(week, await cli(['adoption', '--window', 'weekly', '--at', '2026-11-01']));
		assert.equal(week.bucket_start, '2026-10-26');
		assert.deepEqual(week.new_in_window, [
			{skill_name: 'flaky-deploy', first_used: '2026-11-01T09:00:00.000000Z', first_project: 'flaky', first_project_path: projects.flaky, last_used: '2026-11-06T09:00:00.000000Z', total_invocations: 6},
		]);
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
		assert.match(await errorOf('get_skill_trend', {skill_name: 'flaky-deploy', time_window: 'all'}), /time_window/);
		assert.match(await errorOf('get_skill_trend', {skill_name: 'flaky-deploy', window: 'weekly'}), /window/);
		assert.match(await errorOf('get_skill_trend', {skill_name: 'flaky-deploy', since: 'last week'}), /since/);
		assert.match(await errorOf('get_skill_trend', {skill_name: 'flaky-deploy', since: '2026-02-30'}), /--since "2026-02-30" is not a date/);
		assert.match(await errorOf('get_skill_trend', {skill_name: 'flaky-deploy', since: '2026-11-06', until: '2026-11-01'}), /--since 2026-11-06 is after --until 2026-11-01/);
		assert.match(await errorOf('find_skills_used_together', {min_sessions: 0}), /min_sessions/);
		assert.match(await errorOf('find_skills_used_together', {min_sessions: 1.5}), /min_sessions/);
		assert.match(await errorOf('find_skills_used_together', {skill: 'code-review'}), /skill/);
		assert.match(await errorOf('predict_next_skill', {}), /skill_name/);
		assert.match(await errorOf('predict_next_skill', {skill_name: 'code-review', limit: 0}), /limit/);
		assert.match(await errorOf('get_workflow_patterns', {min_sessions: 0}), /min_sessions/);
		assert.match(await errorOf('get_workflow_patterns', {since: '2026-11-01'}), /since/);
		assert.match(await errorOf('get_skill_adoption', {time_window: 'hourly'}), /time_window/);
		assert.match(await errorOf('get_skill_adoption', {at: 'soon'}), /at/);
		assert.match(await errorOf('get_workflow_recommendations', {project_id: 'nowhere'}), /no registered project "nowhere"/);
		assert.match(await errorOf('get_workflow_recommendations', {project: 'flaky'}), /project/);
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
		const database = pathToFileURL(path.join(REPO, 'dist', 'data', 'store', 'database.js')).href;
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

	test('the server wrote nothing but the protocol; no protocol error', () => {
		assert.deepEqual(protocolErrors, []);
		assert.doesNotMatch(serverStderr(), /internal error/);
	});
});
