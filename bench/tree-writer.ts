import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {FileSink} from './file-sink.js';
import {addCounts, emptyCounts, type SessionCounts} from './session-counts.js';
import {planFor, projectDir, type SessionPlan} from './session-plan.js';
import {transcriptRandom} from './transcript-random.js';
import type {TranscriptScale} from './transcript-scales.js';
import {SessionWriter} from './transcript-session.js';

/**
 * Writes the sessions of a scale as Claude Code lays them out (transcripts.md):
 * `<root>/projects/<encoded cwd>/<sessionId>.jsonl`, subagents in `<sessionId>/subagents/`,
 * every launch directory made for real so that `skillscope register` accepts it.
 */

/** Claude Code's lossy encoding of the launch directory. */
export function encodeCwd(cwd: string): string {
	return cwd.replace(/[^A-Za-z\d]/g, '-');
}

interface WrittenSession {
	counts: SessionCounts;
	subagentFiles: number;
	lines: number;
}

export interface WrittenTree {
	projectDirs: string[];
	sessions: number;
	mainFiles: number;
	subagentFiles: number;
	lines: number;
	counts: SessionCounts;
	growFile: string;
}

/** Writes turns until the plan's size; subagent files as their turn ends. `keepSubagents` false: replay only (a resume's copy). */
async function writeTurns(writer: SessionWriter, sink: FileSink, sessionDir: string, keepSubagents: boolean): Promise<{subagentFiles: number; subagentLines: number}> {
	let subagentFiles = 0;
	let subagentLines = 0;
	while (!writer.full()) {
		writer.turn();
		for (const file of writer.subagentFiles.splice(0)) {
			if (!keepSubagents) continue;
			const target = path.join(sessionDir, 'subagents', `agent-${file.agentId}.jsonl`);
			await mkdir(path.dirname(target), {recursive: true});
			await writeFile(target, `${file.lines.join('\n')}\n`);
			subagentFiles += 1;
			subagentLines += file.lines.length;
		}

		await sink.flushIfFull();
	}

	return {subagentFiles, subagentLines};
}

async function writeSession(root: string, plan: SessionPlan, resumeOf?: SessionPlan): Promise<WrittenSession> {
	const projectFolder = path.join(root, 'projects', encodeCwd((resumeOf ?? plan).cwd));
	const file = path.join(projectFolder, `${plan.sessionId}.jsonl`);
	const sessionDir = path.join(projectFolder, plan.sessionId);
	const sink = await FileSink.create(file);
	let parent: string | null = null;
	let clock = plan.startMs;
	if (resumeOf) {
		// The copy keeps uuids, tool ids and timestamps; only the sessionId is the new one.
		const copy = new SessionWriter({...resumeOf, sessionId: plan.sessionId}, sink);
		copy.start();
		await writeTurns(copy, sink, sessionDir, false);
		parent = copy.lastUuid;
		clock = copy.lastMs + 3_600_000;
	}

	const writer = new SessionWriter(resumeOf ? {...plan, cwd: resumeOf.cwd} : plan, sink);
	if (resumeOf) writer.continueFrom(parent, clock);
	else writer.start();
	const {subagentFiles, subagentLines} = await writeTurns(writer, sink, sessionDir, true);
	await sink.close();
	return {counts: writer.counts, subagentFiles, lines: sink.lines + subagentLines};
}

/** Every session of `scale` under `root`, the launch directories under `base/work`; 3 % of sessions are resumes of the one before. */
export async function writeTree(base: string, root: string, scale: TranscriptScale, log: (line: string) => void): Promise<WrittenTree> {
	const tree: WrittenTree = {projectDirs: [], sessions: scale.projects * scale.sessionsPerProject, mainFiles: 0, subagentFiles: 0, lines: 0, counts: emptyCounts(), growFile: ''};
	const bigEvery = Math.max(1, Math.floor(tree.sessions / Math.max(1, scale.bigLines)));
	for (let project = 0; project < scale.projects; project++) {
		const launchDir = projectDir(base, project);
		await mkdir(path.join(launchDir, 'packages', 'core'), {recursive: true});
		tree.projectDirs.push(launchDir);
		let previous: SessionPlan | undefined;
		for (let session = 0; session < scale.sessionsPerProject; session++) {
			const index = project * scale.sessionsPerProject + session;
			const plan = planFor(scale, base, project, session, !scale.hugeFileBytes && index % bigEvery === Math.floor(bigEvery / 2));
			const resume = previous && transcriptRandom(plan.seed ^ 0x2f)() < 0.03 ? previous : undefined;
			const written = await writeSession(root, plan, resume);
			addCounts(tree.counts, written.counts);
			tree.mainFiles += 1;
			tree.subagentFiles += written.subagentFiles;
			tree.lines += written.lines;
			if (!tree.growFile && !resume) tree.growFile = path.join(root, 'projects', encodeCwd(plan.cwd), `${plan.sessionId}.jsonl`);
			// A resume is not resumed again: its copy would have to replay two sessions.
			previous = resume ? undefined : plan;
		}

		if (project % 10 === 9) log(`${scale.name}: ${project + 1} of ${scale.projects} projects written`);
	}

	return tree;
}
