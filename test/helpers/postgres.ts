import {spawn, type ChildProcess} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {chmod, chown, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {createServer} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/*
 * A real PostgreSQL for a test file: Debian's binaries (or any initdb on PATH) started on a free
 * port of 127.0.0.1 in a temp data directory, fsync off, stopped by `stop`. initdb and postgres
 * refuse to run as root, so as root the server runs as the `postgres` account (the Debian package
 * makes it). SKILLSCOPE_TEST_PG_URL names a server to use instead: each test then gets a database
 * of its own there, as here.
 */

export const PASSWORD = 'team-secret-7f3a';

export interface TestServer {
	/** A fresh, empty database on the server, as a URL with the superuser's password. */
	database: () => Promise<string>;
	/** Whether it is ours (started here, password auth known) or one named by SKILLSCOPE_TEST_PG_URL. */
	own: boolean;
	/** With `tls`: the server's self-signed certificate (for localhost and 127.0.0.1), which a client may trust as its CA. */
	certificate?: string;
	stop: () => Promise<void>;
}

function binDirectory(): string {
	const debian = '/usr/lib/postgresql';
	if (existsSync(debian)) {
		const versions = readdirSync(debian).filter(name => /^\d+$/.test(name) && existsSync(path.join(debian, name, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
		if (versions[0]) return path.join(debian, versions[0], 'bin');
	}

	const found = (process.env.PATH ?? '').split(path.delimiter).find(folder => folder && existsSync(path.join(folder, 'initdb')));
	if (!found) throw new Error('no PostgreSQL found (initdb): install postgresql-15 (.ci/run does), or set SKILLSCOPE_TEST_PG_URL');
	return found;
}

/** The account the server runs as: ourselves, or as root the `postgres` account. */
function serverUser(): {uid: number; gid: number} | undefined {
	if (process.getuid?.() !== 0) return undefined;
	const line = readFileSync('/etc/passwd', 'utf8').split('\n').find(entry => entry.startsWith('postgres:'));
	if (!line) throw new Error('running as root, and there is no postgres account to run the server as');
	const [, , uid, gid] = line.split(':');
	return {uid: Number(uid), gid: Number(gid)};
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address() as {port: number};
			server.close(() => resolve(port));
		});
	});
}

async function run(command: string, args: string[], user: {uid: number; gid: number} | undefined): Promise<void> {
	const child = spawn(command, args, {stdio: ['ignore', 'pipe', 'pipe'], ...user});
	let output = '';
	child.stdout!.on('data', chunk => (output += String(chunk)));
	child.stderr!.on('data', chunk => (output += String(chunk)));
	const code = await new Promise<number | null>(resolve => child.on('close', resolve));
	if (code !== 0) throw new Error(`${path.basename(command)} failed (${code}): ${output}`);
}

async function waitUntilReady(url: string, child: ChildProcess, log: () => Promise<string>): Promise<void> {
	for (let attempt = 0; attempt < 300; attempt++) {
		if (child.exitCode !== null) throw new Error(`postgres exited: ${await log()}`);
		const client = new pg.Client({connectionString: url});
		try {
			await client.connect();
			await client.end();
			return;
		} catch {
			await client.end().catch(() => undefined);
			await new Promise(resolve => setTimeout(resolve, 100));
		}
	}

	throw new Error(`postgres did not start within 30 s: ${await log()}`);
}

interface Maker {
	make: () => Promise<string>;
	/** Drops what `make` made: a named server keeps nothing of the tests. */
	drop: () => Promise<void>;
}

function databaseMaker(adminUrl: string): Maker {
	const made: string[] = [];
	const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
		const client = new pg.Client({connectionString: adminUrl});
		await client.connect();
		try {
			return await work(client);
		} finally {
			await client.end();
		}
	};

	return {
		async make() {
			const name = `skillscope_test_${randomBytes(6).toString('hex')}`;
			// A name made here of hex digits: nothing of a test's input reaches these statements.
			await admin(async client => client.query(`CREATE DATABASE ${name}`));
			made.push(name);
			const url = new URL(adminUrl);
			url.pathname = `/${name}`;
			return url.toString();
		},
		async drop() {
			for (const name of made.splice(0)) await admin(async client => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
		},
	};
}

/** A self-signed certificate for localhost and 127.0.0.1 and its key, readable by the server's account only. */
async function makeCertificate(root: string, user: {uid: number; gid: number} | undefined): Promise<{certificate: string; key: string}> {
	const certificate = path.join(root, 'server.crt');
	const key = path.join(root, 'server.key');
	await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', certificate, '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], undefined);
	if (user) for (const file of [certificate, key]) await chown(file, user.uid, user.gid);
	await chmod(key, 0o600);
	return {certificate, key};
}

async function startLocal(tls: boolean): Promise<TestServer> {
	const bin = binDirectory();
	const user = serverUser();
	const root = await mkdtemp(path.join(os.tmpdir(), 'skillscope-pg-'));
	if (user) await chown(root, user.uid, user.gid);
	await chmod(root, 0o700);
	const certificates = tls ? await makeCertificate(root, user) : undefined;
	const passwordFile = path.join(root, 'password');
	await writeFile(passwordFile, PASSWORD);
	if (user) await chown(passwordFile, user.uid, user.gid);
	const data = path.join(root, 'data');
	await run(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', `--pwfile=${passwordFile}`, '--auth-host=scram-sha-256', '--auth-local=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], user);
	const port = await freePort();
	const logFile = path.join(root, 'log');
	const settings = ['listen_addresses=127.0.0.1', `unix_socket_directories=${root}`, 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=40', 'shared_buffers=64MB'];
	if (certificates) settings.push('ssl=on', `ssl_cert_file=${certificates.certificate}`, `ssl_key_file=${certificates.key}`);
	const child = spawn(path.join(bin, 'postgres'), ['-D', data, '-p', String(port), ...settings.flatMap(setting => ['-c', setting])], {stdio: ['ignore', 'ignore', 'pipe'], ...user});
	let log = '';
	child.stderr!.on('data', chunk => (log += String(chunk)));
	const adminUrl = `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`;
	const stop = async () => {
		if (child.exitCode === null) {
			const exited = new Promise(resolve => child.once('exit', resolve));
			// SIGINT: the fast shutdown (running sessions are ended, nothing waits for clients).
			child.kill('SIGINT');
			await exited;
		}

		await rm(root, {recursive: true, force: true});
	};

	try {
		await waitUntilReady(adminUrl, child, async () => log || (await readFile(logFile, 'utf8').catch(() => '')));
	} catch (error) {
		await stop();
		throw error;
	}

	return {database: databaseMaker(adminUrl).make, own: true, stop, ...(certificates ? {certificate: certificates.certificate} : {})};
}

/** The server of a test file: SKILLSCOPE_TEST_PG_URL's when set, else one started here (`tls`: with a certificate of its own). */
export async function startPostgres(options: {tls?: boolean} = {}): Promise<TestServer> {
	const named = process.env.SKILLSCOPE_TEST_PG_URL;
	if (!named) return startLocal(options.tls === true);
	const maker = databaseMaker(named);
	return {database: maker.make, own: false, stop: maker.drop};
}
