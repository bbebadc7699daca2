import {appendFile} from 'node:fs/promises';
import type {Database} from '../../source/data/store/database.js';
import {Session, toJsonl, transcriptPath, writeSession} from './transcripts.js';

/**
 * A transcript that grows as a session does, for the live tests: each `turn` appends a prompt,
 * one Skill call and its result to the file, the way Claude Code writes (append-only).
 */
export class GrowingSession {
	readonly session: Session;
	private written = 0;
	private turns = 0;

	constructor(
		readonly root: string,
		cwd: string,
		sessionId: string,
		private readonly agentId?: string,
	) {
		this.session = new Session({sessionId, cwd, ...(agentId ? {agentId} : {})});
	}

	get file(): string {
		return transcriptPath(this.root, {cwd: this.session.cwd, sessionId: this.session.sessionId, ...(this.agentId ? {agentId: this.agentId} : {})});
	}

	/** The lines of one turn invoking `skill`, not written yet. */
	addTurn(skill: string): void {
		this.turns += 1;
		this.session.prompt(`turn ${this.turns}`);
		// A subagent shares its parent's sessionId, so its ids are told apart by its agentId.
		const id = this.session.skill(skill, {id: this.session.id(`toolu_01${this.agentId ?? ''}`)});
		this.session.skillLoaded(id, skill);
		this.session.text('done');
	}

	/** Writes the whole file (parents made): the first write, or a file made again. */
	async create(): Promise<void> {
		await writeSession(this.root, this.session, this.agentId ? {agentId: this.agentId} : {});
		this.written = this.session.lines.length;
	}

	/** Appends the lines added since the last write. */
	async flush(): Promise<void> {
		await appendFile(this.file, toJsonl(this.session.lines.slice(this.written)));
		this.written = this.session.lines.length;
	}

	async turn(skill: string): Promise<void> {
		this.addTurn(skill);
		await this.flush();
	}
}

/** Waits until `condition` holds, looking every 20 ms; fails naming `what` after `timeoutMs` (generous: no speed is asserted). */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await condition()) return;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 20));
	}
}

/** Rows stored for `skill` (all skills when omitted). */
export async function usageCount(database: Database, skill?: string): Promise<number> {
	const row = await database.one<{n: number}>(`SELECT count(*)::INTEGER AS n FROM skill_usage WHERE $skill IS NULL OR skill_name = $skill`, {skill: skill ?? null});
	return row?.n ?? 0;
}
