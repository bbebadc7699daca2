import {copyFile, mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {Database} from '../source/data/store/database.js';
import {registerProject} from '../source/data/registry/registry.js';
import {appendTurn, restoreSize} from './append-turn.js';
import {ensureTranscripts} from './generate-transcripts.js';
import {ensureScale, type Scale} from './generate.js';
import {ensureGnuTime, measureProcess, type ProcessRun} from './measure-process.js';
import {TRANSCRIPT_SCALES} from './transcript-scales.js';

/**
 * Issue 15's process rows: what a user waits for from Enter to the prompt, each beside a floor
 * measured in the same rounds. --version, --help and a usage error against a bare `node -e ''`;
 * top, skill and a collect with nothing to do against the DuckDB floor (a script that imports
 * @duckdb/node-api, opens the database and runs one count(*)). Every figure is the median of
 * `runs` rounds, each round running every process once, so that load drifting over the minutes
 * weighs on all of them alike.
 */

/** 20 × 50,000 tracker invocations: the 1 M rows the issue names. */
export const MILLION: Scale = {name: 'million', projects: 20, invocations: 50_000};
const TRANSCRIPTS = TRANSCRIPT_SCALES.find(scale => scale.name === 'transcripts-small')!;
/** Naive times, buckets and every call in one zone: no call re-aggregates for another zone. */
const ZONE = ['--timezone', 'Europe/Berlin', '--naive-timezone', 'Europe/Berlin'];

export interface Measured {
	ms: number;
	cpuMs: number;
	maxRssMb: number;
}

export interface StartupResult {
	scale: {name: 'startup'};
	runs: number;
	date: string;
	loadBefore: number[];
	loadAfter: number[];
	nodeFloor: Measured;
	version: Measured;
	help: Measured;
	usageError: Measured;
	trackerRows: number;
	duckdbFloor: Measured;
	/** The same script with the binding required, not imported (no scan of its CommonJS exports). */
	requiredFloor: Measured;
	top: Measured;
	skill: Measured & {name: string};
	trackerUnchanged: Measured & {workMs: number};
	transcriptRows: number;
	transcriptFloor: Measured;
	transcriptUnchanged: Measured & {workMs: number};
	transcriptGrown: Measured & {workMs: number; collected: number};
}

/** The floor as the issue defines it; with `require` as its argument, the binding loaded as skillscope loads it. */
const FLOOR_SCRIPT = `import {createRequire} from 'node:module';
const {DuckDBInstance} = process.argv[3] === 'require' ? createRequire(import.meta.url)('@duckdb/node-api') : await import('@duckdb/node-api');
const instance = await DuckDBInstance.create(process.argv[2]);
const connection = await instance.connect();
const reader = await connection.runAndReadAll('SELECT count(*) FROM skill_usage');
process.stdout.write(String(reader.getRows()[0][0]) + '\\n');
connection.closeSync();
instance.closeSync();
`;

type Call = readonly [command: string, args: readonly string[]];

async function run([command, args]: Call, env: NodeJS.ProcessEnv, expectedExit = 0): Promise<ProcessRun> {
	const result = await measureProcess(command, args, env);
	if (result.exitCode !== expectedExit) throw new Error(`${[command, ...args].join(' ')} exited with ${result.exitCode}, expected ${expectedExit}:\n${result.stderr.slice(-1500)}`);
	return result;
}

/** The run of median wall time, with its output. */
function middle(results: readonly ProcessRun[]): ProcessRun {
	return [...results].sort((a, b) => a.ms - b.ms)[Math.floor(results.length / 2)]!;
}

function median(results: readonly ProcessRun[]): Measured {
	const {ms, cpuMs, maxRssMb} = middle(results);
	return {ms, cpuMs, maxRssMb};
}

/** A collect's median process, and the collect's own time (`totals.duration_ms`) in that run. */
function collectMedian(results: readonly ProcessRun[]): Measured & {workMs: number} {
	return {...median(results), workMs: workMs(middle(results))};
}

/** Each call once a round, `runs` rounds; the median run of each (the first of each is a warm-up, not counted). */
async function rounds(calls: Record<string, {call: Call; exit?: number}>, env: NodeJS.ProcessEnv, runs: number): Promise<Record<string, ProcessRun[]>> {
	const results: Record<string, ProcessRun[]> = Object.fromEntries(Object.keys(calls).map(key => [key, []]));
	for (let round = 0; round <= runs; round++) {
		for (const [key, {call, exit}] of Object.entries(calls)) {
			const result = await run(call, env, exit);
			if (round > 0) results[key]!.push(result);
		}
	}

	return results;
}

function workMs(result: ProcessRun): number {
	return (JSON.parse(result.stdout) as {totals: {duration_ms: number}}).totals.duration_ms;
}

function collected(result: ProcessRun): {collected: number; unchanged: number; errors: number} {
	return (JSON.parse(result.stdout) as {totals: {collected: number; unchanged: number; errors: number}}).totals;
}

/** The 1 M-row tracker database, kept in the cache while a collect finds it complete and unchanged. */
async function trackerDatabase(cache: string, cli: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<string> {
	const {dirs} = await ensureScale(cache, MILLION, log);
	const dbPath = path.join(cache, 'db', 'startup-million.duckdb');
	const expected = MILLION.projects * MILLION.invocations;
	const check = await measureProcess(process.execPath, [cli, 'collect', '--json', '--db', dbPath, ...ZONE], env).catch(() => undefined);
	const totals = check?.exitCode === 0 ? collected(check) : undefined;
	if (totals?.unchanged === expected && totals.collected === 0 && totals.errors === 0) return dbPath;
	log(`startup: building the ${MILLION.name} database (${MILLION.projects} × ${MILLION.invocations.toLocaleString('en-US')})…`);
	await mkdir(path.dirname(dbPath), {recursive: true});
	await rm(dbPath, {force: true});
	await rm(`${dbPath}.wal`, {force: true});
	const setup = await Database.open(dbPath);
	for (const [index, dir] of dirs.entries()) await registerProject(setup, dir, {name: `project-${index}`, type: 'bench'});
	await setup.close();
	const cold = collected(await run([process.execPath, [cli, 'collect', '--json', '--db', dbPath, ...ZONE]], env));
	if (cold.collected !== expected) throw new Error(`startup: the cold collect stored ${cold.collected} rows, expected ${expected}`);
	return dbPath;
}

async function transcriptDatabase(cache: string, cli: string, env: NodeJS.ProcessEnv, log: (line: string) => void) {
	const tree = await ensureTranscripts(cache, TRANSCRIPTS, log);
	const dbPath = path.join(cache, 'db', 'startup-transcripts.duckdb');
	await rm(dbPath, {force: true});
	await rm(`${dbPath}.wal`, {force: true});
	const setup = await Database.open(dbPath);
	for (const [index, dir] of tree.projectDirs.entries()) await registerProject(setup, dir, {name: `project-${index}`});
	await setup.close();
	const transcriptEnv = {...env, CLAUDE_CONFIG_DIR: tree.root};
	const cold = collected(await run([process.execPath, [cli, 'collect', '--json', '--db', dbPath, ...ZONE]], transcriptEnv));
	if (cold.collected !== tree.expectedRows) log(`startup: the transcript collect stored ${cold.collected} rows (the tree holds ${tree.expectedRows})`);
	return {tree, dbPath, env: transcriptEnv, rows: cold.collected};
}

/**
 * One session grows by one turn and is collected, `runs` times, each from the database as the
 * cold collect left it (a copy): the turn's row would be stored already in every round after the first.
 */
async function grownTurns(cli: string, dbPath: string, growFile: string, env: NodeJS.ProcessEnv, runs: number): Promise<ProcessRun[]> {
	const pristine = `${dbPath}.cold`;
	await copyFile(dbPath, pristine);
	const results: ProcessRun[] = [];
	try {
		for (let round = 0; round < runs; round++) {
			await copyFile(pristine, dbPath);
			const {sizeBefore} = await appendTurn(growFile);
			try {
				results.push(await run([process.execPath, [cli, 'collect', '--json', '--db', dbPath, ...ZONE]], env));
			} finally {
				await restoreSize(growFile, sizeBefore);
			}
		}
	} finally {
		await copyFile(pristine, dbPath);
		await rm(pristine, {force: true});
	}

	return results;
}

export async function benchStartup(root: string, cache: string, log: (line: string) => void, runs = 9): Promise<StartupResult> {
	await ensureGnuTime();
	const cli = path.join(root, 'dist', 'cli.js');
	const node = process.execPath;
	const home = await mkdtemp(path.join(os.tmpdir(), 'skillscope-bench-startup-'));
	// An empty HOME and Claude root: nothing of the machine's is read, and no transcripts but the tree's.
	const env = {...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), CLAUDE_CONFIG_DIR: path.join(home, '.claude'), NO_COLOR: '1'};
	const floorScript = path.join(cache, 'startup-floor.mjs');
	await writeFile(floorScript, FLOOR_SCRIPT);
	try {
		const trackerDb = await trackerDatabase(cache, cli, env, log);
		const transcripts = await transcriptDatabase(cache, cli, env, log);
		const top = JSON.parse((await run([node, [cli, 'top', '--json', '--db', trackerDb, ...ZONE]], env)).stdout) as {skills: Array<{skill_name: string}>};
		const skillName = top.skills[0]!.skill_name;
		const loadBefore = os.loadavg();
		const date = new Date().toISOString();
		log(`startup: ${runs} rounds of every process (load ${loadBefore.map(value => value.toFixed(2)).join(' / ')})…`);
		const quick = await rounds(
			{
				nodeFloor: {call: [node, ['-e', '']]},
				version: {call: [node, [cli, '--version']]},
				help: {call: [node, [cli, '--help']]},
				usageError: {call: [node, [cli, 'top', '--bogus']], exit: 2},
			},
			env,
			runs,
		);
		const tracker = await rounds(
			{
				duckdbFloor: {call: [node, [floorScript, trackerDb]]},
				requiredFloor: {call: [node, [floorScript, trackerDb, 'require']]},
				top: {call: [node, [cli, 'top', '--json', '--db', trackerDb, ...ZONE]]},
				skill: {call: [node, [cli, 'skill', skillName, '--json', '--db', trackerDb, ...ZONE]]},
				trackerUnchanged: {call: [node, [cli, 'collect', '--json', '--db', trackerDb, ...ZONE]]},
			},
			env,
			runs,
		);
		const transcriptRuns = await rounds(
			{
				transcriptFloor: {call: [node, [floorScript, transcripts.dbPath]]},
				transcriptUnchanged: {call: [node, [cli, 'collect', '--json', '--db', transcripts.dbPath, ...ZONE]]},
			},
			transcripts.env,
			runs,
		);
		const grown = await grownTurns(cli, transcripts.dbPath, transcripts.tree.growFile, transcripts.env, Math.min(runs, 5));
		return {
			scale: {name: 'startup'},
			runs,
			date,
			loadBefore,
			loadAfter: os.loadavg(),
			nodeFloor: median(quick.nodeFloor!),
			version: median(quick.version!),
			help: median(quick.help!),
			usageError: median(quick.usageError!),
			trackerRows: MILLION.projects * MILLION.invocations,
			duckdbFloor: median(tracker.duckdbFloor!),
			requiredFloor: median(tracker.requiredFloor!),
			top: median(tracker.top!),
			skill: {...median(tracker.skill!), name: skillName},
			trackerUnchanged: collectMedian(tracker.trackerUnchanged!),
			transcriptRows: transcripts.rows,
			transcriptFloor: median(transcriptRuns.transcriptFloor!),
			transcriptUnchanged: collectMedian(transcriptRuns.transcriptUnchanged!),
			transcriptGrown: {...collectMedian(grown), collected: collected(middle(grown)).collected},
		};
	} finally {
		await rm(home, {recursive: true, force: true});
	}
}
