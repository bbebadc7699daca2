import assert from 'node:assert/strict';
import {chmod, mkdir, writeFile} from 'node:fs/promises';
import {createServer} from 'node:net';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {Database} from '../../source/data/store/database.js';
import {tableDump} from '../helpers/database.js';
import {isolatedEnv} from '../helpers/environment.js';
import {PASSWORD, startPostgres, type TestServer} from '../helpers/postgres.js';
import {runInProcess} from '../helpers/run-cli.js';
import {withServer} from '../helpers/team.js';
import {makeProject, makeTempDir} from '../helpers/temp.js';
import {invocation, tracker} from '../helpers/tracker.js';

/*
 * What a user sees when the team server cannot be used: down, a wrong password, TLS refused, a
 * newer schema, no URL. Each is one clear line and a non-zero exit; the password never shows;
 * the local database is as it was.
 */

let server: TestServer;
before(async () => {
	server = await startPostgres();
});
after(async () => server.stop());

async function machine(root: string, extra: Record<string, string> = {}): Promise<Record<string, string>> {
	const env = isolatedEnv(root, extra);
	const project = await makeProject({'.crackerjack/skill_metrics.json': tracker([invocation(), invocation({invoked_at: '2026-03-03T10:00:00'})])});
	assert.equal((await runInProcess(['register', project], env)).code, 0);
	assert.equal((await runInProcess(['collect'], env)).code, 0);
	return env;
}

async function localDump(env: Record<string, string>): Promise<string[][]> {
	const database = await Database.open(env.SKILLSCOPE_DB!);
	try {
		const settings = await database.all<{line: string}>(`SELECT key || '=' || value AS line FROM settings WHERE key NOT IN ('aggregated_at') ORDER BY 1`);
		return [...(await Promise.all((['skill_usage', 'projects', 'skill_aggregates'] as const).map(async table => tableDump(database, table)))), settings.map(row => row.line)];
	} finally {
		await database.close();
	}
}

/** Runs a team command that must fail: its exit code and message; nothing on stdout, no password anywhere, the local database unchanged. */
async function fails(env: Record<string, string>, args: string[], secret?: string): Promise<{code: number; message: string}> {
	const before = await localDump(env);
	const result = await runInProcess(['team', ...args], env);
	assert.equal(result.stdout, '', `${args.join(' ')}: nothing on stdout`);
	if (secret) assert.ok(!result.stderr.includes(secret), `the password shows: ${result.stderr}`);
	assert.deepEqual(await localDump(env), before, `${args.join(' ')}: the local database changed`);
	return {code: result.code, message: result.stderr};
}

async function closedPort(): Promise<number> {
	return new Promise(resolve => {
		const probe = createServer();
		probe.listen(0, '127.0.0.1', () => {
			const {port} = probe.address() as {port: number};
			probe.close(() => resolve(port));
		});
	});
}

test('no URL: a usage error saying where it goes', async () => {
	const env = await machine(await makeTempDir());
	const {code, message} = await fails(env, ['push']);
	assert.equal(code, 2);
	assert.match(message, /no team server: set SKILLSCOPE_TEAM_URL, or "team": \{"url": .*\} in the config file/);
});

test('the server down: cannot reach it, exit 1', async () => {
	const url = `postgres://postgres:${PASSWORD}@127.0.0.1:${await closedPort()}/team`;
	const env = await machine(await makeTempDir(), {SKILLSCOPE_TEAM_URL: url});
	for (const action of ['push', 'pull', 'status', 'top']) {
		const {code, message} = await fails(env, [action], PASSWORD);
		assert.equal(code, 1);
		assert.match(message, /^skillscope: cannot reach the team server postgres:\/\/postgres:…@127\.0\.0\.1:\d+\/team: connection refused \(is PostgreSQL running there, on port \d+\?\)\n$/);
	}
});

test('a wrong password: refused, saying whose password it was; right ones from the URL, PGPASSWORD or ~/.pgpass work', async t => {
	if (!server.own) return t.skip('SKILLSCOPE_TEST_PG_URL names the server: its passwords are not known here');
	const good = new URL(await server.database());
	const wrong = new URL(good);
	wrong.password = 'wrong-horse-battery';
	const root = await makeTempDir();
	const env = await machine(root, {SKILLSCOPE_TEAM_URL: wrong.toString()});
	const {code, message} = await fails(env, ['push'], 'wrong-horse-battery');
	assert.equal(code, 1);
	assert.match(message, /the team server postgres:\/\/postgres:…@127\.0\.0\.1:\d+\/skillscope_test_\w+ refused the login of user "postgres": wrong password \(the password used: the URL's\)/);

	const bare = new URL(good);
	bare.password = '';
	const none = await fails({...env, SKILLSCOPE_TEAM_URL: bare.toString()}, ['status']);
	assert.equal(none.code, 1);
	assert.match(none.message, /asks user "postgres" for a password, and none was given \(the URL, PGPASSWORD or ~\/\.pgpass\)/);

	assert.equal((await runInProcess(['team', 'push'], {...env, SKILLSCOPE_TEAM_URL: bare.toString(), PGPASSWORD: PASSWORD})).code, 0, 'PGPASSWORD');
	const passFile = path.join(env.HOME!, '.pgpass');
	await mkdir(env.HOME!, {recursive: true});
	await writeFile(passFile, `127.0.0.1:*:*:postgres:${PASSWORD}\n`);
	await chmod(passFile, 0o600);
	const status = await runInProcess(['team', 'status', '--json'], {...env, SKILLSCOPE_TEAM_URL: bare.toString()});
	assert.equal(status.code, 0, status.stderr);
	assert.equal(JSON.parse(status.stdout).totals.invocations, 2);
});

test('TLS refused: a server without TLS when the URL asks for it is a clear refusal', async () => {
	const url = new URL(await server.database());
	url.searchParams.set('sslmode', 'require');
	const env = await machine(await makeTempDir(), {SKILLSCOPE_TEAM_URL: url.toString()});
	const {code, message} = await fails(env, ['push'], url.password);
	assert.equal(code, 1);
	assert.match(message, /the team server postgres:\/\/postgres:…@127\.0\.0\.1:\d+\/\w+\?sslmode=require does not offer TLS, which skillscope requires here \(the URL says sslmode=require\)/);
});

test('a server schema newer than this skillscope is refused, naming the version to install; an empty server is not made by status or top', async () => {
	const url = await server.database();
	const env = await machine(await makeTempDir(), {SKILLSCOPE_TEAM_URL: url});
	for (const action of ['status', 'top']) {
		const {code, message} = await fails(env, [action]);
		assert.equal(code, 1);
		assert.match(message, /holds no skillscope data yet: `skillscope team push` makes its tables/);
	}

	assert.equal((await runInProcess(['team', 'push'], env)).code, 0);
	await withServer(url, async client => client.query(`INSERT INTO skillscope.schema_version (version, client_version) VALUES (99, '9.9.9')`));
	for (const action of ['push', 'pull', 'status', 'top']) {
		const {code, message} = await fails(env, [action], PASSWORD);
		assert.equal(code, 1);
		assert.match(message, /holds skillscope's server schema version 99, newer than this skillscope \(\S+\) knows \(version 1\): install skillscope 9\.9\.9 or later/);
	}
});

test('team.url in the config file; SKILLSCOPE_TEAM_URL before it; a malformed one is a config error', async () => {
	const url = await server.database();
	const root = await makeTempDir();
	const config = path.join(root, 'config.json');
	const env = await machine(root, {SKILLSCOPE_CONFIG: config});
	await writeFile(config, JSON.stringify({team: {url}}));
	assert.equal((await runInProcess(['team', 'push'], env)).code, 0);
	for (const action of ['push', 'pull', 'status', 'top']) {
		const shown = await runInProcess(['team', action, '--json'], env);
		assert.equal(shown.code, 0, shown.stderr);
		if (server.own) assert.ok(!shown.stdout.includes(PASSWORD) && !shown.stderr.includes(PASSWORD), `team ${action} shows the password`);
		assert.match(JSON.parse(shown.stdout).server, /^postgres:\/\/\w+:…@/);
	}

	const down = `postgres://postgres:${PASSWORD}@127.0.0.1:${await closedPort()}/team`;
	assert.match((await fails({...env, SKILLSCOPE_TEAM_URL: down}, ['status'], PASSWORD)).message, /connection refused/);
	const misuse = await runInProcess(['team', 'status', '--anonymize'], env);
	assert.equal(misuse.code, 2);
	assert.match(misuse.stderr, /--anonymize applies to team push, not to status/);
	await writeFile(config, JSON.stringify({team: {url: ''}}));
	const bad = await fails(env, ['status']);
	assert.equal(bad.code, 1);
	assert.match(bad.message, /team\.url: expected a non-empty string/);
});
