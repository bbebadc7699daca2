import type {SessionCounts} from './session-counts.js';

/** The sizes of transcript tree the bench measures, and what a generated tree holds. */

export interface TranscriptScale {
	name: string;
	projects: number;
	sessionsPerProject: number;
	/** Screenshot lines (1–5 MB) in the whole tree. */
	bigLines: number;
	/** One session file of this many bytes instead of a tree of ~70 KB sessions. */
	hugeFileBytes?: number;
}

export const TRANSCRIPT_SCALES: readonly TranscriptScale[] = [
	{name: 'transcripts-small', projects: 20, sessionsPerProject: 50, bigLines: 26},
	{name: 'transcripts-large', projects: 100, sessionsPerProject: 200, bigLines: 40},
	{name: 'transcripts-huge-file', projects: 1, sessionsPerProject: 1, bigLines: 60, hugeFileBytes: 1.5 * 2 ** 30},
];

export interface TranscriptTree {
	scale: TranscriptScale;
	/** What CLAUDE_CONFIG_DIR points at (holds `projects/`). */
	root: string;
	projectDirs: string[];
	sessions: number;
	mainFiles: number;
	subagentFiles: number;
	bytes: number;
	/** Every line of every file (copies and subagent files included). */
	lines: number;
	counts: SessionCounts;
	/** Rows a collector following transcripts.md stores: every Skill call once, plus user-typed skills and commands. */
	expectedRows: number;
	/** The session the bench grows by one turn. */
	growFile: string;
	generatedMs: number;
}
