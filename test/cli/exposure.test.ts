import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {serve, toolData} from '../mcp/client.js';
import {isolatedEnv} from '../helpers/environment.js';
import {listing, NOW, writeExposureWorld} from '../helpers/exposure.js';
import {runInProcess, withTempDir} from '../helpers/run-cli.js';
import {writeTree} from '../helpers/temp.js';
import {Session, writeSession} from '../helpers/transcripts.js';

/*
 * What the model was offered against what it picked (issue 21), through the command line as a
 * person meets it: `skill`, `skills` and `recommend` over the world of helpers/exposure.ts, whose
 * figures are counted there by hand.
 */

// biome-ignore lint/suspicious/noExplicitAny: the CLI's JSON read back, checked field by field by the assertions
type Json = Record<string, any>;

async function json(args: string[], env: Record<string, string>): Promise<Json> {
	const result = await runInProcess([...args, '--json'], env);
	assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
	return JSON.parse(result.stdout) as Json;
}

async function withWorld(work: (env: Record<string, string>) => Promise<void>): Promise<void> {
	await withTempDir(async directory => {
		const env = isolatedEnv(directory, {SKILLSCOPE_NOW: NOW});
		const world = await writeExposureWorld(directory, env.CLAUDE_CONFIG_DIR!);
		for (const project of [world.app, world.other]) await json(['register', project], env);
		assert.equal((await json(['collect'], env)).totals.errors, 0);
		await work(env);
	});
}

const figures = (listings: number, listed: number, picked: number, rate: number | null, typed: number, cut: number) => ({
	sessions_with_listings: listings,
	sessions_listed: listed,
	sessions_model_invoked: picked,
	trigger_rate: rate,
	sessions_user_typed: typed,
	sessions_description_cut: cut,
});

describe('exposure in skill', () => {
	test('skill --json carries exposure in every scope and period; the text says it in one line and what it rests on', async () => {
		await withWorld(async env => {
			assert.deepEqual((await json(['skill', 'review'], env)).exposure, figures(4, 3, 1, 1 / 3, 1, 2));
			assert.deepEqual((await json(['skill', 'pdf'], env)).exposure, figures(4, 4, 1, 0.25, 0, 0), 'D picked pdf without a listing: in no rate');
			assert.deepEqual((await json(['skill', 'pdf', '--project', 'app'], env)).exposure, figures(3, 3, 1, 1 / 3, 0, 0));
			assert.deepEqual((await json(['skill', 'review', '--since', '2026-03-05', '--until', '2026-03-20'], env)).exposure, figures(2, 1, 1, 1, 0, 0), 'C and E listed in the range');
			assert.deepEqual((await json(['skill', 'review', '--until', '2026-03-04'], env)).exposure, figures(2, 2, 0, 0, 1, 2), 'A and B');
			const weekly = await json(['skill', 'review', '--window', 'weekly'], env);
			assert.deepEqual(weekly.exposure, figures(4, 3, 1, 1 / 3, 1, 2));
			assert.ok(weekly.trend.length > 0);

			const text = await runInProcess(['skill', 'review'], env);
			assert.equal(text.code, 0, text.stderr);
			assert.match(text.stdout, /\n {2}exposure {8}listed in 3 sessions, picked by the model in 1 \(33\.3%\), typed by you in 1; its description was cut in 2\n {18}rates over 4 sessions that recorded a listing\n/);
			assert.match((await runInProcess(['skill', 'pdf'], env)).stdout, /listed in 4 sessions, picked by the model in 1 \(25\.0%\); its description was never cut/);
		});
	});

	test('a skill listed but never invoked says how often it was offered; one never listed says nothing of it', async () => {
		await withWorld(async env => {
			const lint = await json(['skill', 'lint'], env);
			assert.deepEqual([lint.found, lint.exposure], [false, figures(4, 1, 0, 0, 0, 1)]);
			const text = await runInProcess(['skill', 'lint'], env);
			assert.match(text.stdout, /No invocations of "lint" in all active projects\.\n {2}exposure {8}listed in 1 session, picked by the model in 0 \(0\.0%\); its description was cut in 1\n {18}rates over 4 sessions that recorded a listing\n$/);
			assert.deepEqual((await json(['skill', 'unlisted'], env)).exposure, figures(4, 0, 0, null, 0, 0));
			assert.doesNotMatch((await runInProcess(['skill', 'unlisted'], env)).stdout, /exposure/);
		});
	});

	test('sessions of a Claude Code that recorded no listing: no rate, and the reports say no listing was recorded', async () => {
		await withTempDir(async directory => {
			const env = isolatedEnv(directory, {SKILLSCOPE_NOW: NOW});
			const project = `${directory}/old`;
			const session = new Session({sessionId: 'ffffffff-0000-4000-8000-000000000001', cwd: project, start: '2026-03-02T10:00:00.000Z'});
			session.prompt('convert', {at: 0});
			session.skillLoaded(session.skill('pdf', {at: 1}), 'pdf', {at: 2});
			session.system('turn_duration', {at: 5});
			await writeSession(env.CLAUDE_CONFIG_DIR!, session);
			await writeTree(project, {'README.md': 'old'});
			await json(['register', project], env);
			await json(['collect'], env);
			assert.deepEqual((await json(['skill', 'pdf'], env)).exposure, figures(0, 0, 0, null, 0, 0));
			const text = await runInProcess(['skill', 'pdf'], env);
			assert.match(text.stdout, /\n {2}exposure {8}no listing recorded \(Claude Code before 2\.1\.100 does not record what it offers the model\)\n {2}duration/);
			assert.doesNotMatch(text.stdout, /rates over/);
		});
	});
});

describe('exposure in skills', () => {
	test('each installed skill carries the exposure columns (a project skill from its project\'s sessions), never-picked for one listed and only typed; the budget as recorded', async () => {
		await withWorld(async env => {
			const report = await json(['skills'], env);
			const columns = (skill: Json) => [skill.skill_name, skill.scope, skill.invocations, skill.state, skill.sessions_listed, skill.sessions_model_invoked, skill.trigger_rate, skill.sessions_user_typed, skill.sessions_description_cut];
			assert.deepEqual(report.skills.map(columns), [
				['commit', 'user', 1, 'never-picked', 3, 0, 0, 1, 0],
				['lint', 'user', 0, 'never-used', 1, 0, 0, 0, 1],
				['pdf', 'user', 2, 'active', 4, 1, 0.25, 0, 0],
				['review', 'user', 2, 'active', 3, 1, 1 / 3, 1, 2],
				['unlisted', 'user', 0, 'never-used', 0, 0, null, 0, 0],
				['deploy', 'project', 0, 'never-used', 1, 0, 0, 0, 0],
			]);
			assert.deepEqual(report.listings, {sessions_with_listings: 4, recent_sessions: 4, recent_sessions_cut: 3, descriptions_cut: 2}, 'review cut in A and B, lint in E');
			assert.deepEqual((await json(['skills', '--state', 'never-picked'], env)).skills.map((skill: Json) => skill.skill_name), ['commit']);
			const app = await json(['skills', '--project', 'app'], env);
			assert.deepEqual(app.skills.map(columns).find((row: unknown[]) => row[0] === 'pdf'), ['pdf', 'user', 2, 'active', 3, 1, 1 / 3, 0, 0]);
			assert.deepEqual(app.listings, {sessions_with_listings: 3, recent_sessions: 3, recent_sessions_cut: 2, descriptions_cut: 1});

			const text = await runInProcess(['skills'], env);
			assert.equal(text.code, 0, text.stderr);
			assert.match(text.stdout, /│ commit +│ skill +│ user +│ 1 +│ [^│]+│ 3 +│ 0 \(0\.0%\) +│ 1 +│ 0 +│ never-picked /);
			assert.match(text.stdout, /│ unlisted +│ skill +│ user +│ 0 +│ [^│]+│ 0 +│ · +│ 0 +│ 0 +│ never-used /);
			assert.match(text.stdout, /\nRecorded listings: 2 descriptions cut, in 3 of the last 4 sessions' listings; listed, picked, typed and cut count sessions, of the 4 that recorded a listing\n/);
		});
	});
});

describe('exposure in recommend', () => {
	test('twenty sessions listing pdf, never picked, and review cut in eleven: the model rarely picks pdf; review is cut in most (lint, never used, named)', async () => {
		await withTempDir(async directory => {
			const env = isolatedEnv(directory, {SKILLSCOPE_NOW: NOW});
			const project = `${directory}/busy`;
			await writeTree(project, {'README.md': 'busy'});
			await writeTree(env.CLAUDE_CONFIG_DIR!, {'skills/lint/SKILL.md': '---\nname: lint\ndescription: Lint the code with the house rules\n---\nbody\n'});
			for (let index = 0; index < 20; index++) {
				const session = new Session({sessionId: `abababab-0000-4000-8000-0000000000${String(index).padStart(2, '0')}`, cwd: project, start: `2026-03-${String(index + 1).padStart(2, '0')}T10:00:00.000Z`});
				listing(session, {pdf: 'Convert PDF files', review: index < 11 ? 'Review a diff…' : 'Review a diff in depth'}, {at: 0});
				session.prompt('review it', {at: 1});
				session.skillLoaded(session.skill('review', {at: 2}), 'review', {at: 3});
				session.system('turn_duration', {at: 5});
				await writeSession(env.CLAUDE_CONFIG_DIR!, session);
			}

			await json(['register', project], env);
			await json(['collect'], env);
			const report = await json(['recommend'], env);
			assert.equal(report.sessions_with_listings, 20);
			assert.deepEqual([report.thresholds.rarely_picked_min_listed, report.thresholds.rarely_picked_rate, report.thresholds.mostly_cut_share], [20, 0.05, 0.5]);
			const exposed = report.recommendations.filter((item: Json) => item.issue === 'low_trigger_rate' || item.issue === 'description_cut');
			assert.deepEqual(exposed.map((item: Json) => [item.skill, item.issue, item.priority]), [['review', 'description_cut', 'medium'], ['pdf', 'low_trigger_rate', 'medium']]);
			assert.deepEqual(exposed[1].evidence, {sessions_listed: 20, sessions_model_invoked: 0, trigger_rate: 0, sessions_with_listings: 20, min_listed: 20, threshold: 0.05});
			assert.match(exposed[0].action, /in 11 of the 20 sessions that recorded one: .* skills you never use \(lint, 34 characters\), or hide them/);
			const text = await runInProcess(['recommend'], env);
			assert.match(text.stdout, /\[medium\] pdf: low trigger rate\n {9}"pdf" was listed to the model in 20 sessions and picked by it in 0 \(0\.0%\): the model rarely picks it: sharpen its description/);
		});
	});
});

describe('exposure through MCP', () => {
	test('analyze_skill_effectiveness, get_skill_trend and get_skill_inventory carry the same exposure as the command line', async () => {
		await withWorld(async env => {
			const served = await serve(env);
			try {
				const review = await toolData<Json>(served.client, 'analyze_skill_effectiveness', {skill_name: 'review'});
				assert.deepEqual(review.exposure, figures(4, 3, 1, 1 / 3, 1, 2));
				assert.deepEqual(review, await json(['skill', 'review'], env));
				assert.deepEqual((await toolData<Json>(served.client, 'analyze_skill_effectiveness', {skill_name: 'pdf', project_id: 'other'})).exposure, figures(1, 1, 0, 0, 0, 0));
				const trend = await toolData<Json>(served.client, 'get_skill_trend', {skill_name: 'review', since: '2026-03-05', until: '2026-03-20'});
				assert.deepEqual(trend.exposure, figures(2, 1, 1, 1, 0, 0));
				const inventory = await toolData<Json>(served.client, 'get_skill_inventory', {});
				assert.deepEqual(inventory, await json(['skills'], env));
				assert.deepEqual(inventory.skills.find((skill: Json) => skill.skill_name === 'commit').state, 'never-picked');
				assert.deepEqual(inventory.listings.recent_sessions_cut, 3);
				const tools = await served.client.listTools();
				const described = (name: string) => tools.tools.find(tool => tool.name === name)!.description!;
				assert.match(described('analyze_skill_effectiveness'), /`exposure`.*sessions_with_listings says how many sessions the rates rest on/);
				assert.match(described('get_skill_inventory'), /never-picked: listed to the model and never picked by it/);
				assert.match(described('get_workflow_recommendations'), /low_trigger_rate.*description_cut/);
			} finally {
				await served.client.close();
			}
		});
	});
});
