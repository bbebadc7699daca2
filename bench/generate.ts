import {createWriteStream} from 'node:fs';
import {mkdir, stat} from 'node:fs/promises';
import path from 'node:path';

/**
 * Synthetic projects in the real tracker format (variant B, formats.md), written the way Python's
 * `json.dump(..., indent=2)` writes them: two-space indent, `", "`-free separators, floats in
 * Python's repr (`1.6e-05`), non-ASCII escaped. Deterministic: project `p` with `n` records is
 * always the same file, and its first `n` records are the same whatever `n` is, so a file
 * "grown by 1 %" is the same file with records appended, as the writers do it.
 */

export interface Scale {
	name: string;
	projects: number;
	invocations: number;
}

export const SCALES: readonly Scale[] = [
	{name: 'small', projects: 10, invocations: 1000},
	{name: 'medium', projects: 50, invocations: 10_000},
	// 1 M rows, issue 15's first scale: iterating on the cold collect without the 4 GB one.
	{name: 'million', projects: 20, invocations: 50_000},
	{name: 'large', projects: 100, invocations: 100_000},
];

export const SOURCE_FILE = path.join('.session-buddy', 'skill_metrics.json');

const SKILLS = [
	'code-review', 'crackerjack-run', 'session-checkpoint', 'session-start', 'session-end', 'test-generation',
	'write-tests', 'refactor', 'debug-trace', 'deploy', 'doc-writer', 'lint-fix', 'type-check', 'dependency-audit',
	'perf-profile', 'security-scan', 'commit-message', 'pr-summary', 'release-notes', 'schema-migrate',
	'api-design', 'ui-review', 'data-clean', 'log-search', 'benchmark', 'bisect', 'changelog', 'code-search',
	'explain-code', 'translate', 'rename-symbol', 'dead-code', 'coverage-gap', 'flaky-test', 'infra-plan',
	'k8s-debug', 'sql-tune', 'cache-tune', 'incident-review', 'onboarding',
];
const PATHS = ['comprehensive', 'quick', 'fast', 'deep', null];
const ERRORS = ['TimeoutError', 'ValueError', 'KeyError', 'PermissionError'];
const FOLLOW_UPS = ['git commit', 'run tests', 'open pr', 'fix lint', 'update docs'];
const QUERIES = ['fix type errors', 'review the diff', 'why is this slow?', 'write tests for "parser"', 'déjà vu bug', null];

/** A small, fast, seeded PRNG (mulberry32). */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d_2b_79_f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/** Python's json.dumps of a string with ensure_ascii (the default). */
function pyString(value: string): string {
	return JSON.stringify(value).replace(/[\u0080-\uffff]/g, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Python's repr of a float: `1.5`, `12.0`, `3.5e-05`. */
function pyFloat(value: number): string {
	if (Number.isInteger(value)) return `${value}.0`;
	if (Math.abs(value) < 1e-4) {
		const [mantissa, exponent] = value.toExponential().split('e');
		const digits = Number(exponent);
		return `${mantissa}e${digits < 0 ? '-' : '+'}${String(Math.abs(digits)).padStart(2, '0')}`;
	}

	return String(value);
}

function pyList(items: readonly string[], indent: string): string {
	if (items.length === 0) return '[]';
	return `[\n${items.map(item => `${indent}  ${pyString(item)}`).join(',\n')}\n${indent}]`;
}

function pad(value: number, width = 2): string {
	return String(value).padStart(width, '0');
}

/** Naive local ISO time with microseconds, as Python's isoformat() writes it. */
function isoNaive(ms: number, micros: number): string {
	const date = new Date(ms);
	return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(micros, 6)}`;
}

interface SkillTotals {
	total: number;
	completed: number;
	abandoned: number;
	durationSum: number;
	first: string;
	last: string;
}

const START_MS = Date.UTC(2025, 10, 24);
const SPAN_MS = Date.UTC(2026, 10, 24) - START_MS;

/** Writes project `index`'s tracker file with `count` invocations (of a file sized for `base`); returns its size. */
export async function writeTracker(file: string, index: number, count: number, base = count): Promise<number> {
	await mkdir(path.dirname(file), {recursive: true});
	const next = random(0x5e_ed + index * 7919);
	const out = createWriteStream(file, {highWaterMark: 1 << 20});
	const totals = new Map<string, SkillTotals>();
	// Spread over the year by the base count: a grown file keeps its first records' times.
	const step = SPAN_MS / (base * 1.02);
	let chunk = '{\n  "invocations": [\n';
	const flush = async () => {
		if (!out.write(chunk)) await new Promise<void>(resolve => out.once('drain', () => resolve()));
		chunk = '';
	};

	for (let i = 0; i < count; i++) {
		const skill = SKILLS[Math.floor(next() ** 1.6 * SKILLS.length)]!;
		const ms = START_MS + Math.floor((i + next()) * step);
		const invokedAt = isoNaive(ms, Math.floor(next() * 1_000_000));
		const roll = next();
		const completed = roll < 0.78;
		const pending = !completed && roll > 0.96;
		const errorType = !completed && !pending && roll > 0.9 ? ERRORS[Math.floor(next() * ERRORS.length)]! : null;
		const duration = pending ? null : next() < 0.05 ? Math.round(next() * 90) / 1e6 + 1e-6 : Math.round(next() * 120_000) / 1000;
		const followUps = FOLLOW_UPS.filter(() => next() < 0.15);
		const alternatives = SKILLS.filter(() => next() < 0.03);
		const query = QUERIES[Math.floor(next() * QUERIES.length)] ?? null;
		const rank = next() < 0.5 ? 1 + Math.floor(next() * 3) : null;
		const workflow = PATHS[Math.floor(next() * PATHS.length)] ?? null;
		const t = totals.get(skill) ?? {total: 0, completed: 0, abandoned: 0, durationSum: 0, first: invokedAt, last: invokedAt};
		t.total += 1;
		if (completed) t.completed += 1;
		else t.abandoned += 1;
		t.durationSum += duration ?? 0;
		t.last = invokedAt;
		totals.set(skill, t);
		chunk += `    {
      "skill_name": ${pyString(skill)},
      "invoked_at": "${invokedAt}",
      "session_id": "session-${index}-${Math.floor(i / 25)}",
      "workflow_path": ${workflow === null ? 'null' : pyString(workflow)},
      "completed": ${completed ? 'true' : 'false'},
      "duration_seconds": ${duration === null ? 'null' : pyFloat(duration)},
      "user_query": ${query === null ? 'null' : pyString(query)},
      "alternatives_considered": ${pyList(alternatives, '      ')},
      "selection_rank": ${rank ?? 'null'},
      "follow_up_actions": ${pyList(followUps, '      ')},
      "error_type": ${errorType === null ? 'null' : pyString(errorType)}
    }${i + 1 < count ? ',' : ''}\n`;
		if (chunk.length > 1 << 20) await flush();
	}

	chunk += '  ],\n  "skills": {';
	const names = [...totals.keys()];
	names.forEach((name, position) => {
		const t = totals.get(name)!;
		chunk += `\n    ${pyString(name)}: {
      "skill_name": ${pyString(name)},
      "total_invocations": ${t.total},
      "completed_invocations": ${t.completed},
      "abandoned_invocations": ${t.abandoned},
      "total_duration_seconds": ${pyFloat(t.durationSum)},
      "avg_selection_rank": null,
      "recommendation_success_rate": null,
      "first_invoked": "${t.first}",
      "last_invoked": "${t.last}",
      "completion_rate": ${pyFloat((t.completed / t.total) * 100)}
    }${position + 1 < names.length ? ',' : ''}`;
	});
	chunk += `${names.length > 0 ? '\n  ' : ''}},\n  "last_updated": "2026-11-24T01:12:35.660849"\n}`;
	await flush();
	await new Promise<void>((resolve, reject) => {
		out.end(() => resolve());
		out.once('error', reject);
	});
	return (await stat(file)).size;
}

export function projectDir(root: string, scale: Scale, index: number): string {
	return path.join(root, scale.name, `project-${pad(index, 3)}`);
}

/** The scale's projects under `root`, generated once and reused (a marker file says it is complete). */
export async function ensureScale(root: string, scale: Scale, log: (line: string) => void): Promise<{dirs: string[]; bytes: number}> {
	const dirs = Array.from({length: scale.projects}, (_, index) => projectDir(root, scale, index));
	const marker = path.join(root, scale.name, `complete-v1-${scale.projects}x${scale.invocations}`);
	let bytes = 0;
	if (await stat(marker).then(() => true, () => false)) {
		for (const dir of dirs) bytes += (await stat(path.join(dir, SOURCE_FILE))).size;
		return {dirs, bytes};
	}

	const started = performance.now();
	for (const [index, dir] of dirs.entries()) bytes += await writeTracker(path.join(dir, SOURCE_FILE), index, scale.invocations);
	const {writeFile} = await import('node:fs/promises');
	await writeFile(marker, '');
	log(`generated ${scale.name}: ${scale.projects} × ${scale.invocations} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
	return {dirs, bytes};
}
