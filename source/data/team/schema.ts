import {randomUUID} from 'node:crypto';
import {TeamServerError} from '../../errors.js';
import type {TeamConnection} from './connection.js';
import {TEAM_MIGRATIONS, TEAM_SCHEMA, TEAM_SCHEMA_VERSION} from './server-schema.js';

/*
 * Every call checks the server's schema version first. A server without the schema gets it, one
 * behind gets the versions it lacks (under a lock, so that two laptops upgrading at once apply
 * each once), and one ahead is refused with the skillscope to install: this one cannot know what
 * a newer client stores, and writing beside it could break the newer readers.
 */

export interface ServerSchema {
	version: number;
	/** Made by the client that created the schema: a pull keeps its place per server under it. */
	serverId: string;
}

/** pg_advisory_xact_lock's key: any constant of our own, the same in every client. */
const MIGRATION_LOCK = 0x5c_0_9e_24;

async function currentVersion(connection: TeamConnection): Promise<{version: number; client: string} | undefined> {
	// pg_tables, not to_regclass: a name lookup may answer from the session's catalog cache, which
	// missed the table another client had just made under the lock (two laptops' first pushes at once).
	const [exists] = await connection.query<{found: boolean}>(
		`SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = $1 AND tablename = 'schema_version') AS found`,
		[TEAM_SCHEMA],
	);
	if (!exists?.found) return undefined;
	const [row] = await connection.query<{version: number | null; client: string | null}>(
		`SELECT version, client_version AS client FROM ${TEAM_SCHEMA}.schema_version ORDER BY version DESC LIMIT 1`,
	);
	return row?.version ? {version: row.version, client: row.client ?? 'unknown'} : undefined;
}

function refuseNewer(connection: TeamConnection, found: {version: number; client: string}): never {
	throw new TeamServerError(
		`the team server ${connection.url.display} holds skillscope's server schema version ${found.version}, newer than this skillscope (${connection.settings.clientVersion}) knows (version ${TEAM_SCHEMA_VERSION}): install skillscope ${found.client} or later (it upgraded the server)`,
	);
}

async function migrate(connection: TeamConnection, from: number): Promise<void> {
	const {client} = connection;
	try {
		await client.query('BEGIN');
		await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
		// Another client may have upgraded while this one waited for the lock.
		const found = await currentVersion(connection);
		if (found && found.version > TEAM_SCHEMA_VERSION) refuseNewer(connection, found);
		const now = found?.version ?? from;
		for (let version = now + 1; version <= TEAM_SCHEMA_VERSION; version++) {
			for (const statement of TEAM_MIGRATIONS[version - 1]!) await client.query(statement);
			await client.query(`INSERT INTO ${TEAM_SCHEMA}.schema_version (version, client_version) VALUES ($1, $2)`, [version, connection.settings.clientVersion]);
		}

		await client.query(`INSERT INTO ${TEAM_SCHEMA}.settings VALUES ('server_id', $1) ON CONFLICT (key) DO NOTHING`, [randomUUID()]);
		await client.query('COMMIT');
	} catch (error) {
		await client.query('ROLLBACK').catch(() => undefined);
		throw connection.fail(error);
	}
}

/**
 * The server's schema, made or brought up to this client's version when `create` (a push or
 * pull); a status or top on a server without one says so instead of creating it.
 */
export async function ensureSchema(connection: TeamConnection, create: boolean): Promise<ServerSchema> {
	const found = await currentVersion(connection);
	if (found && found.version > TEAM_SCHEMA_VERSION) refuseNewer(connection, found);
	if (!found && !create) {
		throw new TeamServerError(`the team server ${connection.url.display} holds no skillscope data yet: \`skillscope team push\` makes its tables and sends this machine's invocations`);
	}

	if (!found || found.version < TEAM_SCHEMA_VERSION) await migrate(connection, found?.version ?? 0);
	const [server] = await connection.query<{value: string}>(`SELECT value FROM ${TEAM_SCHEMA}.settings WHERE key = 'server_id'`);
	return {version: TEAM_SCHEMA_VERSION, serverId: server!.value};
}
