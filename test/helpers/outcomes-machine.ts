import assert from 'node:assert/strict';
import path from 'node:path';
import {registerProject} from '../../source/data/registry/registry.js';
import {Database} from '../../source/data/store/database.js';
import type {Outcome} from '../../source/domain/types.js';
import {isolatedEnv} from './environment.js';
import {runInProcess} from './run-cli.js';
import {makeProject} from './temp.js';
import {insertUses, series} from './uses.js';
import {addReviewVersions} from './versions-fixture.js';

/*
 * A machine whose uses ended every way there is (outcomes.md), for the lake's and the team
 * server's tests that outcomes travel: `review` edited three times (versions-fixture.ts), and
 * `deploy` in two projects with each outcome, retries, two plugin versions, two texts, pending
 * uses and uses whose outcome is not known. Every figure the reports give of them is compared
 * between the machine and one that pulled it, so none is written here.
 */

const CYCLE: ReadonlyArray<Outcome | null> = ['clean', 'interrupted', 'clean', 'rejected', 'errored', 'clean', 'load_failed', null];

export const DEPLOY_BODIES = ['# Deploy\nRun the pipeline.', '# Deploy\nRun the pipeline.\nWatch the canary for ten minutes.'];

export async function addEveryOutcome(database: Database, projects: {a: string; b: string}): Promise<void> {
	await addReviewVersions(database, projects);
	const deploy = (project: string, count: number, start: string, shift: number) =>
		series(count, start, index => {
			const outcome = CYCLE[(index + shift) % CYCLE.length]!;
			const late = index >= count / 2;
			return {
				project_id: project,
				skill_name: 'deploy',
				trigger: 'user' as const,
				outcome,
				status: outcome === null ? (index % 2 === 0 ? 'pending' as const : 'succeeded' as const) : outcome === 'errored' || outcome === 'load_failed' ? 'failed' as const : 'succeeded' as const,
				retried: index % 3 === 0,
				body: DEPLOY_BODIES[late ? 1 : 0],
				plugin_version: late ? '1.3.0' : '1.2.0',
				duration_ms: 500 + index * 37,
				followup_actions: index % 4,
			};
		});
	await insertUses(database, [...deploy(projects.a, 40, '2026-03-02T08:00:00Z', 0), ...deploy(projects.b, 23, '2026-03-04T15:30:00Z', 3)]);
}

/** A machine's own skillscope environment under `root/name`, its database holding addEveryOutcome's uses in projects A and B. */
export async function outcomesMachine(root: string, name: string, extra: Record<string, string> = {}): Promise<Record<string, string>> {
	const env = isolatedEnv(path.join(root, name), {TZ: 'UTC', SKILLSCOPE_NOW: '2026-04-01T12:00:00Z', ...extra});
	const database = await Database.open(env.SKILLSCOPE_DB!);
	try {
		const {project: a} = await registerProject(database, await makeProject(), {name: 'A'});
		const {project: b} = await registerProject(database, await makeProject(), {name: 'B'});
		await addEveryOutcome(database, {a: a.project_id, b: b.project_id});
	} finally {
		await database.close();
	}

	const named = await runInProcess(['machines', '--name', name], env);
	assert.equal(named.code, 0, named.stderr);
	return env;
}

/** A skillscope environment of its own under `root/name`, with an empty database. */
export const emptyMachine = (root: string, name: string, extra: Record<string, string> = {}) => isolatedEnv(path.join(root, name), {TZ: 'UTC', SKILLSCOPE_NOW: '2026-04-01T12:00:00Z', ...extra});

// biome-ignore lint/suspicious/noExplicitAny: the CLI's JSON read back, compared whole
export type Json = Record<string, any>;

export async function cliJson(args: string[], env: Record<string, string>, code = 0): Promise<Json> {
	const result = await runInProcess([...args, '--json'], env);
	assert.equal(result.code, code, `${args.join(' ')}: ${result.stderr}`);
	return JSON.parse(result.stdout) as Json;
}

const OUTCOME_KEYS = new Set(['clean_finishes', 'interrupted', 'rejected', 'errored', 'load_failed', 'retried', 'clean_rate', 'clean_rate_low', 'clean_rate_high', 'verdict', 'p_value']);
const NAMING_KEYS = new Set(['skill_name', 'label', 'fingerprint', 'plugin_version', 'uses', 'total_invocations']);

/**
 * A report's outcome figures, wherever they stand in it, with what names them (skill, version,
 * fingerprint): what must be the same for a machine's rows where they were collected and where
 * they were pulled. Text of the bodies (lines added, dynamic) stays where the bodies are.
 */
export function outcomeFigures(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(outcomeFigures);
	if (value === null || typeof value !== 'object') return value;
	const kept: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value)) {
		if (entry !== null && typeof entry === 'object') {
			const inner = outcomeFigures(entry);
			if (inner !== null && (Array.isArray(inner) ? inner.length > 0 : Object.keys(inner as object).length > 0)) kept[key] = inner;
		} else if (OUTCOME_KEYS.has(key) || NAMING_KEYS.has(key)) {
			kept[key] = entry;
		}
	}

	return kept;
}

/** The reports compared, each with outcomes of every kind (their figures are asserted non-zero by the callers). */
export const OUTCOME_REPORTS: string[][] = [
	['top'], ['top', '--since', '2026-03-01', '--until', '2026-03-31'], ['top', '--since', '2026-03-03', '--until', '2026-03-05'], ['top', '--trigger', 'user'], ['summary'],
	['skill', 'deploy'], ['skill', 'review'], ['compare', 'deploy'], ['versions', 'deploy'], ['versions', 'review'], ['versions', 'review', '--project', 'A'],
];
