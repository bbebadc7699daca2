import {before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {freshRollups} from '../../source/data/rollups/fresh.js';
import type {Database} from '../../source/data/store/database.js';
import {compareSkill} from '../../source/data/queries/compare.js';
import {health} from '../../source/data/queries/health.js';
import {skillEffectiveness, type SkillReport} from '../../source/data/queries/skill.js';
import {summary} from '../../source/data/queries/summary.js';
import {topSkills, type TopOptions} from '../../source/data/queries/top.js';
import {unregisterProject, type Project} from '../../source/data/registry/registry.js';
import {SCHEMA_VERSION} from '../../source/data/store/schema.js';
import {addProject, collectUtc, openDatabase} from '../helpers/database.js';
import {SOURCE_PATHS} from '../helpers/samples.js';
import {invocation, tracker, type Invocation} from '../helpers/tracker.js';

const JSON_SOURCE = SOURCE_PATHS.sessionBuddyJson;

/** `n` invocations of `skill` on `day`, one minute apart from `hour`:00 (UTC), each with `fields`. */
function runs(skill: string, day: string, n: number, fields: Invocation = {}, hour = 10): Invocation[] {
	return Array.from({length: n}, (_, minute) =>
		invocation({skill_name: skill, invoked_at: `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00`, ...fields}),
	);
}

const ok = (seconds: number | null) => ({completed: true, duration_seconds: seconds});
const failed = (seconds: number | null, error: string | null = 'Timeout') => ({completed: false, duration_seconds: seconds, error_type: error});
const pending = {completed: false, duration_seconds: null, error_type: null};

/*
 * Leaderboard fixture, all times UTC. Friday 2026-05-01 starts the data; the week of Monday
 * 2026-04-27 holds 1–3 May, the week of 2026-05-04 holds 4–5 May.
 *
 *   project main (active)
 *     alpha    05-01 ok 1 s · 05-02 ok 2 s · 05-04 ok 3 s
 *     beta     05-01 ok 10 s · 05-02 failed 20 s (2 follow-ups) · 05-03 failed, no duration
 *     gamma    05-01 ok 1 s, ok 1 s · 05-02 ok 4 s · 05-03 ok 4 s, failed
 *     delta    05-05 ok, no duration
 *     epsilon  05-02 pending
 *   project side (active): alpha 05-03 ok 5 s, ok 5 s; and a truncated crackerjack file
 *   project old (inactive): alpha ×10 and zeta ×10, which no cross-project figure may count
 *
 * Across active projects (window all):
 *   alpha 5 (5 ok, avg 3.2 s) · gamma 5 (4 ok, avg 2.5 s) · beta 3 (1 ok, avg 10 s) ·
 *   delta 1 (1 ok, no duration) · epsilon 0 (1 pending)
 */
const MAIN = [
	...runs('alpha', '2026-05-01', 1, ok(1)),
	...runs('alpha', '2026-05-02', 1, ok(2)),
	...runs('alpha', '2026-05-04', 1, ok(3)),
	...runs('beta', '2026-05-01', 1, ok(10)),
	...runs('beta', '2026-05-02', 1, {...failed(20), follow_up_actions: ['retry', 'open issue']}),
	...runs('beta', '2026-05-03', 1, failed(null)),
	...runs('gamma', '2026-05-01', 2, ok(1)),
	...runs('gamma', '2026-05-02', 1, ok(4)),
	...runs('gamma', '2026-05-03', 1, ok(4)),
	...runs('gamma', '2026-05-03', 1, failed(null), 11),
	...runs('delta', '2026-05-05', 1, ok(null)),
	...runs('epsilon', '2026-05-02', 1, pending),
];
const SIDE = runs('alpha', '2026-05-03', 2, ok(5));
const OLD = [...runs('alpha', '2026-05-01', 10, ok(1), 12), ...runs('zeta', '2026-05-01', 10, ok(1))];

describe('leaderboard, comparison, summary and health', () => {
	let database: Database;
	let main: Project;
	let side: Project;
	let old: Project;
	before(async () => {
		database = await openDatabase();
		main = await addProject(database, {[JSON_SOURCE]: tracker(MAIN)}, {name: 'main', type: 'node'});
		side = await addProject(database, {[JSON_SOURCE]: tracker(SIDE), [SOURCE_PATHS.crackerjackJson]: '{"invocations": [{"skill_na'}, {name: 'side'});
		old = await addProject(database, {[JSON_SOURCE]: tracker(OLD)}, {name: 'old'});
		await collectUtc(database);
		await unregisterProject(database, old.project_id);
		await freshRollups(database, {zone: 'UTC'});
	});

	const all = {kind: 'bucket', window: 'all', bucketStart: '1970-01-01'} as const;
	async function names(options: Partial<TopOptions>): Promise<string[]> {
		const report = await topSkills(database, {scope: {}, period: all, ...options});
		return report.skills.map(skill => skill.skill_name);
	}

	describe('topSkills', () => {
		test('all active projects, by total descending then name; inactive projects are not counted', async () => {
			const report = await topSkills(database, {scope: {}, period: all});
			assert.deepEqual(
				report.skills.map(s => [s.rank, s.skill_name, s.total_invocations, s.successful_completions, s.failed_invocations, s.pending_invocations]),
				[
					[1, 'alpha', 5, 5, 0, 0],
					[2, 'gamma', 5, 4, 1, 0],
					[3, 'beta', 3, 1, 2, 0],
					[4, 'delta', 1, 1, 0, 0],
					[5, 'epsilon', 0, 0, 0, 1],
				],
			);
			const byName = Object.fromEntries(report.skills.map(s => [s.skill_name, s]));
			assert.equal(byName.alpha!.success_rate, 1);
			assert.equal(byName.gamma!.success_rate, 0.8);
			assert.equal(byName.beta!.success_rate, 1 / 3);
			assert.equal(byName.epsilon!.success_rate, null);
			assert.equal(byName.alpha!.avg_duration_ms, 3200);
			assert.equal(byName.gamma!.avg_duration_ms, 2500);
			// Only the succeeded run's 10 s: the failed 20 s is not a duration of the skill working.
			assert.equal(byName.beta!.avg_duration_ms, 10_000);
			assert.equal(byName.delta!.avg_duration_ms, null);
			assert.equal(byName.beta!.avg_followup_actions, 2 / 3);
			assert.equal(byName.alpha!.last_used, '2026-05-04T10:00:00.000000Z');
			assert.deepEqual([report.window, report.bucket_start, report.bucket_end, report.since, report.until, report.project], ['all', null, null, null, null, null]);
		});

		test('limit', async () => {
			assert.deepEqual(await names({limit: 2}), ['alpha', 'gamma']);
			assert.deepEqual(await names({limit: 1}), ['alpha']);
		});

		test('minSuccess keeps rates at or above it; a skill without a rate is not kept', async () => {
			assert.deepEqual(await names({minSuccess: 0.8}), ['alpha', 'gamma', 'delta']);
			assert.deepEqual(await names({minSuccess: 0.81}), ['alpha', 'delta']);
			assert.deepEqual(await names({minSuccess: 0}), ['alpha', 'gamma', 'beta', 'delta']);
		});

		test('sort fields and direction; ties by total then name; NULLs last either way', async () => {
			assert.deepEqual(await names({sort: 'success_rate'}), ['alpha', 'delta', 'gamma', 'beta', 'epsilon']);
			assert.deepEqual(await names({sort: 'success_rate', descending: false}), ['beta', 'gamma', 'alpha', 'delta', 'epsilon']);
			assert.deepEqual(await names({sort: 'skill_name'}), ['alpha', 'beta', 'delta', 'epsilon', 'gamma']);
			assert.deepEqual(await names({sort: 'skill_name', descending: true}), ['gamma', 'epsilon', 'delta', 'beta', 'alpha']);
			assert.deepEqual(await names({sort: 'avg_duration_ms'}), ['beta', 'alpha', 'gamma', 'delta', 'epsilon']);
			assert.deepEqual(await names({sort: 'pending_invocations'}), ['epsilon', 'alpha', 'gamma', 'beta', 'delta']);
			assert.deepEqual(await names({sort: 'failed_invocations'}), ['beta', 'gamma', 'alpha', 'delta', 'epsilon']);
			assert.deepEqual(await names({sort: 'total_invocations', descending: false}), ['epsilon', 'delta', 'beta', 'alpha', 'gamma']);
			// Last uses: delta 05-05, alpha 05-04, gamma 05-03 11:00, beta 05-03 10:00, epsilon never finished.
			assert.deepEqual(await names({sort: 'last_used'}), ['delta', 'alpha', 'gamma', 'beta', 'epsilon']);
		});

		test('an unknown sort field is refused', async () => {
			await assert.rejects(topSkills(database, {scope: {}, period: all, sort: 'name; DROP TABLE projects' as never}), /unknown sort field/);
		});

		test('one bucket of a window', async () => {
			const week = await topSkills(database, {scope: {}, period: {kind: 'bucket', window: 'weekly', bucketStart: '2026-05-04'}});
			assert.deepEqual(week.skills.map(s => [s.skill_name, s.total_invocations]), [['alpha', 1], ['delta', 1]]);
			assert.deepEqual([week.window, week.bucket_start, week.bucket_end], ['weekly', '2026-05-04', '2026-05-10']);
			const firstWeek = await topSkills(database, {scope: {}, period: {kind: 'bucket', window: 'weekly', bucketStart: '2026-04-27'}});
			// 1–3 May: gamma 5, alpha 4 (main 2 + side 2), beta 3, epsilon 0 (pending).
			assert.deepEqual(firstWeek.skills.map(s => [s.skill_name, s.total_invocations]), [['gamma', 5], ['alpha', 4], ['beta', 3], ['epsilon', 0]]);
			const day = await topSkills(database, {scope: {}, period: {kind: 'bucket', window: 'daily', bucketStart: '2026-05-02'}});
			assert.deepEqual(day.skills.map(s => [s.skill_name, s.total_invocations, s.pending_invocations]), [['alpha', 1, 0], ['beta', 1, 0], ['gamma', 1, 0], ['epsilon', 0, 1]]);
			const empty = await topSkills(database, {scope: {}, period: {kind: 'bucket', window: 'monthly', bucketStart: '2026-06-01'}});
			assert.deepEqual(empty.skills, []);
		});

		test('a --since/--until range sums the daily buckets, both ends included', async () => {
			const report = await topSkills(database, {scope: {}, period: {kind: 'range', since: '2026-05-02', until: '2026-05-03'}});
			assert.deepEqual(
				report.skills.map(s => [s.skill_name, s.total_invocations, s.successful_completions, s.pending_invocations, s.success_rate, s.avg_duration_ms]),
				[
					['alpha', 3, 3, 0, 1, 4000],
					['gamma', 3, 2, 0, 2 / 3, 4000],
					['beta', 2, 0, 0, 0, null],
					['epsilon', 0, 0, 1, null, null],
				],
			);
			assert.deepEqual([report.window, report.since, report.until, report.bucket_start], ['range', '2026-05-02', '2026-05-03', null]);
		});

		test('one project', async () => {
			const report = await topSkills(database, {scope: {project: main}, period: all});
			assert.deepEqual(report.skills.map(s => [s.skill_name, s.total_invocations]), [['gamma', 5], ['alpha', 3], ['beta', 3], ['delta', 1], ['epsilon', 0]]);
			assert.deepEqual(report.project, {project_id: main.project_id, project_name: 'main'});
			const sideOnly = await topSkills(database, {scope: {project: side}, period: all});
			assert.deepEqual(sideOnly.skills.map(s => [s.skill_name, s.total_invocations, s.avg_duration_ms]), [['alpha', 2, 5000]]);
		});
	});

	describe('compareSkill', () => {
		test('one row per active project that used the skill, busiest first', async () => {
			const report = await compareSkill(database, 'alpha');
			assert.equal(report.found, true);
			assert.deepEqual(
				report.projects.map(p => [p.project_id, p.project_name, p.project_type, p.total_invocations, p.successful_completions, p.success_rate, p.avg_duration_ms, p.last_used]),
				[
					[main.project_id, 'main', 'node', 3, 3, 1, 2000, '2026-05-04T10:00:00.000000Z'],
					[side.project_id, 'side', 'unknown', 2, 2, 1, 5000, '2026-05-03T10:01:00.000000Z'],
				],
			);
		});

		test('a skill only an inactive project used, or nobody, is not found', async () => {
			assert.deepEqual(await compareSkill(database, 'zeta'), {skill_name: 'zeta', found: false, projects: []});
			assert.deepEqual(await compareSkill(database, 'nope'), {skill_name: 'nope', found: false, projects: []});
		});
	});

	describe('summary', () => {
		test('across active projects', async () => {
			const report = await summary(database, {});
			assert.equal(report.project, null);
			assert.equal(report.projects, 2);
			assert.equal(report.unique_skills, 5);
			assert.deepEqual(
				[report.total_invocations, report.successful_completions, report.failed_invocations, report.pending_invocations],
				[14, 11, 3, 1],
			);
			assert.equal(report.success_rate, 11 / 14);
			// Succeeded durations: alpha 1+2+3+5+5, beta 10, gamma 1+1+4+4 = 36 s over 10 runs.
			assert.equal(report.avg_duration_ms, 3600);
			assert.equal(report.avg_followup_actions, 2 / 14);
			assert.equal(report.first_used, '2026-05-01T10:00:00.000000Z');
			assert.equal(report.last_used, '2026-05-05T10:00:00.000000Z');
			assert.deepEqual(report.top_skills.map(s => s.skill_name), ['alpha', 'gamma', 'beta', 'delta', 'epsilon']);
		});

		test('one project', async () => {
			const report = await summary(database, {project: side});
			assert.deepEqual(report.project, {project_id: side.project_id, project_name: 'side'});
			assert.deepEqual([report.projects, report.unique_skills, report.total_invocations, report.success_rate, report.avg_duration_ms], [1, 1, 2, 1, 5000]);
		});

		test('an empty database sums to zeros, not NULLs', async () => {
			const empty = await openDatabase();
			await freshRollups(empty, {zone: 'UTC'});
			const report = await summary(empty, {});
			assert.deepEqual(
				[report.projects, report.total_invocations, report.successful_completions, report.failed_invocations, report.pending_invocations, report.success_rate, report.top_skills],
				[0, 0, 0, 0, 0, null, []],
			);
		});
	});

	describe('health', () => {
		test('row counts, schema, freshness and per-project errors', async () => {
			const report = await health(database, 'UTC');
			assert.equal(report.ok, true);
			assert.equal(report.database, ':memory:');
			assert.equal(report.schema_version, SCHEMA_VERSION);
			assert.equal(report.expected_schema_version, SCHEMA_VERSION);
			assert.equal(report.row_counts.projects, 3);
			assert.equal(report.row_counts.skill_usage, MAIN.length + SIDE.length + OLD.length);
			assert.equal(report.row_counts.workflow_executions, 0);
			assert.ok(report.row_counts.skill_aggregates > 0);
			assert.equal(report.aggregates_fresh, true);
			assert.equal(report.aggregates_timezone, 'UTC');
			assert.ok(report.last_collection_at);
			const byName = Object.fromEntries(report.projects.map(p => [p.project_name, p]));
			assert.deepEqual(Object.keys(byName).sort(), ['main', 'old', 'side']);
			assert.equal(byName.old!.is_active, false);
			assert.deepEqual([byName.main!.last_error_count, byName.main!.last_error], [0, null]);
			assert.equal(byName.side!.last_error_count, 1);
			assert.match(byName.side!.last_error ?? '', /\.crackerjack\/skill_metrics\.json: .*truncated/);
			assert.equal((await health(database, 'Europe/Berlin')).aggregates_fresh, false);
		});
	});
});

/*
 * Effectiveness fixture. Project p, skill `measure`, 2026-05-01 (UTC):
 *   09:00 pending (the earliest use, so not a first_used)
 *   10:00–10:04 ok 1, 2, 3, 4, 10 s (paths daily ×3, quick ×1; follow-ups: 2, 1, 0, 0, 0)
 *   11:00 ok without duration
 *   12:00 failed 100 s Timeout (1 follow-up) · 12:01 failed Timeout · 12:02 failed Crash
 *   → 9 finished, 6 ok: rate 2/3; durations {1,2,3,4,10} s: avg 4000, p50 3000,
 *     p90 = 4000 + 0.6 × (10000 − 4000) = 7600 (linear interpolation at index 3.6)
 * Project q: `measure` once, 2026-05-10 ok 5 s.
 * Plus skills at the insight thresholds in p.
 */
const MEASURE = [
	...runs('measure', '2026-05-01', 1, pending, 9),
	invocation({skill_name: 'measure', invoked_at: '2026-05-01T10:00:00', ...ok(1), workflow_path: 'daily', follow_up_actions: ['run tests', 'git commit']}),
	invocation({skill_name: 'measure', invoked_at: '2026-05-01T10:01:00', ...ok(2), workflow_path: 'daily', follow_up_actions: ['run tests']}),
	invocation({skill_name: 'measure', invoked_at: '2026-05-01T10:02:00', ...ok(3), workflow_path: 'daily'}),
	invocation({skill_name: 'measure', invoked_at: '2026-05-01T10:03:00', ...ok(4), workflow_path: 'quick'}),
	invocation({skill_name: 'measure', invoked_at: '2026-05-01T10:04:00', ...ok(10)}),
	...runs('measure', '2026-05-01', 1, ok(null), 11),
	invocation({skill_name: 'measure', invoked_at: '2026-05-01T12:00:00', ...failed(100), follow_up_actions: ['retry']}),
	invocation({skill_name: 'measure', invoked_at: '2026-05-01T12:01:00', ...failed(null)}),
	invocation({skill_name: 'measure', invoked_at: '2026-05-01T12:02:00', ...failed(null, 'Crash')}),
];
const THRESHOLDS = [
	...runs('sixty', '2026-05-02', 3, ok(1)),
	...runs('sixty', '2026-05-02', 2, failed(1), 11),
	...runs('seventy', '2026-05-02', 7, ok(1)),
	...runs('seventy', '2026-05-02', 3, failed(1), 11),
	...runs('ninety', '2026-05-02', 9, ok(1)),
	...runs('ninety', '2026-05-02', 1, failed(1), 11),
	...runs('low', '2026-05-02', 2, ok(1)),
	...runs('low', '2026-05-02', 3, failed(1), 11),
	...runs('perfect', '2026-05-02', 5, ok(1)),
	// 10 follow-ups over 5 uses is exactly 2: not high. 11 is 2.2.
	...runs('two-followups', '2026-05-02', 5, {...ok(1), follow_up_actions: ['a', 'b']}),
	...runs('chatty', '2026-05-02', 4, {...ok(1), follow_up_actions: ['a', 'b']}),
	...runs('chatty', '2026-05-02', 1, {...ok(1), follow_up_actions: ['a', 'b', 'c']}, 11),
	...runs('few', '2026-05-02', 4, failed(1)),
	...runs('few', '2026-05-02', 3, pending, 11),
];

describe('skillEffectiveness', () => {
	let database: Database;
	let p: Project;
	let q: Project;
	before(async () => {
		database = await openDatabase();
		p = await addProject(database, {[JSON_SOURCE]: tracker([...MEASURE, ...THRESHOLDS])}, {name: 'p'});
		q = await addProject(database, {[JSON_SOURCE]: tracker(runs('measure', '2026-05-10', 1, ok(5)))}, {name: 'q'});
		await collectUtc(database);
	});

	const effectiveness = (skill: string, project?: Project) => skillEffectiveness(database, skill, project ? {project} : {});

	test('counts, rate, mean and quantiles of succeeded durations, first and last use', async () => {
		const report = await effectiveness('measure', p);
		assert.equal(report.found, true);
		assert.deepEqual(report.project, {project_id: p.project_id, project_name: 'p'});
		assert.deepEqual(
			[report.total_invocations, report.successful_completions, report.failed_invocations, report.pending_invocations],
			[9, 6, 3, 1],
		);
		assert.equal(report.success_rate, 6 / 9);
		assert.equal(report.avg_duration_ms, 4000);
		assert.equal(report.p50_duration_ms, 3000);
		assert.equal(report.p90_duration_ms, 7600);
		assert.equal(report.avg_followup_actions, 4 / 9);
		assert.equal(report.first_used, '2026-05-01T10:00:00.000000Z');
		assert.equal(report.last_used, '2026-05-01T12:02:00.000000Z');
	});

	test('the most common errors, follow-ups and workflow paths', async () => {
		const report = await effectiveness('measure', p);
		assert.deepEqual(report.errors, [{error_type: 'Timeout', count: 2}, {error_type: 'Crash', count: 1}]);
		assert.deepEqual(report.follow_up_actions, [
			{action: 'run tests', count: 2},
			{action: 'git commit', count: 1},
			{action: 'retry', count: 1},
		]);
		assert.deepEqual(report.workflow_paths, [{workflow_path: 'daily', count: 3}, {workflow_path: 'quick', count: 1}]);
	});

	test('across projects, with one row per project', async () => {
		const report = await effectiveness('measure');
		assert.deepEqual([report.total_invocations, report.successful_completions, report.success_rate], [10, 7, 0.7]);
		// Durations {1,2,3,4,5,10} s: p50 between 3 and 4, p90 at index 4.5 between 5 and 10.
		assert.equal(report.avg_duration_ms, 25_000 / 6);
		assert.equal(report.p50_duration_ms, 3500);
		assert.equal(report.p90_duration_ms, 7500);
		assert.deepEqual(report.by_project.map(row => [row.project_name, row.total_invocations, row.pending_invocations]), [['p', 9, 1], ['q', 1, 0]]);
		assert.deepEqual(report.insights, []);
	});

	test('a day range in a zone', async () => {
		const report = await skillEffectiveness(database, 'measure', {}, {since: '2026-05-10', until: '2026-05-10', zone: 'UTC'});
		assert.deepEqual([report.total_invocations, report.since, report.until], [1, '2026-05-10', '2026-05-10']);
		assert.deepEqual(report.by_project.map(row => row.project_name), ['q']);
		// 09:00–12:02 UTC on 1 May is still 1 May in Tokyo (UTC+9): 18:00–21:02.
		const tokyo = await skillEffectiveness(database, 'measure', {}, {since: '2026-05-01', until: '2026-05-01', zone: 'Asia/Tokyo'});
		assert.equal(tokyo.total_invocations, 9);
		// Honolulu is UTC-10: only the 09:00 UTC (pending) use is on 30 April there, the rest on 1 May.
		const honolulu = await skillEffectiveness(database, 'measure', {}, {since: '2026-04-30', until: '2026-04-30', zone: 'Pacific/Honolulu'});
		assert.deepEqual([honolulu.found, honolulu.total_invocations, honolulu.pending_invocations], [true, 0, 1]);
		const nextDay = await skillEffectiveness(database, 'measure', {project: p}, {since: '2026-05-01', until: '2026-05-01', zone: 'Pacific/Honolulu'});
		assert.deepEqual([nextDay.total_invocations, nextDay.pending_invocations], [9, 0]);
	});

	describe('insights at the thresholds', () => {
		const cases: Array<[string, number, Array<[string, RegExp]>]> = [
			['low', 0.4, [['high', /^low success rate: 40%/]]],
			['sixty', 0.6, [['medium', /^below target: 60%/]]],
			['seventy', 0.7, []],
			['ninety', 0.9, []],
			['perfect', 1, [['positive', /^well-tuned: 100%/]]],
			['two-followups', 1, [['positive', /^well-tuned/]]],
			// Loaded every time but needing more than 2 follow-up actions a use: not praised (issue 27).
			['chatty', 1, [['medium', /^high follow-up rate: 2\.2/]]],
		];
		for (const [skill, rate, expected] of cases) {
			test(`${skill}: success rate ${rate}`, async () => {
				const report: SkillReport = await effectiveness(skill, p);
				assert.equal(report.success_rate, rate);
				assert.deepEqual(report.insights.map(insight => insight.level), expected.map(([level]) => level));
				expected.forEach(([, message], index) => assert.match(report.insights[index]!.message, message));
			});
		}

		test('fewer than 5 finished invocations: only "too few", pending ones do not help', async () => {
			const report = await effectiveness('few', p);
			assert.deepEqual([report.total_invocations, report.pending_invocations, report.success_rate], [4, 3, 0]);
			assert.deepEqual(report.insights.map(insight => insight.level), ['info']);
			assert.match(report.insights[0]!.message, /^too few invocations to judge \(4 finished/);
		});
	});

	test('an unknown skill is not found and similar names are offered', async () => {
		const report = await effectiveness('mesure');
		assert.equal(report.found, false);
		assert.equal(report.did_you_mean?.[0], 'measure');
		assert.deepEqual([report.total_invocations, report.insights, report.by_project], [0, [], []]);
		const elsewhere = await effectiveness('sixty', q);
		assert.equal(elsewhere.found, false);
		assert.deepEqual(elsewhere.did_you_mean, []);
	});
});
