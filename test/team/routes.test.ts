import assert from 'node:assert/strict';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {isolatedEnv} from '../helpers/environment.js';
import {startPostgres, type TestServer} from '../helpers/postgres.js';
import {runInProcess} from '../helpers/run-cli.js';
import {makeProject, makeTempDir} from '../helpers/temp.js';
import {sessionInvocation, tracker} from '../helpers/tracker.js';

/*
 * The same two machines joined through a lake folder and through the team server: every report
 * of the database that pulled the lake equals that of the database that pulled the server; and
 * `team top`, computed on the server, equals the local `top` of a machine that pushed and pulled.
 */

let server: TestServer;
let root: string;
let envs: Awaited<ReturnType<typeof corpus>>;
before(async () => {
	server = await startPostgres();
	root = await makeTempDir();
	// One corpus for both tests: the first reads it through two other databases, the second through the laptop.
	envs = await corpus(root, await server.database());
});
after(async () => server.stop());

const SKILLS = ['code-review', 'write-tests', 'deploy', 'debug', 'plugin:lint'];

function records(seed: number, count: number): string {
	return tracker(Array.from({length: count}, (_, n) => sessionInvocation({
		skill_name: SKILLS[(n * (seed + 1)) % SKILLS.length],
		invoked_at: `2026-${n % 7 === 0 ? '10' : '11'}-${String(1 + ((n * 5) % 24)).padStart(2, '0')}T${String(8 + (n % 9)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}:0${seed}.${String(n * 7919).padStart(6, '0').slice(0, 6)}`,
		session_id: `s-${seed}-${Math.floor(n / 4)}`,
		completed: (n + seed) % 4 !== 0,
		duration_seconds: n % 11 === 5 ? null : 0.25 + n * 1.3,
		follow_up_actions: n % 3 === 0 ? ['git commit'] : [],
	})));
}

type Json = Record<string, unknown>;

async function json(args: string[], env: Record<string, string>): Promise<Json> {
	const result = await runInProcess([...args, '--json'], {...env, SKILLSCOPE_NOW: '2026-11-24T12:00:00Z'});
	assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
	return JSON.parse(result.stdout) as Json;
}

/** Two machines with two projects each, collected, named, then pushed to the lake and to the server. */
async function corpus(root: string, url: string): Promise<Record<'laptop' | 'desktop' | 'lakeReader' | 'teamReader', Record<string, string>>> {
	const env = (name: string) => isolatedEnv(path.join(root, name), {SKILLSCOPE_TEAM_URL: url});
	const envs = {laptop: env('laptop'), desktop: env('desktop'), lakeReader: env('lake-reader'), teamReader: env('team-reader')};
	for (const [seed, name] of (['laptop', 'desktop'] as const).entries()) {
		for (const project of [0, 1]) {
			const dir = await makeProject({'.session-buddy/skill_metrics.json': records(seed * 2 + project, 60 + seed * 15)});
			await runInProcess(['register', dir, '--name', `${name}-${project}`], envs[name]);
		}

		await runInProcess(['collect'], envs[name]);
		await runInProcess(['machines', '--name', name], envs[name]);
		await json(['lake', 'push', path.join(root, 'lake')], envs[name]);
		await json(['team', 'push'], envs[name]);
	}

	return envs;
}

/** A report less what differs by route and nothing else: when a machine last pushed, when its projects were first pulled, which machine is "here". */
function figures(report: Json): unknown {
	return JSON.parse(JSON.stringify(report, (key, value: unknown) => (['last_push_at', 'is_local', 'registered_at'].includes(key) ? undefined : value)));
}

test('the lake route and the team route give every report the same figures', async () => {
	await json(['lake', 'pull', path.join(root, 'lake')], envs.lakeReader);
	await json(['team', 'pull'], envs.teamReader);
	const reports: string[][] = [
		['top'], ['top', '--window', 'monthly'], ['top', '--window', 'weekly'], ['top', '--trigger', 'unknown'], ['top', '--since', '2026-11-05', '--until', '2026-11-10'],
		['top', '--machine', 'desktop', '--limit', '3'], ['summary'], ['summary', '--project', 'laptop-1', '--machine', 'laptop'], ['skill', 'code-review'],
		['skill', 'deploy', '--window', 'weekly'], ['cousage', '--min-sessions', '1'], ['next', 'code-review'], ['workflows', '--min-sessions', '1'],
		['adoption'], ['adoption', '--window', 'weekly'], ['recommend'], ['compare', 'write-tests'], ['projects'],
	];
	for (const args of reports) assert.deepEqual(figures(await json(args, envs.teamReader)), figures(await json(args, envs.lakeReader)), args.join(' '));
	const machines = async (env: Record<string, string>) => ((await json(['machines'], env)).machines as Json[]).filter(machine => !machine.is_local).map(figures);
	assert.deepEqual(await machines(envs.teamReader), await machines(envs.lakeReader));
	assert.equal(((await json(['summary'], envs.teamReader)).projects as number), 4);
});

test('team top, computed on the server, equals the local top of a machine that pushed and pulled', async () => {
	await json(['team', 'pull'], envs.laptop);
	const cases: Array<[string[], string[]]> = [
		[[], []],
		[['--window', 'monthly'], ['--window', 'monthly']],
		[['--window', 'weekly'], ['--window', 'weekly']],
		[['--window', 'daily'], ['--window', 'daily']],
		[['--since', '2026-10-01', '--until', '2026-11-07'], ['--since', '2026-10-01', '--until', '2026-11-07']],
		[['--machine', 'desktop'], ['--machine', 'desktop']],
		[['--project', 'desktop-1', '--machine', 'desktop', '--limit', '2'], ['--project', 'desktop-1', '--machine', 'desktop', '--limit', '2']],
		[['--project', 'laptop-0', '--window', 'monthly'], ['--project', 'laptop-0', '--window', 'monthly']],
	];
	for (const [local, team] of cases) {
		const mine = await json(['top', ...local], envs.laptop);
		const theirs = await json(['team', 'top', ...team], envs.laptop);
		const what = `top ${local.join(' ')}`;
		assert.ok((mine.skills as unknown[]).length > 0, `${what}: a case with skills to compare`);
		const rounded = (report: Json) => (report.skills as Json[]).map(row => ({...row, avg_duration_ms: row.avg_duration_ms === null ? null : Number((row.avg_duration_ms as number).toPrecision(12))}));
		assert.deepEqual(rounded(theirs), rounded(mine), what);
		for (const key of ['window', 'bucket_start', 'bucket_end', 'since', 'until']) assert.equal(theirs[key], mine[key], `${what}: ${key}`);
		if (local.includes('--project')) assert.equal((theirs.project as Json).project_name, (mine.project as Json).project_name);
	}
});
