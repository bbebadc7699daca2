import os from 'node:os';
import pg from 'pg';
import type {Database} from '../../source/data/store/database.js';
import {pullTeam, type TeamPullOptions, type TeamPullReport} from '../../source/data/team/pull.js';
import {pushTeam, type TeamPushReport} from '../../source/data/team/push.js';
import type {TeamSettings} from '../../source/data/team/settings.js';

/* The team server from a test: settings as the edge would pass them, push, pull, and the server's tables as text. */

export function teamSettings(url: string, variables: Record<string, string> = {}): TeamSettings {
	return {url, variables, home: os.tmpdir(), tmpdir: os.tmpdir(), clientVersion: '0.0.0-test'};
}

export const teamPush = (database: Database, url: string, anonymize = false): Promise<TeamPushReport> => pushTeam(database, teamSettings(url), {anonymize});

export const teamPull = (database: Database, url: string, options: Partial<TeamPullOptions> = {}): Promise<TeamPullReport> =>
	pullTeam(database, teamSettings(url), {timezone: 'UTC', ...options});

export async function withServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({connectionString: url});
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

/** The tables a push writes, each row as text in a stable order (the push times aside, which every push moves). */
export async function serverDump(url: string): Promise<Record<string, string[]>> {
	return withServer(url, async client => {
		const dump: Record<string, string[]> = {};
		const tables = {
			invocations: 'SELECT t::text AS line FROM skillscope.invocations t',
			skill_daily: 'SELECT t::text AS line FROM skillscope.skill_daily t',
			projects: 'SELECT t::text AS line FROM skillscope.projects t',
			push_parts: 'SELECT t::text AS line FROM skillscope.push_parts t',
			machines: 'SELECT (machine_id, name, anonymized, invocations)::text AS line FROM skillscope.machines',
		};
		for (const [name, sql] of Object.entries(tables)) dump[name] = (await client.query<{line: string}>(`${sql} ORDER BY 1`)).rows.map(row => row.line);
		return dump;
	});
}

/** Rows on the server per machine. */
export async function serverRows(url: string): Promise<Record<string, number>> {
	return withServer(url, async client => {
		const {rows} = await client.query<{machine_id: string; n: number}>('SELECT machine_id, count(*)::int AS n FROM skillscope.invocations GROUP BY machine_id');
		return Object.fromEntries(rows.map(row => [row.machine_id, row.n]));
	});
}
