import {LAKE_COLUMNS} from '../lake/layout.js';

/*
 * An invocation as the team server holds it: the lake's columns (lake/layout.ts), which are
 * skill_usage's less what only the writing machine can use, how the work ended and which version
 * of the skill ran included (schema 6). Never a skill's body: skill_bodies stays on the laptop.
 * The server's table had these columns from its first version, in this order: the stage a push
 * copies into, and the digests of what it sent, are the same as before the lake carried them.
 */
export const TEAM_COLUMNS = LAKE_COLUMNS;

export type DuckType = (typeof TEAM_COLUMNS)[number][1];

const PG_TYPES: Record<DuckType, string> = {
	VARCHAR: 'text',
	'TIMESTAMP WITH TIME ZONE': 'timestamptz',
	DOUBLE: 'double precision',
	BOOLEAN: 'boolean',
	INTEGER: 'integer',
	BIGINT: 'bigint',
};

export const pgType = (type: DuckType) => PG_TYPES[type];

export const isInstant = (type: DuckType) => type === 'TIMESTAMP WITH TIME ZONE';

export const TEAM_COLUMN_NAMES = TEAM_COLUMNS.map(([name]) => name);

/** What a newer push may change of a stored row: everything but its key and when it was collected (as lake/upsert.ts compares). */
export const CONTENT_COLUMNS = TEAM_COLUMN_NAMES.filter(name => !['skill_name', 'invoked_at', 'session_key', 'collected_at'].includes(name));

export const KEY_COLUMNS = ['project_id', 'skill_name', 'invoked_at', 'session_key'] as const;

/** Postgres's text of a timestamptz (ISO style, UTC session) as the reports write instants: `2026-01-02T03:04:05.000006Z`. */
export function isoOfText(text: string | null): string | null {
	if (text === null) return null;
	const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?\+00$/.exec(text);
	if (!match) throw new Error(`unexpected instant from the team server: ${text}`);
	return `${match[1]}T${match[2]}.${(match[3] ?? '').padEnd(6, '0')}Z`;
}
