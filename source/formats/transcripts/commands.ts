import {owners, type Report, takeBody, track, type Tracked} from './invocation.js';
import {commandArgs, commandName, contentText, messageOf, nameProblem, pluginOf, timestampMs, timestampProblem} from './lines.js';

type Json = Record<string, unknown>;

/**
 * Typed commands (transcripts.md, "What is an invocation"): a `/name` line is an invocation only
 * once the body that expands it is seen; until then it is tentative, and a turn that ends without
 * that body shows it was a built-in (`/compact`, `/model`, …).
 */
export class Commands {
	private readonly byUuid = new Map<string, Tracked>();
	/** Per prompt, its command lines in order: one prompt can hold several built-ins, then a skill. */
	private readonly byPrompt = new Map<string, Tracked[]>();

	get idle(): boolean {
		return this.byUuid.size === 0;
	}

	/** A tentative invocation for a command line (the caller has ended the window before it). */
	typed(line: Json, offset: number, lineNumber: number, report: Report): Tracked | undefined {
		const name = commandName(line);
		if (name === undefined || typeof line.uuid !== 'string') return undefined;
		const at = timestampMs(line);
		const problem = at === undefined ? timestampProblem(line) : nameProblem(name);
		if (problem) {
			report(lineNumber, problem);
			return undefined;
		}

		const tracked = track({
			key: `cc:cmd:${line.uuid}`,
			skillName: name,
			plugin: pluginOf(name),
			kind: 'command',
			trigger: 'user',
			invokedAtMs: at!,
			status: 'succeeded',
			...owners(line),
			args: commandArgs(line) ?? null,
			line: lineNumber,
			offset,
			tentative: true,
			ownMessageId: null,
			callId: null,
		});
		this.byUuid.set(line.uuid, tracked);
		if (typeof line.promptId === 'string') this.byPrompt.set(line.promptId, [...(this.byPrompt.get(line.promptId) ?? []), tracked]);
		return tracked;
	}

	/**
	 * The body that confirms a command: `isMeta`, with text, no `sourceToolUseID` (the caller keeps
	 * those for model calls), not a built-in's `<local-command-caveat>`; paired by `parentUuid`,
	 * else with the nearest earlier unconfirmed command line of its prompt. It was a skill or a
	 * command, not a built-in.
	 */
	confirm(line: Json): Tracked | undefined {
		const text = contentText(messageOf(line)?.content);
		const start = text.trimStart();
		if (start === '' || start.startsWith('<local-command-caveat>')) return undefined;
		const byParent = typeof line.parentUuid === 'string' ? this.byUuid.get(line.parentUuid) : undefined;
		const ofPrompt = typeof line.promptId === 'string' ? this.byPrompt.get(line.promptId) : undefined;
		const tracked = byParent ?? ofPrompt?.findLast(candidate => candidate.tentative);
		if (!tracked?.tentative) return undefined;
		tracked.tentative = false;
		this.byUuid.delete(tracked.key.slice('cc:cmd:'.length));
		tracked.kind = start.startsWith('Base directory for this skill:') ? 'skill' : 'command';
		takeBody(tracked, text);
		return tracked;
	}

	/** The turn ended: what was never confirmed was a built-in. */
	dropTentative(): Tracked[] {
		const dropped = [...this.byUuid.values()].filter(tracked => tracked.tentative);
		this.byUuid.clear();
		this.byPrompt.clear();
		return dropped;
	}
}
