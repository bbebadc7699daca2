import {listValue} from '../store/duckdb.js';
import type {Database} from '../store/database.js';
import {MAX_SKILL_NAME_LENGTH} from '../../formats/validation.js';
import {OUTCOMES} from '../../domain/types.js';

/*
 * Pulled rows checked as a collect checks its sources (formats/validation.ts): the lake is a
 * boundary, and another machine's folder may be damaged or hand-made. Two kinds of fault:
 *
 * - `damaged`: no skillscope writes such a row (its table holds these columns NOT NULL, its status
 *   one of three, success from the status, durations from clocks). The file is damaged and its
 *   folder is skipped whole, like a file whose counts differ from the manifest: a folder is one
 *   push, and a partial one would let --mirror delete here what it left out.
 * - `dropped`: values an older skillscope could store before it checked them (transcript names of
 *   any length, years out of range). Those rows are dropped, named by file; the rest is pulled.
 *
 * Negative load_ms stays: a result stamped before its call (a clock step) is stored so by collects.
 */

interface Rule {
	/** True for a row that breaks the rule, as SQL over the lake's columns (NULL counts as keeping it). */
	breaks: string;
	problem: string;
	damaged: boolean;
}

const REQUIRED = ['skill_name', 'session_key', 'invoked_at', 'status', 'collected_at', 'source', 'trigger', 'kind', 'followup_actions'];

const RULES: readonly Rule[] = [
	...REQUIRED.map(column => ({breaks: `${column} IS NULL`, problem: `${column} is missing (NULL)`, damaged: true})),
	{breaks: `status NOT IN ('succeeded', 'failed', 'pending')`, problem: 'status is not succeeded, failed or pending', damaged: true},
	{breaks: `success IS DISTINCT FROM (CASE status WHEN 'succeeded' THEN true WHEN 'failed' THEN false END)`, problem: 'success contradicts status', damaged: true},
	{breaks: `NOT isfinite(duration_ms) OR duration_ms < 0`, problem: 'duration_ms is NaN, infinite or negative', damaged: true},
	{breaks: `followup_actions < 0`, problem: 'followup_actions is negative', damaged: true},
	{breaks: `tool_errors < 0 OR output_tokens < 0`, problem: 'tool_errors or output_tokens is negative', damaged: true},
	{breaks: `NOT isfinite(load_ms)`, problem: 'load_ms is NaN or infinite', damaged: true},
	{breaks: `outcome NOT IN (${OUTCOMES.map(outcome => `'${outcome}'`).join(', ')})`, problem: `outcome is not one of ${OUTCOMES.join(', ')}`, damaged: true},
	{breaks: `trim(skill_name) = '' OR length(skill_name) > ${MAX_SKILL_NAME_LENGTH}`, problem: `skill_name is empty or longer than ${MAX_SKILL_NAME_LENGTH} characters`, damaged: false},
	{
		breaks: `invoked_at < TIMESTAMPTZ '1970-01-01 00:00:00+00' OR invoked_at >= TIMESTAMPTZ '2200-01-01 00:00:00+00'`,
		problem: 'invoked_at is before 1970 or after 2199',
		damaged: false,
	},
];

/** Each row's first broken rule, by its index in RULES; NULL for a good row. */
const FIRST_BROKEN = `CASE ${RULES.map((rule, index) => `WHEN ${rule.breaks} THEN ${index}`).join(' ')} END`;

export interface Dropped {
	/** The file as the manifest lists it. */
	file: string;
	rows: number;
	problem: string;
}

export type Verdict = {damaged: string} | {dropped: Dropped[]};

/**
 * One machine's rows in `table` (the pulled rows, `machine_id` = $machine) checked: one pass when
 * they are good; the files are read again only to name those that hold bad rows.
 */
export async function checkRows(database: Database, table: string, machineId: string, read: {files: string[]; listed: string[]; columns: string}): Promise<Verdict> {
	const {files, listed} = read;
	const broken = await database.all<{rule: number; rows: number}>(
		`SELECT rule, count(*)::INTEGER AS rows FROM (SELECT ${FIRST_BROKEN} AS rule FROM ${table} WHERE machine_id = $machine) WHERE rule IS NOT NULL GROUP BY rule ORDER BY rule`,
		{machine: machineId},
	);
	if (broken.length === 0) return {dropped: []};
	const byFile = await database.all<{rule: number; file: string; rows: number}>(
		`SELECT rule, filename AS file, count(*)::INTEGER AS rows
		FROM (SELECT ${FIRST_BROKEN} AS rule, filename FROM (SELECT ${read.columns}, filename FROM read_parquet($files, filename = true)))
		WHERE rule IS NOT NULL GROUP BY ALL ORDER BY rule, file`,
		{files: listValue(files)},
	);
	const named = byFile.map(row => ({rule: RULES[row.rule]!, file: listed[files.indexOf(row.file)] ?? row.file, rows: row.rows}));
	const damaged = named.filter(row => row.rule.damaged);
	if (damaged.length > 0) {
		const [first] = damaged;
		const others = named.reduce((sum, row) => sum + row.rows, 0) - first!.rows;
		return {damaged: `${first!.file}: ${first!.rows} row(s) where ${first!.rule.problem}${others > 0 ? ` (and ${others} other bad row(s))` : ''}`};
	}

	await database.run(`DELETE FROM ${table} WHERE machine_id = $machine AND (${FIRST_BROKEN}) IS NOT NULL`, {machine: machineId});
	return {dropped: named.map(row => ({file: row.file, rows: row.rows, problem: row.rule.problem}))};
}
