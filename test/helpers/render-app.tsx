import assert from 'node:assert/strict';
import {mkdir, mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {ExplorerRoot, firstScreen} from '../../source/app.js';
import {collect} from '../../source/data/collect/collector.js';
import {Database} from '../../source/data/store/database.js';
import {registerProject} from '../../source/data/registry/registry.js';
import type {WatchRequest} from '../../source/data/watch/watch-refusal.js';
import {KeyRegistry} from '../../source/ui/keys/key-registry.js';
import {renderInTerminal, settle} from './ink-terminal.js';
import {makeSampleProjects, type SampleName} from './sample-projects.js';
import {writeTree, type FileTree} from './temp.js';

/** Named key sequences, as a terminal sends them. */
export const KEYS = {
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	enter: '\r',
	escape: '\u001B',
	tab: '\t',
	shiftTab: '\u001B[Z',
	backspace: '\u007F',
	ctrlC: '\u0003',
} as const;

export const NOW = new Date('2026-11-24T12:00:00Z');

export interface Explorer {
	lastFrame: () => string;
	frameCount: () => number;
	/** Every frame drawn since `from` (a frameCount taken before). */
	framesSince: (from: number) => string[];
	/** Each key in turn, each one's frame drawn before the next is sent. */
	press: (...keys: string[]) => Promise<void>;
	/** The first frame that satisfies `predicate`; fails naming `what` and showing the last frame. */
	waitForFrame: (predicate: (frame: string) => boolean, what?: string) => Promise<string>;
	/** The handlers the explorer's parts registered for each key context. */
	keys: KeyRegistry;
	database: Database;
	/** Project directories by name: the samples', or those of `trees`. */
	projects: Record<SampleName, string> & Record<string, string>;
	root: string;
	close: () => Promise<void>;
}

/**
 * The real explorer over a real database: one project per real sample, collected, rendered in a
 * terminal of `columns` × `rows` (100 × 24 unless told). `collected: false` leaves the database
 * empty of projects.
 */
export async function renderExplorer(options: {
	collected?: boolean;
	trees?: Record<string, FileTree>;
	now?: Date;
	columns?: number;
	rows?: number;
	/** The Claude Code root the explorer discovers and collects transcripts under; none: transcripts off. */
	claudeRoot?: string;
	/** Changes to the database before the explorer (and the collect, if any) starts. */
	prepare?: (database: Database) => Promise<void>;
	/** Live collection from the start (as `skillscope` runs it); off unless asked, so that no other test collects on its own. */
	live?: WatchRequest;
	/** The explorer's own colours (off unless asked: frames are compared as text). */
	color?: boolean;
} = {}): Promise<Explorer> {
	const root = await mkdtemp(path.join(os.tmpdir(), 'skillscope-ui-'));
	// Each explorer its own home, Claude Code config dir and database file: nothing of the machine's is read.
	const environment = {HOME: process.env.HOME, CLAUDE_CONFIG_DIR: process.env.CLAUDE_CONFIG_DIR};
	process.env.HOME = path.join(root, 'home');
	process.env.CLAUDE_CONFIG_DIR = options.claudeRoot ?? path.join(root, 'home', '.claude');
	await mkdir(process.env.HOME, {recursive: true});
	const database = await Database.open(path.join(root, 'db.duckdb'));
	// With `trees`, the sample names are simply absent.
	const projects = (options.trees ? {} : await makeSampleProjects(path.join(root, 'projects'))) as Explorer['projects'];
	for (const [name, files] of Object.entries(options.trees ?? {})) {
		projects[name] = path.join(root, 'projects', name);
		await writeTree(projects[name], files);
	}

	await options.prepare?.(database);
	if (options.collected !== false) {
		for (const [name, directory] of Object.entries(projects)) await registerProject(database, directory, {name, type: 'sample'});
		await collect(database, {naiveTimezone: 'UTC', displayTimezone: 'UTC', claudeRoot: options.claudeRoot});
	}

	const now = options.now ?? NOW;
	const services = {database, displayZone: 'UTC', naiveZone: 'UTC', now: () => now, color: options.color ?? false, claudeRoot: options.claudeRoot, live: options.live, home: process.env.HOME};
	const keys = new KeyRegistry();
	const terminal = renderInTerminal(<ExplorerRoot services={services} initialScreen={await firstScreen(database)} keys={keys} />, {columns: options.columns ?? 100, rows: options.rows ?? 24});
	const waitForFrame = async (predicate: (frame: string) => boolean, what = 'the expected frame') => {
		// Only a safety net, never a measure: on two cores shared with other work (load 16 seen), a
		// collect of the demo's 120 transcripts and its rollups took over 15 s.
		const deadline = Date.now() + 40_000;
		for (;;) {
			const frame = terminal.lastFrame();
			if (predicate(frame)) return frame;
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last frame:\n${frame}`);
			await new Promise(resolve => setTimeout(resolve, 5));
		}
	};

	// Keys are read once the app's effects have subscribed to stdin: after its first frame settles.
	await waitForFrame(frame => frame.length > 0, 'the first frame');
	await settle(terminal);
	return {
		lastFrame: terminal.lastFrame,
		frameCount: terminal.frameCount,
		framesSince: terminal.framesSince,
		async press(...keys) {
			for (const key of keys) {
				terminal.write(key);
				await settle(terminal);
			}
		},
		waitForFrame,
		keys,
		database,
		projects,
		root,
		async close() {
			terminal.unmount();
			await database.close();
			await rm(root, {recursive: true, force: true});
			for (const [name, value] of Object.entries(environment)) {
				if (value === undefined) delete process.env[name];
				else process.env[name] = value;
			}
		},
	};
}

/** The table row (line) holding `text`, for asserting what one row shows. */
export function lineWith(frame: string, text: string): string {
	return frame.split('\n').find(line => line.includes(text)) ?? '';
}

/** Skill names in the order the leaderboard shows them. */
export function leaderboardOrder(frame: string): string[] {
	return frame
		.split('\n')
		.filter(line => /^[› ] │ \d+/.test(line))
		.map(line => line.split('│')[2]!.trim());
}

/** Every line within the terminal, and no more lines than it has: nothing wraps or scrolls away. */
export function assertFits(frame: string, columns: number, rows: number, what: string) {
	const lines = frame.split('\n');
	const widest = lines.reduce((wide, line) => (line.length > wide.length ? line : wide), '');
	assert.ok(widest.length <= columns, `${what}: a line of ${widest.length} columns:\n${widest}`);
	assert.ok(lines.length <= rows, `${what}: ${lines.length} lines`);
}
