import assert from 'node:assert/strict';
import path from 'node:path';
import {test} from 'node:test';
import {isolatedEnv} from '../helpers/environment.js';
import {runInProcess} from '../helpers/run-cli.js';
import {serve, toolData} from '../mcp/client.js';
import {makeProject, makeTempDir} from '../helpers/temp.js';
import {sessionInvocation, tracker} from '../helpers/tracker.js';

/*
 * --machine on every report: a database that pulled two machines answers for one of them
 * exactly what that machine answers about itself, and without --machine the sum of both.
 */

const SKILLS = ['code-review', 'write-tests', 'deploy', 'debug'];

function records(seed: number, count: number): string {
	return tracker(Array.from({length: count}, (_, n) => sessionInvocation({
		skill_name: SKILLS[(n * (seed + 1)) % SKILLS.length],
		invoked_at: `2026-11-${String(1 + (n % 20)).padStart(2, '0')}T${String(8 + (n % 9)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}:0${seed}`,
		session_id: `s-${seed}-${Math.floor(n / 4)}`,
		completed: (n + seed) % 4 !== 0,
		duration_seconds: 2 + n,
	})));
}

type Json = Record<string, unknown>;

async function json(args: string[], env: Record<string, string>): Promise<Json> {
	const result = await runInProcess([...args, '--json'], {...env, SKILLSCOPE_NOW: '2026-11-24T12:00:00Z'});
	assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
	return JSON.parse(result.stdout) as Json;
}

/**
 * The outcome fields (outcomes.md) are not pushed to the lake yet: that comes with the lake's own
 * change, after which pulled rows carry them and this list empties. Until then a pulled row's
 * outcome is not known, so these fields differ from the machine's own.
 */
const NOT_IN_THE_LAKE_YET = ['clean_finishes', 'interrupted', 'rejected', 'errored', 'load_failed', 'retried', 'clean_rate'];

/** A report without what names projects here (pulled projects have ids of their own) or the machine. */
function figures(report: Json): unknown {
	const left = ['project_id', 'machine', 'machine_id', 'machine_name', 'first_project', ...NOT_IN_THE_LAKE_YET];
	return JSON.parse(JSON.stringify(report, (key, value: unknown) => (left.includes(key) ? undefined : value)));
}

test('every report with --machine gives that machine\'s own figures; without it, both', async () => {
	const root = await makeTempDir();
	const dir = path.join(root, 'lake');
	const envs = {laptop: isolatedEnv(path.join(root, 'laptop')), desktop: isolatedEnv(path.join(root, 'desktop')), reader: isolatedEnv(path.join(root, 'reader'))};
	for (const [seed, name] of (['laptop', 'desktop'] as const).entries()) {
		const env = envs[name];
		for (const project of [0, 1]) {
			const dirOf = await makeProject({'.session-buddy/skill_metrics.json': records(seed * 2 + project, 40 + seed * 10)});
			await runInProcess(['register', dirOf, '--name', `${name}-${project}`], env);
		}

		await runInProcess(['collect'], env);
		await runInProcess(['machines', '--name', name], env);
		await runInProcess(['lake', 'push', dir], env);
	}

	await runInProcess(['lake', 'pull', dir], envs.reader);
	const reports: string[][] = [
		['top'], ['top', '--window', 'monthly'], ['top', '--trigger', 'unknown'], ['top', '--since', '2026-11-05', '--until', '2026-11-10'],
		['summary'], ['skill', 'code-review'], ['skill', 'deploy', '--window', 'weekly'], ['cousage', '--min-sessions', '1'], ['next', 'code-review'],
		['workflows', '--min-sessions', '1'], ['adoption'], ['adoption', '--window', 'weekly'], ['recommend'], ['compare', 'write-tests'],
	];
	for (const args of reports) {
		for (const name of ['laptop', 'desktop'] as const) {
			const own = await json(args, envs[name]);
			const scoped = await json([...args, '--machine', name], envs.reader);
			assert.deepEqual(figures(scoped), figures(own), `${args.join(' ')} --machine ${name}`);
			assert.equal((scoped.machine as {name: string}).name, name, args.join(' '));
		}
	}

	const sum = (report: Json) => Number(report.total_invocations) + Number(report.pending_invocations);
	const both = await json(['summary'], envs.reader);
	assert.equal(sum(both), sum(await json(['summary'], envs.laptop)) + sum(await json(['summary'], envs.desktop)));
	assert.equal(both.projects, 4);
	assert.equal(both.machine, undefined);

	// A project name is looked for among the machine's own projects.
	const project = await json(['summary', '--project', 'laptop-1', '--machine', 'laptop'], envs.reader);
	assert.deepEqual(figures(project), figures(await json(['summary', '--project', 'laptop-1'], envs.laptop)));
	const wrong = await runInProcess(['summary', '--project', 'laptop-1', '--machine', 'desktop'], envs.reader);
	assert.equal(wrong.code, 2);
	assert.match(wrong.stderr, /no registered project "laptop-1"/);
	const unknown = await runInProcess(['top', '--machine', 'server'], envs.reader);
	assert.equal(unknown.code, 2);
	assert.match(unknown.stderr, /no machine "server" \(known: .*desktop.*laptop/);

	// The MCP tools take the machine too, and answer as the CLI does.
	const served = await serve({...envs.reader, SKILLSCOPE_NOW: '2026-11-24T12:00:00Z'});
	try {
		const calls: Array<[string, Json, string[]]> = [
			['get_top_skills', {limit: 20}, ['top', '--limit', '20']],
			['analyze_skill_effectiveness', {skill_name: 'code-review'}, ['skill', 'code-review']],
			['compare_skill_across_projects', {skill_name: 'write-tests'}, ['compare', 'write-tests']],
			['get_skill_summary', {}, ['summary']],
			['find_skills_used_together', {min_sessions: 1}, ['cousage', '--min-sessions', '1']],
			['predict_next_skill', {skill_name: 'code-review'}, ['next', 'code-review']],
			['get_workflow_patterns', {min_sessions: 1}, ['workflows', '--min-sessions', '1']],
			['get_skill_adoption', {}, ['adoption']],
			['get_workflow_recommendations', {}, ['recommend']],
		];
		for (const [tool, args, cliArgs] of calls) {
			const answer = await toolData(served.client, tool, {...args, machine: 'desktop'});
			assert.deepEqual(answer, await json([...cliArgs, '--machine', 'desktop'], envs.reader), `${tool} with machine`);
		}
	} finally {
		await served.client.close();
	}

	// export --machine: that machine's invocations only.
	const exported = await json(['export', '--format', 'csv', '--output', path.join(root, 'laptop.csv'), '--machine', 'laptop'], envs.reader);
	assert.equal(exported.rows, 80);
});
