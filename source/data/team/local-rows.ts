import {listValue} from '../store/duckdb.js';
import type {Database} from '../store/database.js';
import {LOCAL_MACHINE} from '../registry/registry.js';
import {CONTENT_COLUMNS, isInstant, TEAM_COLUMNS} from './columns.js';
import {duckPath} from './transfer.js';

/*
 * This machine's own rows as a push sends them (never pulled ones): what lake push writes
 * (lake/push.ts), the outcome and version columns added, with the same --anonymize rules and the
 * same salted ids, so that a machine's projects get the same ids on the server as in a lake.
 */

const SALTED = (value: string) => `substr(sha256((SELECT value FROM settings WHERE key = 'lake_salt') || ${value}), 1, 16)`;

/** What --anonymize replaces, and with what: paths, names, queries, error texts, sessions and agents. */
function hidden(anonymize: boolean): Record<string, string> {
	if (!anonymize) return {metadata: 'u.metadata::VARCHAR'};
	return {
		session_key: SALTED('u.session_key'),
		session_id: `CASE WHEN u.session_id IS NOT NULL THEN ${SALTED('u.session_id')} END`,
		workflow_path: 'NULL::VARCHAR',
		error_type: 'NULL::VARCHAR',
		metadata: 'NULL::VARCHAR',
		agent_id: 'NULL::VARCHAR',
	};
}

/**
 * The rows with their project (as the server knows it) and UTC month (a TIMESTAMP: the month of
 * the epoch microseconds, without ICU's zone arithmetic, which cost 0.6 s a million rows).
 */
export function ownRowsSql(anonymize: boolean): string {
	const replaced = hidden(anonymize);
	const columns = TEAM_COLUMNS.map(([name]) => `${replaced[name] ?? `u.${name}`} AS ${name}`).join(', ');
	return `SELECT ${anonymize ? SALTED('p.project_id') : 'p.project_id'} AS project, date_trunc('month', make_timestamp(epoch_us(u.invoked_at))) AS month, ${columns}
		FROM skill_usage u JOIN projects p USING (project_id)
		WHERE p.machine_id = ${LOCAL_MACHINE} AND p.is_active`;
}

export interface LocalProject {
	project_id: string;
	project_name: string;
	project_type: string;
	project_path: string | null;
	invocations: number;
}

export async function ownProjects(database: Database, anonymize: boolean): Promise<LocalProject[]> {
	return database.all<LocalProject & Record<string, unknown>>(
		`SELECT ${anonymize ? SALTED('p.project_id') : 'p.project_id'} AS project_id,
			${anonymize ? `'project-' || substr(${SALTED('p.project_id')}, 1, 6)` : 'p.project_name'} AS project_name,
			${anonymize ? `'unknown'` : 'p.project_type'} AS project_type, ${anonymize ? 'NULL::VARCHAR' : 'p.project_path'} AS project_path,
			(SELECT count(*) FROM skill_usage u WHERE u.project_id = p.project_id)::INTEGER AS invocations
		FROM projects p WHERE p.machine_id = ${LOCAL_MACHINE} AND p.is_active ORDER BY project_id`,
	);
}

/** A project's UTC month as a push compares it: its rows and a digest of what they hold. */
export interface Part {
	project_id: string;
	month: string;
	invocations: number;
	digest: string;
}

/**
 * Bumped when what a push sends of a row changes: every month's digest changes with it, so the
 * next push sends everything once.
 */
const DIGEST_FORMAT = 'v1';

/**
 * Each month's digest: an XOR of a 64-bit hash per row over its key and everything a pull
 * compares (collected_at aside). Keys are unique, so no two rows cancel; a change in any row,
 * or a row added or gone, changes it (a false "same" needs a 64-bit collision). DuckDB may hash
 * differently after an upgrade: then every month is sent once more, and compared row by row there.
 */
export async function localParts(database: Database, anonymize: boolean): Promise<Part[]> {
	const hashed = ['skill_name', 'invoked_at', 'session_key', ...CONTENT_COLUMNS].join(', ');
	return database.all<Part & Record<string, unknown>>(
		`SELECT project AS project_id, strftime(month, '%Y-%m') AS month, count(*)::INTEGER AS invocations,
			$format || ':' || count(*) || ':' || bit_xor(hash(${hashed}))::VARCHAR AS digest
		FROM (${ownRowsSql(anonymize)}) GROUP BY project, month ORDER BY project, month`,
		{format: DIGEST_FORMAT},
	);
}

/** A month a push sends: `fresh` when the server holds nothing of it yet (a first push, a new month). */
export interface SentPart extends Part {
	fresh: boolean;
}

/**
 * The rows of the months named into a CSV file, in the column order of the server's stage
 * (project, fresh, then TEAM_COLUMNS); instants as epoch microseconds, which DuckDB writes 20-30x
 * faster than formatted text and the server turns back exactly. In the table's own order: sorting
 * a million wide rows first cost more than it saved the server's index.
 */
export async function writeOwnRows(database: Database, anonymize: boolean, parts: readonly SentPart[], file: string): Promise<void> {
	const columns = TEAM_COLUMNS.map(([name, type]) => (isInstant(type) ? `epoch_us(${name})` : name)).join(', ');
	await database.run(`CREATE OR REPLACE TEMP TABLE team_push_parts AS
		SELECT unnest($projects) AS project, strptime(unnest($months), '%Y-%m') AS month, unnest($fresh) AS fresh`, {
		projects: listValue(parts.map(part => part.project_id)),
		months: listValue(parts.map(part => part.month)),
		fresh: listValue(parts.map(part => part.fresh)),
	});
	try {
		await database.run(`COPY (SELECT project, fresh, ${columns} FROM (${ownRowsSql(anonymize)}) JOIN team_push_parts USING (project, month))
			TO ${duckPath(file)} (FORMAT csv, HEADER false)`);
	} finally {
		await database.run(`DROP TABLE IF EXISTS temp.team_push_parts`);
	}
}
