import {spawn} from 'node:child_process';
import {mkdir, readFile, rm, stat, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {collect, type CollectOptions} from '../source/data/collect/collector.js';
import {Database} from '../source/data/store/database.js';
import {compareSkill} from '../source/data/queries/compare.js';
import {skillEffectiveness} from '../source/data/queries/skill.js';
import {topSkills} from '../source/data/queries/top.js';
import {registerProject} from '../source/data/registry/registry.js';
import {BEFORE_OUTCOMES, ensureBeforeBuild} from './before-build.js';
import type {ChildResult} from './child.js';
import {measureExplorer, type ExplorerTimes} from './explorer.js';
import {ensureScale, SCALES, SOURCE_FILE, writeTracker, type Scale} from './generate.js';
import {benchLive} from './live.js';
import {renderLiveMarkdown, withLiveSection} from './live-table.js';
import {benchStartup, type StartupResult} from './startup.js';
import {renderStartupMarkdown, startupSectionOf, withStartupSection} from './startup-table.js';
import {renderMarkdown, type ScaleResult} from './table.js';
import {benchTeam} from './team.js';
import {renderTeamMarkdown, withTeamSection} from './team-table.js';
import {TRANSCRIPT_SCALES, type TranscriptScale} from './transcript-scales.js';
import {renderTranscriptMarkdown} from './transcript-table.js';
import {benchTranscripts, type TranscriptResult} from './transcripts.js';

/**
 * `npm run bench [-- --scale small,medium,large,transcripts-small,transcripts-large,transcripts-huge-file,startup]`:
 * generates (once, cached in .bench-cache/) the synthetic projects, measures collect, re-collect
 * and queries per scale in a fresh database, the explorer at the largest tracker scale, DuckDB's
 * own read_json as the reference; for the transcript scales a Claude Code tree with ccusage beside
 * skillscope (transcripts.ts). Writes both tables to BENCHMARKS.md. Timings are wall-clock, one
 * run each unless said. `all` (the default) is every scale but the 1.5 GB file, which runs when named.
 */
// SKILLSCOPE_BENCH_ROOT: run a copy of dist/ (a snapshot) against this tree's cache and BENCHMARKS.md.
const ROOT = process.env.SKILLSCOPE_BENCH_ROOT ?? path.resolve(fileURLToPath(import.meta.url), '../../..');
const CACHE = path.join(ROOT, '.bench-cache');
/** Naive times as a writer in Berlin wrote them; buckets in the same zone: DST code paths run. */
const ZONE = 'Europe/Berlin';
const NOW = new Date('2026-11-24T12:00:00Z');

function log(line: string): void {
	process.stderr.write(`${line}\n`);
}

async function beforeBuild(): Promise<{root: string; commit: string} | undefined> {
	try {
		return {root: await ensureBeforeBuild(ROOT, CACHE, BEFORE_OUTCOMES, log), commit: BEFORE_OUTCOMES};
	} catch (error) {
		log(`the build before outcomes is not measured: ${(error as Error).message.split('\n')[0]}`);
		return undefined;
	}
}

function parseScales(argv: readonly string[]): {tracker: Scale[]; transcripts: TranscriptScale[]; startup: boolean} {
	const index = argv.indexOf('--scale');
	const wanted = index >= 0 ? argv[index + 1] : undefined;
	if (!wanted || wanted === 'all') return {tracker: [...SCALES], transcripts: TRANSCRIPT_SCALES.filter(scale => scale.hugeFileBytes === undefined), startup: true};
	const names = wanted.split(',');
	const tracker = SCALES.filter(scale => names.includes(scale.name));
	const transcripts = TRANSCRIPT_SCALES.filter(scale => names.includes(scale.name));
	// `startup`: issue 15's process rows (startup.ts).
	const startup = names.includes('startup');
	if (tracker.length + transcripts.length + (startup ? 1 : 0) !== names.length) {
		throw new Error(`--scale: expected ${[...SCALES, ...TRANSCRIPT_SCALES].map(s => s.name).join(', ')}, startup or all (comma-separated), got ${wanted}`);
	}

	return {tracker, transcripts, startup};
}

/** `--rounds K`: turns N B B N of this build beside the build before, K times (1 unless said). */
function parseRounds(argv: readonly string[]): number {
	const index = argv.indexOf('--rounds');
	if (index < 0) return 1;
	const rounds = Number(argv[index + 1]);
	if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds: expected a positive whole number, got ${argv[index + 1]}`);
	return rounds;
}

async function child(args: readonly string[]): Promise<ChildResult> {
	const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'child.js');
	return new Promise((resolve, reject) => {
		const process_ = spawn(process.execPath, [script, ...args], {stdio: ['ignore', 'pipe', 'inherit']});
		let out = '';
		process_.stdout.on('data', chunk => (out += String(chunk)));
		process_.on('error', reject);
		process_.on('close', code => {
			if (code !== 0) reject(new Error(`bench child ${args[0]} exited with ${code}`));
			else resolve(JSON.parse(out.trim().split('\n').at(-1)!) as ChildResult);
		});
	});
}

async function timed<T>(work: () => Promise<T>): Promise<{ms: number; value: T}> {
	const started = performance.now();
	const value = await work();
	return {ms: performance.now() - started, value};
}

/** Median of `runs` runs after one warm-up: what a user sees once the database is open. */
async function median(work: () => Promise<unknown>, runs = 5): Promise<number> {
	await work();
	const times: number[] = [];
	for (let run = 0; run < runs; run++) times.push((await timed(work)).ms);
	times.sort((a, b) => a - b);
	return times[Math.floor(runs / 2)]!;
}

/** `--projects N`: only the first N projects of each scale, when the whole one does not fit the time (or memory) at hand. */
function parseProjectLimit(argv: readonly string[]): number | undefined {
	const index = argv.indexOf('--projects');
	if (index < 0) return undefined;
	const limit = Number(argv[index + 1]);
	if (!Number.isInteger(limit) || limit < 1) throw new Error(`--projects: expected a positive whole number, got ${argv[index + 1]}`);
	return limit;
}

async function benchScale(full: Scale, withExplorer: boolean, limit?: number): Promise<ScaleResult> {
	const cached = await ensureScale(CACHE, full, log);
	const dirs = cached.dirs.slice(0, limit ?? cached.dirs.length);
	const scale: Scale = {...full, projects: dirs.length};
	let bytes = 0;
	for (const dir of dirs) bytes += (await stat(path.join(dir, SOURCE_FILE))).size;
	const loadBefore = os.loadavg();
	const date = new Date().toISOString();
	const dbPath = path.join(CACHE, 'db', `${scale.name}.duckdb`);
	await rm(dbPath, {force: true});
	await rm(`${dbPath}.wal`, {force: true});
	const setup = await Database.open(dbPath);
	for (const [index, dir] of dirs.entries()) await registerProject(setup, dir, {name: `project-${index}`, type: 'bench'});
	await setup.close();

	log(`${scale.name}: reference (DuckDB read_json)…`);
	const reference = await child(['reference', ...dirs.map(dir => path.join(dir, SOURCE_FILE))]);
	log(`${scale.name}: cold collect + aggregate…`);
	const cold = await child(['collect', dbPath, ZONE, ZONE]);
	if (cold.errors) throw new Error(`${scale.name}: the collect reported ${cold.errors} errors`);

	const database = await Database.open(dbPath);
	const options: CollectOptions = {naiveTimezone: ZONE, displayTimezone: ZONE};
	log(`${scale.name}: re-collects…`);
	const unchanged = await timed(async () => collect(database, options));
	const grownFile = path.join(dirs[0]!, SOURCE_FILE);
	const extra = Math.ceil(scale.invocations / 100);
	await writeTracker(grownFile, 0, scale.invocations + extra, scale.invocations);
	const grown = await timed(async () => collect(database, options));
	if (grown.value.totals.collected !== extra) throw new Error(`${scale.name}: grown file gave ${grown.value.totals.collected} new rows, expected ${extra}`);
	// Back to the cached state for the next run.
	await writeTracker(grownFile, 0, scale.invocations, scale.invocations);

	log(`${scale.name}: queries…`);
	const period = {kind: 'bucket' as const, window: 'all' as const, bucketStart: '1970-01-01'};
	const top = await topSkills(database, {scope: {}, period, limit: 10});
	const skill = top.skills[0]!.skill_name;
	const topMs = await median(async () => topSkills(database, {scope: {}, period, limit: 10}));
	const weeklyMs = await median(async () => topSkills(database, {scope: {}, period: {kind: 'bucket', window: 'weekly', bucketStart: '2026-06-01'}, limit: 10}));
	// The first drill-down after a collect (its data not yet in DuckDB's buffers), then the median.
	const firstSkillMs = (await timed(async () => skillEffectiveness(database, skill, {}))).ms;
	const skillMs = await median(async () => skillEffectiveness(database, skill, {}));
	const compareMs = await median(async () => compareSkill(database, skill));
	let explorer: ExplorerTimes | undefined;
	if (withExplorer) {
		log(`${scale.name}: explorer…`);
		explorer = await measureExplorer(database, ZONE, NOW);
	}

	const rows = await database.one<{n: number}>(`SELECT count(*)::INTEGER AS n FROM skill_usage`);
	await database.close();
	return {
		scale,
		bytes,
		rows: rows?.n ?? 0,
		coldMs: cold.ms,
		...(cold.cpuMs === undefined || reference.cpuMs === undefined ? {} : {coldCpuMs: cold.cpuMs, referenceCpuMs: reference.cpuMs}),
		coldRssMb: cold.maxRssMb,
		referenceMs: reference.ms,
		referenceLoadMs: reference.loadMs ?? 0,
		referenceRollupMs: reference.rollupMs ?? 0,
		referenceRssMb: reference.maxRssMb,
		unchangedMs: unchanged.ms,
		grownMs: grown.ms,
		topMs,
		weeklyMs,
		skillMs,
		firstSkillMs,
		compareMs,
		explorer,
		date,
		loadBefore,
		loadAfter: os.loadavg(),
	};
}

/**
 * Each scale's figures are kept in .bench-cache/results/, and BENCHMARKS.md shows the latest of
 * every scale: the large scale runs alone (`--scale large`) without losing the others.
 */
async function keptResults<T extends {scale: {name: string}}>(latest: readonly T[], order: ReadonlyArray<{name: string}>): Promise<T[]> {
	const directory = path.join(CACHE, 'results');
	await mkdir(directory, {recursive: true});
	for (const result of latest) await writeFile(path.join(directory, `${result.scale.name}.json`), JSON.stringify(result, null, 2));
	const kept: T[] = [];
	for (const scale of order) {
		const text = await readFile(path.join(directory, `${scale.name}.json`), 'utf8').catch(() => undefined);
		if (text !== undefined) kept.push(JSON.parse(text) as T);
	}

	return kept;
}

// `--scale live`: live collection alone (live.ts); only its section of BENCHMARKS.md is written.
if (process.argv.slice(2).join(' ').includes('--scale live')) {
	const result = await benchLive(CACHE, log);
	log(JSON.stringify(result));
	const file = path.join(ROOT, 'BENCHMARKS.md');
	await writeFile(file, withLiveSection(await readFile(file, 'utf8').catch(() => ''), renderLiveMarkdown(result)));
	process.stdout.write(renderLiveMarkdown(result));
	process.exit(0);
}

// `--scale team`: the team server beside the lake (team.ts); only its section of BENCHMARKS.md is written.
if (process.argv.slice(2).join(' ').includes('--scale team')) {
	const result = await benchTeam(CACHE, log);
	log(JSON.stringify(result));
	const file = path.join(ROOT, 'BENCHMARKS.md');
	await writeFile(file, withTeamSection(await readFile(file, 'utf8').catch(() => ''), renderTeamMarkdown(result)));
	process.stdout.write(renderTeamMarkdown(result));
	process.exit(0);
}

// `--table-only`: rewrite BENCHMARKS.md from the kept results (after a change to the tables), running nothing.
const scales = process.argv.includes('--table-only') ? {tracker: [], transcripts: [], startup: false} : parseScales(process.argv.slice(2));
const projectLimit = parseProjectLimit(process.argv.slice(2));
const results: ScaleResult[] = [];
for (const [index, scale] of scales.tracker.entries()) {
	results.push(await benchScale(scale, index === scales.tracker.length - 1, projectLimit));
	log(JSON.stringify(results.at(-1)));
}

const transcriptResults: TranscriptResult[] = [];
// The build before outcomes, measured beside this one (issue 20); --no-before skips it, a clone without the commit too.
const found = scales.transcripts.length > 0 && !process.argv.includes('--no-before') ? await beforeBuild() : undefined;
const before = found ? {...found, rounds: parseRounds(process.argv)} : undefined;
for (const scale of scales.transcripts) {
	transcriptResults.push(await benchTranscripts(ROOT, CACHE, scale, log, before));
	log(JSON.stringify(transcriptResults.at(-1)));
}

const startupResults: StartupResult[] = scales.startup ? [await benchStartup(ROOT, CACHE, log)] : [];
if (startupResults[0]) log(JSON.stringify(startupResults[0]));

const machine = {
	cpus: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
	memoryGb: Math.round(os.totalmem() / 2 ** 30),
	node: process.version,
	date: new Date().toISOString(),
	platform: `${os.platform()} ${os.release()}`,
};
// BENCHMARKS.md: the tracker table, the transcript section, then "## Notes", written by hand
// (gaps and their causes) and kept. A part with no kept results here (a fresh clone's cache)
// keeps its previous text rather than becoming an empty table.
const TRANSCRIPT_HEADING = '\n## Claude Code transcripts';
const previous = await readFile(path.join(ROOT, 'BENCHMARKS.md'), 'utf8').catch(() => '');
const notesAt = previous.includes('\n## Notes') ? previous.indexOf('\n## Notes') : previous.length;
const transcriptAt = previous.includes(TRANSCRIPT_HEADING) ? previous.indexOf(TRANSCRIPT_HEADING) : notesAt;
const keptTracker = await keptResults(results, SCALES);
const keptTranscripts = await keptResults(transcriptResults, TRANSCRIPT_SCALES);
const trackerPart = keptTracker.length > 0 ? renderMarkdown(keptTracker, machine) : previous.slice(0, transcriptAt).replace(/\n*$/, '\n');
const transcriptPart = keptTranscripts.length > 0 ? renderTranscriptMarkdown(keptTranscripts, machine) : previous.slice(transcriptAt, notesAt).replace(/^\n+/, '').replace(/\n*$/, '\n');
const markdown = `${trackerPart}${transcriptPart.trim() ? `\n${transcriptPart}` : ''}`;
const [keptStartup] = await keptResults(startupResults, [{name: 'startup'}]);
const startupPart = keptStartup ? renderStartupMarkdown(keptStartup, machine) : startupSectionOf(previous);
await writeFile(path.join(ROOT, 'BENCHMARKS.md'), withStartupSection(`${markdown}${previous.slice(notesAt)}`, startupPart));
process.stdout.write(`${markdown}${startupPart ? `\n${startupPart}` : ''}`);
