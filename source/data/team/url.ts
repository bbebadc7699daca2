import {readFileSync} from 'node:fs';
import {UsageError} from '../../errors.js';

/*
 * The team server's URL (`team.url` in the config file, or SKILLSCOPE_TEAM_URL): a libpq-style
 * `postgres://user:password@host:port/database?sslmode=…`. It is read here into what the driver
 * needs, and shown only without its secrets. TLS is required for every host that is not this
 * machine (loopback or a socket folder) unless the URL says sslmode=disable: a team's usage data
 * crosses a network only encrypted, and only when the user says otherwise does it not.
 */

export type SslMode = 'disable' | 'allow' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';
const SSL_MODES: readonly SslMode[] = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

/** Query parameters that may carry a secret: never shown. */
const SECRET_PARAMETERS = ['password', 'sslpassword', 'sslkey'];

export interface TeamUrl {
	host: string;
	port: number;
	database: string;
	user: string | undefined;
	/** From the URL itself; the environment and ~/.pgpass come after (pgpass.ts). */
	password: string | undefined;
	sslMode: SslMode | undefined;
	/** A file of CA certificates to trust (sslrootcert), or `system` for the system's. */
	sslRootCert: string | undefined;
	/** What errors and reports show: the URL without its password or secret parameters. */
	display: string;
}

/** The URL as it may be shown: user, host, port, database and harmless parameters; no password. */
export function redactUrl(text: string): string {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		// Not a URL: show its scheme and host-looking part only, never the rest (it may hold a password).
		return text.replace(/\/\/[^@/]*@/, '//…@').replace(/(password|sslpassword)=[^&\s]*/gi, '$1=…');
	}

	if (url.password) url.password = '…';
	for (const name of SECRET_PARAMETERS) if (url.searchParams.has(name)) url.searchParams.set(name, '…');
	return url.toString().replaceAll('%E2%80%A6', '…');
}

// node:net's isIP would do, but no module of ours imports a networking module (test/safety).
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const isAddress = (host: string) => IPV4.test(host) || host.includes(':');

/** This machine: loopback addresses, `localhost`, and a Unix socket folder. */
export function isLoopback(host: string): boolean {
	if (host.startsWith('/')) return true;
	const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
	if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
	if (IPV4.test(bare)) return bare.startsWith('127.');
	return bare === '::1' || bare === '0:0:0:0:0:0:0:1';
}

const decode = (value: string) => {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
};

export function parseTeamUrl(text: string): TeamUrl {
	const display = redactUrl(text);
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw new UsageError(`the team URL ${display} is not a URL: expected postgres://user:password@host:5432/database`);
	}

	if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
		throw new UsageError(`the team URL ${display} is not a PostgreSQL URL: expected postgres://user:password@host:5432/database`);
	}

	const params = url.searchParams;
	const mode = params.get('sslmode') ?? undefined;
	if (mode !== undefined && !(SSL_MODES as readonly string[]).includes(mode)) {
		throw new UsageError(`the team URL ${display}: sslmode=${mode} is not one of ${SSL_MODES.join(', ')}`);
	}

	// A socket folder goes in ?host= (libpq's form); a host name in the authority.
	const host = params.get('host') ?? decode(url.hostname) ?? '';
	const database = decode(url.pathname.replace(/^\//, ''));
	if (!host) throw new UsageError(`the team URL ${display} names no host`);
	if (!database) throw new UsageError(`the team URL ${display} names no database (postgres://…/DATABASE)`);
	const port = url.port ? Number(url.port) : Number(params.get('port') ?? 5432);
	return {
		host: host.replace(/^\[|\]$/g, ''),
		port,
		database,
		user: url.username ? decode(url.username) : (params.get('user') ?? undefined),
		password: url.password ? decode(url.password) : (params.get('password') ?? undefined),
		sslMode: mode as SslMode | undefined,
		sslRootCert: params.get('sslrootcert') ?? undefined,
		display,
	};
}

/** What the driver's `ssl` option gets: false, or how to check the server's certificate. */
export type TlsOptions = false | {rejectUnauthorized: boolean; ca?: string; checkServerIdentity?: () => undefined; servername?: string};

/**
 * libpq's modes, with one rule of ours on top: a host that is not this machine gets TLS whatever
 * the mode says, unless it says `disable`. Without a mode that host's certificate is checked in
 * full (name and chain, against the system's CAs or sslrootcert); `require` encrypts without
 * checking, as libpq does; `verify-ca` checks the chain but not the name.
 */
export function tlsOptions(url: TeamUrl): TlsOptions {
	const mode = url.sslMode;
	if (mode === 'disable') return false;
	const local = isLoopback(url.host);
	if (local && (mode === undefined || mode === 'allow' || mode === 'prefer')) return false;
	if (url.host.startsWith('/')) throw new UsageError(`the team URL ${url.display}: sslmode=${mode} over a Unix socket (TLS needs a host name)`);
	const ca = url.sslRootCert && url.sslRootCert !== 'system' ? readCa(url.sslRootCert, url.display) : undefined;
	const verify = mode === undefined || mode === 'verify-ca' || mode === 'verify-full' || mode === 'allow' || mode === 'prefer';
	return {
		rejectUnauthorized: verify,
		...(ca === undefined ? {} : {ca}),
		...(mode === 'verify-ca' ? {checkServerIdentity: () => undefined} : {}),
		...(isAddress(url.host) ? {} : {servername: url.host}),
	};
}

function readCa(file: string, display: string): string {
	try {
		return readFileSync(file, 'utf8');
	} catch (error) {
		throw new UsageError(`the team URL ${display}: sslrootcert ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
	}
}
