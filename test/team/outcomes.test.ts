import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {Database} from '../../source/data/store/database.js';
import {cliJson, emptyMachine, type Json, OUTCOME_REPORTS, outcomeFigures, outcomesMachine} from '../helpers/outcomes-machine.js';
import {startPostgres, type TestServer} from '../helpers/postgres.js';
import {withServer} from '../helpers/team.js';
import {makeTempDir} from '../helpers/temp.js';

/*
 * How each use ended travels through the team server (issues 20 and 24): a machine with outcomes
 * of every kind pushes, another pulls and gives the pulled rows the figures of their machine, and
 * `team top`, summed on the server, gives the counts and clean_rate of the machine's own `top`.
 */

let server: TestServer;
let url: string;
let root: string;
let laptop: Record<string, string>;
before(async () => {
	server = await startPostgres();
	url = await server.database();
	root = await makeTempDir();
	laptop = await outcomesMachine(root, 'laptop', {SKILLSCOPE_TEAM_URL: url});
	await cliJson(['team', 'push'], laptop);
});
after(async () => server.stop());

const OUTCOME_COLUMNS = ['clean_finishes', 'interrupted', 'rejected', 'errored', 'load_failed', 'retried'];

test('every outcome, retry and version travels: each report gives the pulled rows the figures of their machine', async () => {
	const reader = emptyMachine(root, 'reader', {SKILLSCOPE_TEAM_URL: url});
	const pulled = await cliJson(['team', 'pull'], reader);
	assert.deepEqual([pulled.totals.inserted, pulled.totals.invalid], [158, 0]);
	for (const args of OUTCOME_REPORTS) assert.deepEqual(outcomeFigures(await cliJson(args, reader)), outcomeFigures(await cliJson(args, laptop)), args.join(' '));
	assert.deepEqual(await cliJson(['top'], reader), await cliJson(['top'], laptop));

	// The server holds each row's four columns as the machine does; not known stays NULL.
	const local = await Database.open(laptop.SKILLSCOPE_DB!);
	const mine = await local.all<{outcome: string | null; retried: boolean | null; versions: number; n: number}>(
		`SELECT outcome, retried, count(DISTINCT (fingerprint, plugin_version))::INTEGER AS versions, count(*)::INTEGER AS n FROM skill_usage GROUP BY ALL ORDER BY ALL`,
	).finally(async () => local.close());
	const theirs = await withServer(url, async client => (await client.query(
		`SELECT outcome, retried, count(DISTINCT (fingerprint, plugin_version))::int AS versions, count(*)::int AS n FROM skillscope.invocations GROUP BY 1, 2 ORDER BY 1 NULLS LAST, 2 NULLS LAST`,
	)).rows);
	assert.deepEqual(theirs, mine);
	assert.ok(mine.some(row => row.outcome === null), 'uses whose outcome is not known');
});

test('team top sums the outcomes on the server: its counts and clean_rate are those of the local top', async () => {
	const cases = [[], ['--since', '2026-03-01', '--until', '2026-03-31'], ['--since', '2026-03-03', '--until', '2026-03-05'], ['--project', 'A'], ['--project', 'B', '--since', '2026-03-05', '--until', '2026-03-06']];
	for (const args of cases) {
		const what = `top ${args.join(' ')}`;
		const mine = await cliJson(['top', ...args], laptop);
		const theirs = await cliJson(['team', 'top', ...args], laptop);
		const figures = (report: Json) => (report.skills as Json[]).map(row => [row.skill_name, ...OUTCOME_COLUMNS.map(column => row[column]), row.clean_rate]);
		assert.ok((mine.skills as Json[]).length > 0, `${what}: skills to compare`);
		assert.deepEqual(figures(theirs), figures(mine), what);
	}

	const all = await cliJson(['team', 'top'], laptop);
	const deploy = (all.skills as Json[]).find(row => row.skill_name === 'deploy')!;
	assert.ok(OUTCOME_COLUMNS.every(column => deploy[column] > 0), 'every outcome and retries counted');
	assert.ok(deploy.clean_rate > 0 && deploy.clean_rate < 1);
});

test('a row on the server with an outcome no skillscope writes is dropped by the pull (exit 3); the rest is pulled', async () => {
	const bad = await withServer(url, async client => (await client.query(`UPDATE skillscope.invocations SET outcome = 'exploded' WHERE outcome = 'rejected'`)).rowCount);
	assert.ok(bad! > 0);
	const reader = emptyMachine(root, 'reader-bad', {SKILLSCOPE_TEAM_URL: url});
	const pulled = await cliJson(['team', 'pull'], reader, 3);
	assert.deepEqual([pulled.totals.inserted, pulled.totals.invalid], [158 - bad!, bad]);
});
