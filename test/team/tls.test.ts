import assert from 'node:assert/strict';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {connectTeam} from '../../source/data/team/connection.js';
import {isolatedEnv} from '../helpers/environment.js';
import {startPostgres, type TestServer} from '../helpers/postgres.js';
import {runInProcess} from '../helpers/run-cli.js';
import {teamSettings} from '../helpers/team.js';
import {makeProject, makeTempDir} from '../helpers/temp.js';
import {invocation, tracker} from '../helpers/tracker.js';

/*
 * TLS for real: a server with a self-signed certificate (for localhost and 127.0.0.1). Asked
 * for, the connection is encrypted; a certificate that the URL does not trust is refused with a
 * clear line, and trusted through sslrootcert, checked by name or by chain only.
 */

let server: TestServer;
before(async () => {
	server = await startPostgres({tls: true});
});
after(async () => server.stop());

/** Whether the session the URL opens is encrypted, as the server sees it. */
async function encrypted(url: string): Promise<boolean> {
	const connection = await connectTeam(teamSettings(url));
	try {
		const [row] = await connection.query<{ssl: boolean}>(`SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()`);
		return row!.ssl;
	} finally {
		await connection.close();
	}
}

function withParameters(url: string, parameters: Record<string, string>, host?: string): string {
	const out = new URL(url);
	if (host) out.hostname = host;
	for (const [key, value] of Object.entries(parameters)) out.searchParams.set(key, value);
	return out.toString();
}

test('on loopback TLS is off unless asked; asked, it is on; a certificate is checked when the URL says so', async t => {
	if (!server.certificate) return t.skip('SKILLSCOPE_TEST_PG_URL names the server: its certificate is not known here');
	const url = await server.database();
	assert.equal(await encrypted(url), false);
	assert.equal(await encrypted(withParameters(url, {sslmode: 'require'})), true, 'require: encrypted, the certificate unchecked');
	assert.equal(await encrypted(withParameters(url, {sslmode: 'verify-full', sslrootcert: server.certificate})), true, 'by name: 127.0.0.1 is in the certificate');
	assert.equal(await encrypted(withParameters(url, {sslmode: 'verify-full', sslrootcert: server.certificate}, 'localhost')), true);
	assert.equal(await encrypted(withParameters(url, {sslmode: 'verify-ca', sslrootcert: server.certificate})), true);
});

test('a certificate the URL does not trust: refused, one line, exit 1, nothing written here', async t => {
	if (!server.certificate) return t.skip('SKILLSCOPE_TEST_PG_URL names the server: its certificate is not known here');
	const url = await server.database();
	const env = isolatedEnv(await makeTempDir(), {SKILLSCOPE_TEAM_URL: withParameters(url, {sslmode: 'verify-full'})});
	await runInProcess(['register', await makeProject({'.crackerjack/skill_metrics.json': tracker([invocation()])})], env);
	await runInProcess(['collect'], env);
	const refused = await runInProcess(['team', 'push'], env);
	assert.equal(refused.code, 1);
	assert.equal(refused.stdout, '');
	assert.match(refused.stderr, /^skillscope: the team server postgres:\/\/postgres:…@127\.0\.0\.1:\d+\/\w+\?sslmode=verify-full presented a TLS certificate that is not trusted \(self[- ]signed certificate\): name its CA with sslrootcert=FILE in the URL, or sslmode=require to encrypt without checking it\n$/);
	const trusted = await runInProcess(['team', 'push', '--json'], {...env, SKILLSCOPE_TEAM_URL: withParameters(url, {sslmode: 'verify-full', sslrootcert: server.certificate!})});
	assert.equal(trusted.code, 0, trusted.stderr);
	assert.equal(JSON.parse(trusted.stdout).inserted, 1);
	const missing = await runInProcess(['team', 'status'], {...env, SKILLSCOPE_TEAM_URL: withParameters(url, {sslmode: 'verify-full', sslrootcert: path.join(path.dirname(server.certificate!), 'nowhere.crt')})});
	assert.equal(missing.code, 2);
	assert.match(missing.stderr, /sslrootcert \S+nowhere\.crt cannot be read \(ENOENT\)/);
});
