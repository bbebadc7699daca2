import pg from 'pg';
import {TeamServerError} from '../../errors.js';
import {credentialsFrom, type Login, loginFor} from './credentials.js';
import {requireTeamUrl, type TeamSettings} from './settings.js';
import {isLoopback, parseTeamUrl, type TeamUrl, tlsOptions} from './url.js';

/*
 * One connection to the team server per command, opened here and closed by the caller. Every
 * failure becomes a TeamServerError that says what to do and names the server by its URL
 * without the password (errors.ts); no stack, no secret.
 */

export interface TeamConnection {
	client: pg.Client;
	url: TeamUrl;
	settings: TeamSettings;
	/** Rows of a statement whose values are all bound as $1, $2, … parameters. */
	query: <T>(sql: string, params?: unknown[]) => Promise<T[]>;
	/** A failure of this server as the user reads it. */
	fail: (error: unknown) => TeamServerError;
	close: () => Promise<void>;
}

const CONNECT_TIMEOUT_MS = 15_000;
/** Longer than a push's own pauses between statements (DuckDB writing 10 M rows took minutes on 2 busy cores). */
const IDLE_IN_TRANSACTION_MS = 15 * 60_000;

const CERTIFICATE_CODES = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID']);

function firstLine(error: unknown): string {
	return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

function explain(error: unknown, url: TeamUrl, login: Login): string {
	const at = `the team server ${url.display}`;
	const code = (error as {code?: string}).code ?? '';
	const message = firstLine(error);
	if (code === 'ECONNREFUSED') return `cannot reach ${at}: connection refused (is PostgreSQL running there, on port ${url.port}?)`;
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot reach ${at}: no host ${url.host} (check the URL)`;
	if (['ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET'].includes(code)) return `cannot reach ${at}: ${code}`;
	if (/timeout/i.test(message) && /connect/i.test(message)) return `cannot reach ${at}: no answer within ${CONNECT_TIMEOUT_MS / 1000} s`;
	if (code === '28P01') return `${at} refused the login of user "${login.user}": wrong password (the password used: ${login.source()})`;
	if (/client password must be a string|password authentication failed|no password/i.test(message)) {
		return `${at} asks user "${login.user}" for a password, and ${login.source()}`;
	}

	if (code === '28000') return `${at} refused the login of user "${login.user}": ${message}`;
	if (/does not support SSL/i.test(message)) {
		const why = isLoopback(url.host) ? `the URL says sslmode=${url.sslMode}` : 'its host is not this machine';
		return `${at} does not offer TLS, which skillscope requires here (${why}): turn ssl on in the server, or add sslmode=disable to the URL if the network between is trusted`;
	}

	if (CERTIFICATE_CODES.has(code) || /certificate/i.test(message)) {
		return `${at} presented a TLS certificate that is not trusted (${message}): name its CA with sslrootcert=FILE in the URL, or sslmode=require to encrypt without checking it`;
	}

	if (code === '3D000') return `${at}: ${message} (create it, or name another in the URL)`;
	if (code === '42501') return `${at} refused: ${message} (the user needs the right to create a schema on the first call, and to write its tables)`;
	if (/Connection terminated|ended unexpectedly|socket hang up/i.test(message)) return `${at} closed the connection: ${message}`;
	return code ? `${at} refused: ${message} (${code})` : `${at}: ${message}`;
}

/** The message, with every secret this call knows replaced: belt and braces, no driver message is trusted to leave them out. */
function scrub(text: string, secrets: ReadonlyArray<string | undefined>): string {
	let out = text;
	for (const secret of secrets) if (secret && secret.length >= 3) out = out.replaceAll(secret, '…');
	return out;
}

/** Connects and sets the session (UTC, ISO dates: the text of every instant read back is UTC). */
export async function connectTeam(settings: TeamSettings | undefined): Promise<TeamConnection> {
	const raw = requireTeamUrl(settings);
	const url = parseTeamUrl(raw);
	const credentials = credentialsFrom(settings!.variables as NodeJS.ProcessEnv, settings!.home);
	const login = loginFor(url, credentials);
	const secrets = [url.password, credentials.password, raw.includes('@') ? raw.slice(0, raw.lastIndexOf('@')) : undefined];
	const fail = (error: unknown) => (error instanceof TeamServerError ? error : new TeamServerError(scrub(explain(error, url, login), secrets)));
	const client = new pg.Client({
		host: url.host,
		port: url.port,
		database: url.database,
		user: login.user,
		// The driver takes undefined for "none" (and then fails the login, which explain() words).
		password: (async () => login.password()) as () => Promise<string>,
		ssl: tlsOptions(url),
		application_name: 'skillscope',
		connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
		// A laptop that drops off the network mid-push leaves its session idle in its transaction,
		// holding the machine's push lock: the server ends it after this, and the rows roll back.
		idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
		keepAlive: true,
	});
	// A server that goes away between queries emits 'error' on the client: the next query fails with it.
	client.on('error', () => undefined);
	try {
		await client.connect();
		await client.query(`SET TimeZone = 'UTC'; SET DateStyle = 'ISO'; SET IntervalStyle = 'postgres'`);
	} catch (error) {
		await client.end().catch(() => undefined);
		throw fail(error);
	}

	let closing: Promise<void> | undefined;
	return {
		client,
		url,
		settings: settings!,
		async query<T>(sql: string, params: unknown[] = []) {
			try {
				return (await client.query(sql, params)).rows as T[];
			} catch (error) {
				throw fail(error);
			}
		},
		fail,
		// Once: a pull closes the server before its local write, and again on the way out.
		close: async () => (closing ??= client.end().catch(() => undefined)),
	};
}
