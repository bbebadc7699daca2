import {createReadStream} from 'node:fs';
import {mkdir, mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {appendTurn, restoreSize} from './append-turn.js';
import {ensureTranscripts} from './generate-transcripts.js';
import {ensureGnuTime, measureProcess, type ProcessRun} from './measure-process.js';
import type {TranscriptScale, TranscriptTree} from './transcript-scales.js';

/**
 * The transcript part of the bench: on one generated tree, in one run, ccusage 20 (installed in
 * .bench-cache/ccusage, never a project dependency) and skillscope, each as the whole process a
 * user starts, and a bare `node -e ''` as the floor of any Node process.
 */

export interface Measured {
	ms: number;
	cpuMs: number;
	maxRssMb: number;
}

export interface CollectRun extends Measured {
	exitCode: number;
	/** `totals` of `collect --json`: rows new and updated, errors, and the collect's own time. */
	collected: number;
	updated: number;
	errors: number;
	workMs: number;
}

export interface SkillscopeRuns {
	registerMs: number;
	cold: CollectRun;
	unchanged: CollectRun;
	grown: CollectRun;
}

export interface TranscriptResult {
	scale: TranscriptScale;
	tree: Omit<TranscriptTree, 'projectDirs'>;
	nodeFloor: Measured;
	/** `skillscope --version`: what starting the CLI costs before any work (median of 5). */
	versionFloor?: Measured;
	ccusage: Measured & {days: number; totalTokens: number};
	ccusageNative: Measured;
	/** Undefined with `notMeasured` saying why (the collector read no transcripts yet, or failed). */
	skillscope?: SkillscopeRuns;
	/** The build before outcomes beside this one, in turns N B B N (before-build.ts). */
	beside?: Beside;
	notMeasured?: string;
	date: string;
	loadBefore: number[];
	loadAfter: number[];
}

export interface Beside {
	commit: string;
	before: SkillscopeRuns[];
	now: SkillscopeRuns[];
	/** `skillVersions` of the most used skill over this build's database: median of 5 after one warm-up. */
	versionsMs: number;
	versionsOf: string;
	versionsCount: number;
}

const CCUSAGE_VERSION = '20.0.24';

function pick(run: ProcessRun): Measured {
	return {ms: run.ms, cpuMs: run.cpuMs, maxRssMb: run.maxRssMb};
}

async function ccusageBin(cache: string, log: (line: string) => void): Promise<{launcher: string; native: string}> {
	const prefix = path.join(cache, 'ccusage');
	const launcher = path.join(prefix, 'node_modules', 'ccusage', 'src', 'cli.js');
	const native = path.join(prefix, 'node_modules', '@ccusage', `ccusage-${process.platform}-${process.arch}`, 'bin', 'ccusage');
	const installed = await readFile(path.join(prefix, 'node_modules', 'ccusage', 'package.json'), 'utf8').then(text => (JSON.parse(text) as {version: string}).version, () => undefined);
	if (installed !== CCUSAGE_VERSION) {
		log(`installing ccusage@${CCUSAGE_VERSION} into ${prefix} (outside the project's dependencies)…`);
		await mkdir(prefix, {recursive: true});
		const npm = await measureProcess('npm', ['i', '--prefix', prefix, `ccusage@${CCUSAGE_VERSION}`, '--no-audit', '--no-fund', '--no-save'], process.env);
		if (npm.exitCode !== 0) throw new Error(`npm i ccusage@${CCUSAGE_VERSION} failed:\n${npm.stderr}`);
	}

	return {launcher, native};
}

/** Reads every file once so that neither tool pays for the disk and the first one measured is not the slower. */
async function warmPageCache(directory: string): Promise<void> {
	for (const entry of await readdir(directory, {withFileTypes: true, recursive: true})) {
		if (!entry.isFile()) continue;
		await new Promise<void>((resolve, reject) => {
			const stream = createReadStream(path.join(entry.parentPath, entry.name), {highWaterMark: 4 * 2 ** 20});
			stream.on('data', () => undefined);
			stream.on('end', () => resolve());
			stream.on('error', reject);
		});
	}
}

async function median(runs: number, work: () => Promise<ProcessRun>): Promise<Measured> {
	const results: ProcessRun[] = [];
	for (let run = 0; run < runs; run++) results.push(await work());
	results.sort((a, b) => a.ms - b.ms);
	return pick(results[Math.floor(runs / 2)]!);
}

function collectRun(run: ProcessRun, what: string): CollectRun {
	let totals: {collected?: number; updated?: number; errors?: number; duration_ms?: number} = {};
	try {
		totals = (JSON.parse(run.stdout) as {totals?: typeof totals}).totals ?? {};
	} catch {
		throw new Error(`skillscope ${what} printed no JSON (exit ${run.exitCode}):\n${run.stderr.slice(-2000)}`);
	}

	return {...pick(run), exitCode: run.exitCode, collected: totals.collected ?? 0, updated: totals.updated ?? 0, errors: totals.errors ?? 0, workMs: totals.duration_ms ?? Number.NaN};
}

export async function benchTranscripts(
	root: string,
	cache: string,
	scale: TranscriptScale,
	log: (line: string) => void,
	before?: {root: string; commit: string; rounds: number},
): Promise<TranscriptResult> {
	await ensureGnuTime();
	const tree = await ensureTranscripts(cache, scale, log);
	const {launcher, native} = await ccusageBin(cache, log);
	const home = await mkdtemp(path.join(os.tmpdir(), 'skillscope-bench-home-'));
	const loadBefore = os.loadavg();
	const date = new Date().toISOString();
	try {
		log(`${scale.name}: warming the page cache…`);
		await warmPageCache(tree.root);
		// Both tools see only the tree: an empty HOME, so ccusage finds no other agent's data either.
		const env = {...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), CLAUDE_CONFIG_DIR: tree.root, NO_COLOR: '1'};
		const nodeFloor = await median(5, async () => measureProcess(process.execPath, ['-e', ''], env));
		const versionFloor = await median(5, async () => measureProcess(process.execPath, [path.join(root, 'dist', 'cli.js'), '--version'], env));

		log(`${scale.name}: ccusage daily --json --offline…`);
		const ccusageArgs = ['daily', '--json', '--offline'];
		const ccusageRun = await measureProcess(process.execPath, [launcher, ...ccusageArgs], env);
		if (ccusageRun.exitCode !== 0) throw new Error(`ccusage exited with ${ccusageRun.exitCode}:\n${ccusageRun.stderr.slice(-2000)}`);
		const report = JSON.parse(ccusageRun.stdout) as {daily: unknown[]; totals: {totalTokens: number}};
		if (!(report.totals.totalTokens > 0)) throw new Error(`ccusage counted no tokens in ${tree.root}: the generated lines are not what it reads`);
		const nativeRun = await measureProcess(native, ccusageArgs, env);

		const {projectDirs: _projectDirs, ...summary} = tree;
		const result: TranscriptResult = {
			scale,
			tree: summary,
			nodeFloor,
			versionFloor,
			ccusage: {...pick(ccusageRun), days: report.daily.length, totalTokens: report.totals.totalTokens},
			ccusageNative: pick(nativeRun),
			date,
			loadBefore,
			loadAfter: [],
		};
		try {
			result.skillscope = await benchSkillscope(root, cache, tree, env, log);
			if (result.skillscope.cold.collected === 0) {
				result.notMeasured = `the collect stored no transcript rows (expected ${tree.expectedRows}): transcript collection is not in this build`;
			}

			if (before) result.beside = await benchBeside(root, before, cache, tree, env, log, result.skillscope);
		} catch (error) {
			result.notMeasured = `skillscope failed: ${(error as Error).message.split('\n')[0]}`;
			log(`${scale.name}: ${(error as Error).message}`);
		}

		result.loadAfter = os.loadavg();
		return result;
	} finally {
		await rm(home, {recursive: true, force: true});
	}
}

/**
 * The build before outcomes and this one in turns N B B N (this build's first run is the first N),
 * `rounds` times: a load that drifts during the run weighs on both alike. Then the versions of the
 * most used skill.
 */
async function benchBeside(
	root: string,
	before: {root: string; commit: string; rounds: number},
	cache: string,
	tree: TranscriptTree,
	env: NodeJS.ProcessEnv,
	log: (line: string) => void,
	first: SkillscopeRuns,
): Promise<Beside> {
	const name = tree.scale.name;
	log(`${name}: the build before outcomes (${before.commit.slice(0, 12)}) beside this one…`);
	const runs = {before: [] as SkillscopeRuns[], now: [first]};
	for (let round = 0; round < before.rounds; round++) {
		if (round > 0) runs.now.push(await benchSkillscope(root, cache, tree, env, log));
		runs.before.push(await benchSkillscope(before.root, cache, tree, env, log, 'before'));
		runs.before.push(await benchSkillscope(before.root, cache, tree, env, log, 'before'));
		runs.now.push(await benchSkillscope(root, cache, tree, env, log));
	}

	const versions = await timeVersions(path.join(cache, 'db', `${name}.duckdb`));
	log(`${name}: versions of ${versions.skill}: ${versions.ms.toFixed(1)} ms (${versions.count} versions)`);
	return {commit: before.commit, ...runs, versionsMs: versions.ms, versionsOf: versions.skill, versionsCount: versions.count};
}

async function timeVersions(dbPath: string): Promise<{ms: number; skill: string; count: number}> {
	const [{Database}, {skillVersions}] = await Promise.all([import('../source/data/store/database.js'), import('../source/data/queries/versions/versions.js')]);
	const database = await Database.open(dbPath);
	try {
		const [top] = await database.all<{skill_name: string}>(`SELECT skill_name FROM skill_usage WHERE fingerprint IS NOT NULL GROUP BY skill_name ORDER BY count(*) DESC, skill_name LIMIT 1`);
		if (!top) throw new Error(`${dbPath}: no use with a known text: the versions cannot be timed`);
		const ask = async () => skillVersions(database, top.skill_name, {scope: {}, runsCommands: false});
		const count = (await ask()).versions.length;
		const times: number[] = [];
		for (let turn = 0; turn < 5; turn++) {
			const started = performance.now();
			await ask();
			times.push(performance.now() - started);
		}

		times.sort((a, b) => a - b);
		return {ms: times[2]!, skill: top.skill_name, count};
	} finally {
		await database.close();
	}
}

async function benchSkillscope(root: string, cache: string, tree: TranscriptTree, env: NodeJS.ProcessEnv, log: (line: string) => void, label = ''): Promise<SkillscopeRuns> {
	const cli = path.join(root, 'dist', 'cli.js');
	const dbPath = path.join(cache, 'db', `${tree.scale.name}${label ? `-${label}` : ''}.duckdb`);
	await mkdir(path.dirname(dbPath), {recursive: true});
	await rm(dbPath, {force: true});
	await rm(`${dbPath}.wal`, {force: true});
	const name = `${tree.scale.name}${label ? ` (${label})` : ''}`;
	log(`${name}: skillscope register × ${tree.projectDirs.length}…`);
	const registerStarted = performance.now();
	for (const [index, dir] of tree.projectDirs.entries()) {
		const run = await measureProcess(process.execPath, [cli, 'register', dir, '--name', `project-${index}`, '--db', dbPath], env);
		if (run.exitCode !== 0) throw new Error(`skillscope register ${dir} exited with ${run.exitCode}:\n${run.stderr}`);
	}

	const registerMs = performance.now() - registerStarted;
	const collect = async (what: string) => collectRun(await measureProcess(process.execPath, [cli, 'collect', '--db', dbPath, '--json'], env), what);
	log(`${name}: skillscope collect (cold)…`);
	const cold = await collect('cold collect');
	log(`${name}: cold: ${(cold.ms / 1000).toFixed(2)} s, ${cold.maxRssMb} MB, ${cold.collected} rows (expected ${tree.expectedRows}), exit ${cold.exitCode}`);
	const unchanged = await collect('collect, nothing changed');
	const {sizeBefore} = await appendTurn(tree.growFile);
	let grown: CollectRun;
	try {
		grown = await collect('collect after one turn');
	} finally {
		// Back to the cached bytes for the next run.
		await restoreSize(tree.growFile, sizeBefore);
	}

	log(`${name}: nothing changed ${unchanged.ms.toFixed(0)} ms; one turn ${grown.ms.toFixed(0)} ms (work ${grown.workMs} ms, ${grown.collected} new)`);
	return {registerMs, cold, unchanged, grown};
}
