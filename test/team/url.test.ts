import assert from 'node:assert/strict';
import {chmod, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {test} from 'node:test';
import {credentialsFrom, loginFor, passFilePassword} from '../../source/data/team/credentials.js';
import {isLoopback, parseTeamUrl, redactUrl, tlsOptions} from '../../source/data/team/url.js';
import {makeTempDir} from '../helpers/temp.js';

/* The team URL: what is shown of it, when TLS is required, and where a password comes from. */

test('a URL is shown without its password, nor a password given as a parameter', () => {
	assert.equal(redactUrl('postgres://ana:s3cr3t-pw@db.example.com:5433/team?sslmode=require'), 'postgres://ana:…@db.example.com:5433/team?sslmode=require');
	assert.equal(redactUrl('postgresql://db.example.com/team?user=ana&password=s3cr3t-pw'), 'postgresql://db.example.com/team?user=ana&password=…');
	assert.equal(redactUrl('postgres://ana@db.example.com/team'), 'postgres://ana@db.example.com/team');
	// Not a URL at all: still nothing of what stands before the @.
	assert.ok(!redactUrl('postgres://ana:s3cr3t pw@db/x').includes('s3cr3t'));
});

test('a URL is read as libpq reads it; a wrong one is a usage error naming it without its password', () => {
	const url = parseTeamUrl('postgres://ana:p%40ss@db.example.com:5433/team%20db?sslmode=verify-full&sslrootcert=/etc/ca.pem');
	assert.deepEqual({...url, display: undefined}, {
		host: 'db.example.com', port: 5433, database: 'team db', user: 'ana', password: 'p@ss', sslMode: 'verify-full', sslRootCert: '/etc/ca.pem', display: undefined,
	});
	assert.equal(parseTeamUrl('postgres:///team?host=/var/run/postgresql').host, '/var/run/postgresql');
	assert.throws(() => parseTeamUrl('mysql://ana:s3cr3t-pw@db/team'), (error: Error) => /not a PostgreSQL URL/.test(error.message) && !error.message.includes('s3cr3t'));
	assert.throws(() => parseTeamUrl('postgres://ana:s3cr3t-pw@db.example.com'), /names no database/);
	assert.throws(() => parseTeamUrl('postgres://db.example.com/team?sslmode=sometimes'), /sslmode=sometimes is not one of/);
});

test('TLS: required (and checked) for a host that is not this machine unless sslmode=disable; off on loopback unless asked', () => {
	const tls = (text: string) => tlsOptions(parseTeamUrl(text));
	assert.deepEqual(tls('postgres://db.example.com/team'), {rejectUnauthorized: true, servername: 'db.example.com'});
	assert.deepEqual(tls('postgres://db.example.com/team?sslmode=prefer'), {rejectUnauthorized: true, servername: 'db.example.com'}, 'prefer is not enough across a network');
	assert.deepEqual(tls('postgres://10.1.2.3/team?sslmode=require'), {rejectUnauthorized: false}, 'require encrypts without checking, as libpq');
	const verifyCa = tls('postgres://db.example.com/team?sslmode=verify-ca');
	assert.ok(verifyCa !== false && verifyCa.rejectUnauthorized && typeof verifyCa.checkServerIdentity === 'function', 'the chain, not the name');
	assert.equal(tls('postgres://db.example.com/team?sslmode=disable'), false, 'only an explicit disable turns it off');
	for (const local of ['127.0.0.1', 'localhost', '[::1]', '127.0.1.1']) {
		assert.equal(tls(`postgres://${local}:5432/team`), false, local);
		assert.ok(tls(`postgres://${local}:5432/team?sslmode=require`), `${local}, asked for`);
	}

	assert.ok(isLoopback('/var/run/postgresql') && !isLoopback('128.0.0.1') && !isLoopback('localhost.example.com') && !isLoopback('db'));
	assert.throws(() => tls('postgres://db.example.com/team?sslrootcert=/nonexistent/ca.pem'), /sslrootcert \/nonexistent\/ca\.pem cannot be read/);
});

test('a password: the URL\'s, else PGPASSWORD, else the password file (ignored while others can read it)', async () => {
	const home = await makeTempDir();
	const file = path.join(home, '.pgpass');
	await writeFile(file, ['# a comment', 'other.example.com:5432:*:ana:not-this-one', 'db.example.com:5432:team:bob:bob-pw', 'db.example.com:*:*:ana:an\\:a\\\\pw', ''].join('\n'));
	await chmod(file, 0o600);
	const url = parseTeamUrl('postgres://ana@db.example.com/team');
	assert.deepEqual(passFilePassword(file, url, 'ana'), {password: 'an:a\\pw'});
	assert.deepEqual(passFilePassword(file, url, 'carol'), {});

	const fromFile = loginFor(url, credentialsFrom({}, home));
	assert.equal(fromFile.password(), 'an:a\\pw');
	assert.equal(fromFile.source(), `${file}'s`);
	const fromEnvironment = loginFor(url, credentialsFrom({PGPASSWORD: 'env-pw'}, home));
	assert.equal(fromEnvironment.password(), 'env-pw');
	assert.equal(loginFor(parseTeamUrl('postgres://ana:url-pw@db.example.com/team'), credentialsFrom({PGPASSWORD: 'env-pw'}, home)).password(), 'url-pw');
	assert.equal(loginFor(parseTeamUrl('postgres://db.example.com/team'), credentialsFrom({PGUSER: 'bob'}, home)).user, 'bob');

	await chmod(file, 0o644);
	const open = loginFor(url, credentialsFrom({}, home));
	assert.equal(open.password(), undefined);
	assert.match(open.source(), /readable by others \(chmod 600 it\)/);
});
