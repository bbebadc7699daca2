import path from 'node:path';
import {BRANCHES, SLUG_WORDS} from './transcript-content.js';
import {uuid} from './transcript-ids.js';
import {drawSeed, transcriptRandom} from './transcript-random.js';
import type {TranscriptScale} from './transcript-scales.js';

/** What one session of the tree will be: drawn from its place in the tree alone, so any session can be made again. */
export interface SessionPlan {
	sessionId: string;
	cwd: string;
	version: string;
	gitBranch: string;
	slug: string;
	home: string;
	seed: number;
	startMs: number;
	/** Turns are written until the file holds at least this many bytes. */
	targetBytes: number;
	/** Task calls whose subagent writes its own file (`<sessionId>/subagents/agent-<id>.jsonl`). */
	subagents: number;
	/** Read tool calls on a screenshot: one line of 1–5 MB (the base64 twice, as Claude Code writes it). */
	bigLines: number;
	/** Probability that a turn is launched by a user-typed `/name`. */
	userCommandRate: number;
	/** Pace of the clock: 1 is real time; the 1.5 GB file uses less so that its months stay weeks. */
	timeScale?: number;
}

/** Fake home inside the lines (skill base directories); never read. */
export const LINE_HOME = '/home/dev';
const END_MS = Date.UTC(2026, 10, 24, 12);
const SPAN_MS = 30 * 86_400_000;

/** The real directory project `project` is launched in: `skillscope register` is given it. */
export function projectDir(base: string, project: number): string {
	return path.join(base, 'work', `project-${String(project).padStart(3, '0')}`);
}

export function planFor(scale: TranscriptScale, base: string, project: number, session: number, bigLine: boolean): SessionPlan {
	const next = transcriptRandom(0xc1_a0_de + project * 100_003 + session * 7919);
	const launchDir = projectDir(base, project);
	const sessions = scale.sessionsPerProject;
	const huge = scale.hugeFileBytes !== undefined;
	return {
		sessionId: uuid(next),
		cwd: next() < 0.15 ? path.join(launchDir, 'packages', 'core') : launchDir,
		version: next() < 0.8 ? '2.1.39' : '2.1.38',
		gitBranch: BRANCHES[Math.floor(next() * BRANCHES.length)]!,
		slug: `${SLUG_WORDS[Math.floor(next() * SLUG_WORDS.length)]}-${SLUG_WORDS[Math.floor(next() * SLUG_WORDS.length)]}-${SLUG_WORDS[Math.floor(next() * SLUG_WORDS.length)]}`,
		home: LINE_HOME,
		seed: drawSeed(next),
		startMs: END_MS - SPAN_MS + Math.floor(((session + next() * 0.9) / sessions) * SPAN_MS * 0.97),
		targetBytes: huge ? scale.hugeFileBytes! : 12_000 + Math.floor(next() * 60_000),
		subagents: huge ? 40 : next() < 0.1 ? 1 + Math.floor(next() * 2) : 0,
		bigLines: huge ? scale.bigLines : bigLine ? 1 : 0,
		userCommandRate: 0.05,
		timeScale: huge ? 0.02 : 1,
	};
}
