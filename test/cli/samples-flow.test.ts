import assert from 'node:assert/strict';
import path from 'node:path';
import {after, before, describe, test} from 'node:test';
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import {stripVTControlCharacters} from 'node:util';
import {isolatedEnv} from '../helpers/environment.js';
import {runCli, runInProcess} from '../helpers/run-cli.js';
import {makeSampleProjects, type SampleName} from '../helpers/sample-projects.js';

/**
 * A new user's path over the real samples: register each, collect, then every report.
 * Expected numbers are worked out by hand from the samples and formats.md. The command line runs
 * in this process, except for one text report drawn by the built CLI.
 */
let root: string;
let env: NodeJS.ProcessEnv;
let projects: Record<SampleName, string>;

async function json<T>(args: string[]): Promise<T> {
	const result = await runInProcess([...args, '--json'], env);
	assert.equal(result.code, 0, result.stderr);
	return JSON.parse(result.stdout) as T;
}

before(async () => {
	root = await mkdtemp(path.join(os.tmpdir(), 'skillscope-flow-'));
	env = isolatedEnv(root, {SKILLSCOPE_NOW: '2026-11-24T12:00:00Z'});
	projects = await makeSampleProjects(path.join(root, 'projects'));
	for (const [name, directory] of Object.entries(projects)) {
		const result = await runInProcess(['register', directory, '--name', name, '--type', 'sample'], env);
		assert.equal(result.code, 0, result.stderr);
	}
});

after(async () => {
	await rm(root, {recursive: true, force: true});
});

type Collect = {projects: Array<{project_name: string; collected: number; updated: number; unchanged: number; errors: number; skipped_sources: number}>; totals: Record<string, number>};
type Top = {window: string; bucket_start: string | null; skills: Array<Record<string, unknown> & {skill_name: string}>};

describe('the samples, collected', () => {
	test('collect stores every record of every format once; stdout is JSON only', async () => {
		const report = await json<Collect>(['collect']);
		const collected = Object.fromEntries(report.projects.map(project => [project.project_name, project.collected]));
		assert.deepEqual(collected, {crackerjack: 3, design: 3, export: 3, sqlite: 6, tracker: 1});
		assert.equal(report.totals.collected, 16);
		assert.equal(report.totals.errors, 0);
	});

	test('a second collect changes nothing; unchanged files are not even read again, unless --force', async () => {
		const report = await json<Collect>(['collect']);
		assert.equal(report.totals.collected, 0);
		assert.equal(report.totals.updated, 0);
		assert.equal(report.totals.unchanged, 16);
		// JSON files are skipped by size and mtime; a SQLite store is always read (its WAL may change).
		assert.equal(report.projects.reduce((sum, project) => sum + project.skipped_sources, 0), 4);
		const forced = await json<Collect>(['collect', '--force']);
		assert.equal(forced.totals.unchanged, 16);
		assert.equal(forced.totals.collected, 0);
		assert.ok(forced.projects.every(project => project.skipped_sources === 0));
	});

	test('top: all time, every project, ordered by finished uses then name', async () => {
		const top = await json<Top>(['top', '--limit', '20']);
		assert.equal(top.window, 'all');
		assert.equal(top.bucket_start, null);
		assert.deepEqual(top.skills.map(skill => [skill.skill_name, skill.total_invocations, skill.pending_invocations]), [
			['crackerjack-run', 6, 0],
			['code-review', 4, 0],
			['session-checkpoint', 1, 1],
			['session-start', 1, 0],
			['test-generation', 1, 0],
			['write-tests', 1, 0],
			['session-end', 0, 1],
		]);
		const run = top.skills[0]!;
		assert.equal(run.rank, 1);
		assert.equal(run.successful_completions, 4);
		assert.equal(run.failed_invocations, 2);
		assert.equal(run.success_rate, 4 / 6);
		// Mean over succeeded records with a duration: 0.035 + 0.016 + 181200 + 240000 ms.
		assert.ok(Math.abs((run.avg_duration_ms as number) - 421_200.051 / 4) < 1e-6);
		assert.equal(run.avg_followup_actions, 1);
		assert.equal(run.last_used, '2026-11-24T01:12:35.661650Z');
		assert.equal(top.skills.at(-1)!.success_rate, null, 'only pending: no rate');
	});

	test('top --project, --min-success and --sort', async () => {
		const scoped = await json<Top>(['top', '--project', 'sqlite']);
		assert.deepEqual(scoped.skills.map(skill => skill.skill_name), ['crackerjack-run', 'session-checkpoint', 'session-start', 'session-end']);
		const good = await json<Top>(['top', '--min-success', '0.7']);
		assert.ok(good.skills.every(skill => (skill.success_rate as number) >= 0.7));
		assert.ok(!good.skills.some(skill => skill.skill_name === 'code-review'));
		const byName = await json<Top>(['top', '--sort', 'skill_name', '--limit', '3']);
		assert.deepEqual(byName.skills.map(skill => skill.skill_name), ['code-review', 'crackerjack-run', 'session-checkpoint']);
		const slowest = await json<Top>(['top', '--sort', 'avg_duration_ms:desc', '--limit', '1']);
		assert.equal(slowest.skills[0]!.skill_name, 'test-generation');
	});

	test('top by window and by range', async () => {
		const week = await json<Top>(['top', '--window', 'weekly', '--at', '2026-03-04']);
		assert.equal(week.bucket_start, '2026-03-02');
		assert.deepEqual(week.skills.map(skill => [skill.skill_name, skill.total_invocations]), [['code-review', 2], ['test-generation', 1]]);
		const thisMonth = await json<Top>(['top', '--window', 'monthly']);
		assert.equal(thisMonth.bucket_start, '2026-11-01', 'SKILLSCOPE_NOW is in November');
		assert.deepEqual(thisMonth.skills.map(skill => skill.skill_name), ['crackerjack-run', 'session-checkpoint']);
		const range = await json<Top>(['top', '--since', '2026-09-01', '--until', '2026-10-01']);
		assert.deepEqual(range.skills.map(skill => [skill.skill_name, skill.total_invocations]), [
			['code-review', 2],
			['crackerjack-run', 2],
			['session-checkpoint', 1],
			['session-start', 1],
			['write-tests', 1],
			['session-end', 0],
		]);
	});

	test('skill: the effectiveness numbers of formats.md', async () => {
		const skill = await json<Record<string, unknown>>(['skill', 'code-review']);
		assert.equal(skill.found, true);
		assert.equal(skill.total_invocations, 4);
		assert.equal(skill.successful_completions, 2);
		assert.equal(skill.failed_invocations, 2);
		assert.equal(skill.success_rate, 0.5);
		assert.equal(skill.avg_duration_ms, (42_700 + 90_000) / 2);
		assert.equal(skill.p50_duration_ms, (42_700 + 90_000) / 2);
		assert.equal(skill.p90_duration_ms, 42_700 + 0.9 * (90_000 - 42_700));
		assert.equal(skill.avg_followup_actions, 2);
		assert.equal(skill.first_used, '2026-03-02T10:00:00.000000Z');
		assert.deepEqual(skill.insights, [{level: 'info', message: 'too few invocations to judge (4 finished, 5 needed)'}]);
		assert.deepEqual((skill.by_project as Array<{project_name: string}>).map(row => row.project_name).sort(), ['design', 'export']);
		assert.deepEqual(skill.errors, [{error_type: 'ContextLimitExceeded', count: 1}]);
		assert.deepEqual(skill.follow_up_actions, [
			{action: 'run tests', count: 2},
			{action: 'git stash', count: 1},
			{action: 'open issue', count: 1},
		]);
		assert.deepEqual(skill.workflow_paths, [{workflow_path: 'comprehensive', count: 1}, {workflow_path: 'quick', count: 1}]);
	});

	test('an unknown skill is found: false with a suggestion, exit 0', async () => {
		const skill = await json<{found: boolean; did_you_mean: string[]}>(['skill', 'code-reveiw']);
		assert.equal(skill.found, false);
		assert.deepEqual(skill.did_you_mean, ['code-review']);
		const text = await runInProcess(['skill', 'code-reveiw'], env);
		assert.match(text.stdout, /Did you mean: code-review\?/);
	});

	test('compare: one row per project that used the skill', async () => {
		const report = await json<{projects: Array<Record<string, unknown>>}>(['compare', 'crackerjack-run']);
		assert.deepEqual(report.projects.map(row => [row.project_name, row.total_invocations, row.successful_completions, row.project_type]), [
			['sqlite', 3, 2, 'sample'],
			['crackerjack', 2, 1, 'sample'],
			['tracker', 1, 1, 'sample'],
		]);
	});

	test('summary and health', async () => {
		const summary = await json<Record<string, unknown>>(['summary']);
		assert.equal(summary.projects, 5);
		assert.equal(summary.unique_skills, 7);
		assert.equal(summary.total_invocations, 14);
		assert.equal(summary.pending_invocations, 2);
		assert.equal(summary.successful_completions, 10);
		assert.equal(summary.success_rate, 10 / 14);
		const health = await json<{ok: boolean; row_counts: Record<string, number>; aggregates_fresh: boolean; projects: unknown[]}>(['health']);
		assert.equal(health.ok, true);
		assert.equal(health.row_counts.skill_usage, 16);
		assert.equal(health.aggregates_fresh, true);
		assert.equal(health.projects.length, 5);
	});

	test('text output is a plain table on a pipe: no ANSI codes', async () => {
		const result = await runCli(['top'], env);
		assert.equal(result.code, 0);
		assert.match(result.stdout, /crackerjack-run/);
		assert.match(result.stdout, /66\.7%/);
		assert.equal(stripVTControlCharacters(result.stdout), result.stdout, 'no ANSI when stdout is not a terminal');
	});

	test('unregister leaves rows but drops the project from cross-project figures; --purge deletes them', async () => {
		const deactivated = await runInProcess(['unregister', projects.sqlite], env);
		assert.equal(deactivated.code, 0, deactivated.stderr);
		const top = await json<Top>(['top']);
		assert.equal(top.skills.find(skill => skill.skill_name === 'crackerjack-run')!.total_invocations, 3);
		assert.equal(top.skills.find(skill => skill.skill_name === 'session-start'), undefined);
		const listed = await json<{projects: Array<{project_name: string; is_active: boolean; invocations: number}>}>(['projects']);
		assert.deepEqual(listed.projects.find(project => project.project_name === 'sqlite'), {...listed.projects.find(project => project.project_name === 'sqlite'), is_active: false, invocations: 6});
		const purged = await json<{deleted_rows: number}>(['unregister', 'sqlite', '--purge']);
		assert.equal(purged.deleted_rows, 6);
		const health = await json<{row_counts: Record<string, number>}>(['health']);
		assert.equal(health.row_counts.skill_usage, 10);
		assert.equal(health.row_counts.projects, 4);
	});
});
