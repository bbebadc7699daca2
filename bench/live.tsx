import {rm, stat} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {render} from 'ink-testing-library';
import {ExplorerRoot, firstScreen} from '../source/app.js';
import {collect} from '../source/data/collect/collector.js';
import {Database} from '../source/data/store/database.js';
import {registerProject} from '../source/data/registry/registry.js';
import type {WatchRequest} from '../source/data/watch/watch-refusal.js';
import {appendTurn, restoreSize} from './append-turn.js';
import {ensureTranscripts} from './generate-transcripts.js';
import {TRANSCRIPT_SCALES} from './transcript-scales.js';

/**
 * `npm run bench -- --scale live`: the explorer open on the leaderboard over the 141 MB
 * transcripts-small tree, live; one invocation appended at a time to a session, 20 times, each
 * timed from the write to the first frame that counts it; then the process's CPU over 30 s of
 * nothing changing. Once watching (fs.watch), once polling (SKILLSCOPE_WATCH=poll).
 */

export interface LiveRun {
	request: WatchRequest;
	appends: number;
	/** Write → the leaderboard frame that counts it, in ms, in order. */
	latenciesMs: number[];
	p50Ms: number;
	p99Ms: number;
	/** `?` pressed 350 ms after a write (the collect it caused under way) → the help drawn, in ms; median of 5. */
	keyDuringCollectMs: number;
	/** Of those 5, how many were drawn before that collect had ended (the footer's time not yet moved). */
	keysBeforeCollectEnded: number;
	idleSeconds: number;
	/** CPU (user + system) of the whole process while idle, in % of one core. */
	idleCpuPercent: number;
}

export interface LiveResult {
	tree: {bytes: number; files: number; projects: number};
	runs: LiveRun[];
	date: string;
	loadBefore: number[];
	loadAfter: number[];
}

const SKILL = 'live-probe';
const APPENDS = 20;
const IDLE_MS = 30_000;
const ZONE = 'UTC';

const pause = async (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function until(read: () => string, predicate: (frame: string) => boolean, what: string, timeoutMs = 60_000): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	while (!predicate(read())) {
		if (performance.now() > deadline) throw new Error(`live bench: timed out waiting for ${what}; last frame:\n${read()}`);
		// A 2 ms look, not setImmediate: a busy loop would take a core from the collect it waits for.
		await pause(2);
	}
}

/** The probe skill's uses as the filtered leaderboard shows them (0 while it has no row). */
function usesShown(frame: string): number {
	const match = new RegExp(`│ ${SKILL} +│ (\\d+) +│`).exec(frame);
	return match ? Number(match[1]) : 0;
}

/** p-th percentile, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const mark = (frame: string) => /(?:live|polling) (\d\d:\d\d:\d\d)/.exec(frame)?.[1];

/** Keys while a live collect runs: each round a write, then `?` once the debounce has let the collect start. */
async function keysDuringCollects(instance: ReturnType<typeof render>, read: () => string, growFile: string, lastTurn: number, shown: number): Promise<{times: number[]; beforeEnd: number}> {
	const times: number[] = [];
	let beforeEnd = 0;
	for (let round = 1; round <= 5; round++) {
		// The mark's time moves when a collect ends; a second apart, so that the next one shows.
		await pause(1100);
		const before = mark(read());
		await appendTurn(growFile, SKILL, lastTurn + round);
		await pause(350);
		const pressed = performance.now();
		instance.stdin.write('?');
		await until(read, frame => frame.includes('Esc or ? closes'), 'the help');
		times.push(performance.now() - pressed);
		if (mark(read()) === before) beforeEnd += 1;
		instance.stdin.write('?');
		await until(read, frame => usesShown(frame) === shown + round, `key round ${round}`);
	}

	return {times, beforeEnd};
}

/** `firstTurn`: the ids of the turns appended start there (each run's turns are new invocations). */
async function liveRun(database: Database, root: string, growFile: string, request: WatchRequest, firstTurn: number, log: (line: string) => void): Promise<LiveRun> {
	const services = {database, displayZone: ZONE, naiveZone: ZONE, now: () => new Date(), color: false, claudeRoot: root, live: request};
	const instance = render(<ExplorerRoot services={services} initialScreen={await firstScreen(database)} />);
	const read = () => instance.lastFrame() ?? '';
	const latenciesMs: number[] = [];
	try {
		// Live has made its first collect (its mark has a time), and the leaderboard is filtered to the probe.
		await until(read, frame => /(live|polling) \d\d:\d\d:\d\d/.test(frame), 'the first live collect', 300_000);
		instance.stdin.write('/');
		await pause(50);
		instance.stdin.write(SKILL);
		await pause(50);
		instance.stdin.write('\r');
		await until(read, frame => frame.includes(`/${SKILL}`), 'the filter');
		const start = usesShown(read());
		for (let turn = 1; turn <= APPENDS; turn++) {
			const written = performance.now();
			await appendTurn(growFile, SKILL, firstTurn + turn);
			await until(read, frame => usesShown(frame) === start + turn, `append ${turn}`);
			latenciesMs.push(performance.now() - written);
			// One at a time: the next write is a burst of its own.
			await pause(1000);
		}

		const keys = await keysDuringCollects(instance, read, growFile, firstTurn + APPENDS, start + APPENDS);
		log(`live (${request}): ${latenciesMs.map(ms => ms.toFixed(0)).join(', ')} ms; keys ${keys.times.map(ms => ms.toFixed(0)).join(', ')} ms; idle ${IDLE_MS / 1000} s…`);
		await pause(3000);
		const cpu = process.cpuUsage();
		const idleStarted = performance.now();
		await pause(IDLE_MS);
		const used = process.cpuUsage(cpu);
		const idleMs = performance.now() - idleStarted;
		return {
			request,
			appends: APPENDS,
			latenciesMs,
			p50Ms: percentile(latenciesMs, 50),
			p99Ms: percentile(latenciesMs, 99),
			keyDuringCollectMs: percentile(keys.times, 50),
			keysBeforeCollectEnded: keys.beforeEnd,
			idleSeconds: idleMs / 1000,
			idleCpuPercent: ((used.user + used.system) / 1000 / idleMs) * 100,
		};
	} finally {
		instance.unmount();
	}
}

export async function benchLive(cache: string, log: (line: string) => void): Promise<LiveResult> {
	const scale = TRANSCRIPT_SCALES.find(candidate => candidate.name === 'transcripts-small')!;
	const tree = await ensureTranscripts(cache, scale, log);
	const dbPath = path.join(cache, 'db', 'live.duckdb');
	await rm(dbPath, {force: true});
	await rm(`${dbPath}.wal`, {force: true});
	const database = await Database.open(dbPath);
	const loadBefore = os.loadavg();
	const date = new Date().toISOString();
	const {size} = await stat(tree.growFile);
	try {
		for (const [index, dir] of tree.projectDirs.entries()) await registerProject(database, dir, {name: `project-${index}`, type: 'bench'});
		log('live: cold collect of transcripts-small…');
		await collect(database, {naiveTimezone: ZONE, displayTimezone: ZONE, claudeRoot: tree.root});
		const runs: LiveRun[] = [];
		for (const [index, request] of (['auto', 'poll'] as const).entries()) runs.push(await liveRun(database, tree.root, tree.growFile, request, index * 100, log));
		return {tree: {bytes: tree.bytes, files: tree.mainFiles + tree.subagentFiles, projects: tree.projectDirs.length}, runs, date, loadBefore, loadAfter: os.loadavg()};
	} finally {
		// Back to the cached bytes: the tree's manifest counts them.
		await restoreSize(tree.growFile, size);
		await database.close();
	}
}
