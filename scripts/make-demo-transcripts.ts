/**
 * Generates the demo's Claude Code root under fixtures/demo-claude (see its README.md): sessions
 * shaped like real transcripts (transcripts.md), launched in made-up directories under
 * /home/demo, so that `skillscope discover` finds them and `register --discovered` registers them
 * (as missing directories).
 *
 *   node --import tsx scripts/make-demo-transcripts.ts [outDir]
 *
 * Deterministic: seeded PRNGs, a fixed "now"; a second run writes byte-identical files.
 */
import {mkdirSync, rmSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {Rng} from './seeded-random.js';
import {type StoryUse, STORY, storyInstalls} from './demo-story.js';
import {listingUuid, storyListing} from './demo-listings.js';
import {CROWDED_OUTCOMES, CROWDED_SESSIONS, type CrowdedSession} from './demo-collisions.js';

const END_MS = Date.UTC(2026, 10, 20, 18, 0, 0);
const DAYS = 60;
const MINUTE = 60_000;

const DAY = 24 * 60 * MINUTE;

/* Every draw below comes from here. The crowded corner (demo-collisions.ts) swaps in a PRNG of its own. */
let rng = new Rng(20_261_120);
const CROWDED_SEED = 27;

/*
 * Ids drawn the way this generator first drew them (not Rng's own hex/uuid, which consume the
 * sequence differently): the bundled tree stays byte-identical.
 */
function drawHex(length: number): string {
	let out = '';
	while (out.length < length) out += Math.floor(rng.next() * 16).toString(16);
	return out;
}

function drawUuid(): string {
	const h = drawHex(32);
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** How the model fares with each skill: success rate, and the failure it meets. */
const MODEL_SKILLS = [
	{name: 'code-review', success: 0.93, failure: 'Sibling tool call errored'},
	{name: 'write-tests', success: 0.8, failure: 'InputValidationError: args must be a string'},
	{name: 'superpowers:brainstorming', success: 0.97, failure: 'error'},
	{name: 'superpowers:systematic-debugging', success: 0.66, failure: "The user doesn't want to proceed with this tool use. The tool use was rejected."},
	{name: 'frontend-design:frontend-design', success: 0.9, failure: 'Bash command failed for pattern "!`git diff --stat`": [stderr] fatal: not a git repository'},
	{name: 'deploy-prod', success: 0, failure: '<tool_use_error>Unknown skill: deploy-prod</tool_use_error>'},
] as const;

const TOOLS = ['Bash', 'Read', 'Edit', 'Grep', 'Glob', 'Write'] as const;
const COMMANDS = ['npm test', 'git status', 'git diff', 'npm run build', 'ls -la'] as const;
const PROMPTS = ['fix the failing checkout test', 'review the payment handler', 'add a dark mode toggle', 'why is the deploy slow?', 'write tests for the parser', 'clean up the retry logic'];

const LAUNCHES = ['/home/demo/code/shop', '/home/demo/code/shop', '/home/demo/code/shop/packages/api', '/home/demo/code/infra', '/home/demo/scratch'];

type Line = Record<string, unknown>;

class Session {
	readonly lines: Line[] = [];
	private parent: string | null = null;
	private clock: number;

	constructor(readonly id: string, readonly cwd: string, start: number, private readonly agentId?: string) {
		this.clock = start;
	}

	private tick(ms: number): string {
		this.clock += ms;
		return new Date(this.clock).toISOString();
	}

	private push(fields: Line, stepMs = rng.int(300, 4000)): Line {
		const uuid = drawUuid();
		const line: Line = {
			parentUuid: this.parent,
			isSidechain: this.agentId !== undefined,
			userType: 'external',
			cwd: this.cwd,
			sessionId: this.id,
			version: '2.1.39',
			gitBranch: 'main',
			...(this.agentId ? {agentId: this.agentId} : {}),
			...fields,
			uuid,
			timestamp: this.tick(stepMs),
		};
		this.parent = uuid;
		this.lines.push(line);
		return line;
	}

	prompt(text: string): void {
		this.push({type: 'user', message: {role: 'user', content: text}}, rng.int(20_000, 300_000));
	}

	assistant(content: Line[], message = `msg_${drawHex(24)}`, tokens = rng.int(20, 900)): string {
		this.push({type: 'assistant', requestId: `req_${drawHex(24)}`, message: {model: 'claude-opus-4-5', id: message, type: 'message', role: 'assistant', content, usage: {input_tokens: rng.int(3, 40), output_tokens: tokens}}});
		return message;
	}

	result(id: string, content: string, isError: boolean, toolUseResult: unknown): void {
		this.push({type: 'user', message: {role: 'user', content: [{tool_use_id: id, type: 'tool_result', content, ...(isError ? {is_error: true} : {})}]}, toolUseResult});
	}

	tools(count: number): void {
		for (let index = 0; index < count; index++) {
			const name = rng.pick(TOOLS);
			const id = `toolu_${drawHex(24)}`;
			const input = name === 'Bash' ? {command: rng.pick(COMMANDS), description: 'run it'} : {file_path: `${this.cwd}/src/index.ts`};
			this.assistant([{type: 'tool_use', id, name, input}]);
			this.push({type: 'progress', data: {type: 'hook_progress', hookEvent: 'PostToolUse', hookName: `PostToolUse:${name}`}, toolUseID: id});
			const failed = rng.chance(0.08);
			this.result(id, failed ? 'Exit code 1\nError: tests failed' : 'ok', failed, failed ? 'Error: Exit code 1' : {stdout: 'ok', stderr: ''});
		}
	}

	skill(name: string, success: boolean, failure: string): void {
		const id = `toolu_${drawHex(24)}`;
		this.assistant([{type: 'tool_use', id, name: 'Skill', input: {skill: name}}]);
		if (success) {
			this.result(id, `Launching skill: ${name}`, false, {success: true, commandName: name});
			this.push({type: 'user', isMeta: true, sourceToolUseID: id, message: {role: 'user', content: [{type: 'text', text: `Base directory for this skill: /home/demo/.claude/skills/${name}\n\n# ${name}\n...`}]}}, 5);
		} else {
			this.result(id, failure, true, failure.includes("doesn't want to proceed") ? 'User rejected tool use' : `Error: ${failure}`);
		}
	}

	/** A model's Skill call that loads, and the body line Claude Code writes after its result (outcomes.md). */
	skillWithBody(name: string, body: string): void {
		const id = `toolu_${drawHex(24)}`;
		this.assistant([{type: 'tool_use', id, name: 'Skill', input: {skill: name}}]);
		this.result(id, `Launching skill: ${name}`, false, {success: true, commandName: name});
		this.push({type: 'user', isMeta: true, sourceToolUseID: id, message: {role: 'user', content: [{type: 'text', text: `Base directory for this skill: /home/demo/.claude/skills/${name}\n\n${body}`}]}}, 5);
	}

	/** One tool call and its result, failing or not. */
	tool(name: string, failed: boolean): void {
		const id = `toolu_${drawHex(24)}`;
		this.assistant([{type: 'tool_use', id, name, input: name === 'Bash' ? {command: 'npm test', description: 'run the tests'} : {file_path: `${this.cwd}/src/index.ts`}}]);
		this.result(id, failed ? 'Exit code 1\nError: 3 tests failed' : 'ok', failed, failed ? 'Error: Exit code 1' : {stdout: 'ok', stderr: ''});
	}

	/** The person stops the work (Esc): Claude Code writes this line, which is no prompt. */
	interrupt(): void {
		this.push({type: 'user', message: {role: 'user', content: [{type: 'text', text: '[Request interrupted by user]'}]}}, 2000);
	}

	/** The person refuses a tool call the skill asked for. */
	reject(): void {
		const id = `toolu_${drawHex(24)}`;
		this.assistant([{type: 'tool_use', id, name: 'Edit', input: {file_path: `${this.cwd}/src/index.ts`, old_string: 'a', new_string: 'b'}}]);
		const text = "The user doesn't want to proceed with this tool use. The tool use was rejected (eg. if it was a file edit, the new_string was NOT written to the file). STOP what you are doing and wait for the user to tell you how to proceed.";
		this.result(id, text, true, 'User rejected tool use');
	}

	typed(name: string, body: string, args = ''): void {
		const command = this.push({type: 'user', message: {role: 'user', content: `<command-message>${name}</command-message>\n<command-name>/${name}</command-name>\n<command-args>${args}</command-args>`}}, rng.int(20_000, 200_000));
		this.push({type: 'user', isMeta: true, parentUuid: command.uuid, message: {role: 'user', content: [{type: 'text', text: body}]}}, 0);
	}

	builtin(name: string): void {
		this.push({type: 'user', isMeta: true, message: {role: 'user', content: '<local-command-caveat>Caveat: The messages below were generated by the user while running local commands.</local-command-caveat>'}}, 1000);
		this.push({type: 'user', message: {role: 'user', content: `<command-name>/${name}</command-name>\n            <command-message>${name}</command-message>\n            <command-args></command-args>`}}, 10);
		this.push({type: 'user', message: {role: 'user', content: '<local-command-stdout>Done</local-command-stdout>'}}, 200);
	}

	/**
	 * The skill listing Claude Code gives the model (transcripts.md, "skill_listing"), before the
	 * first prompt. It draws nothing from the PRNG, moves no clock and links no line to it, so that
	 * every other line of the session is written as before.
	 */
	listing(content: string, skillCount: number): void {
		this.lines.push({
			parentUuid: null,
			isSidechain: false,
			userType: 'external',
			cwd: this.cwd,
			sessionId: this.id,
			version: '2.1.39',
			gitBranch: 'main',
			type: 'attachment',
			attachment: {type: 'skill_listing', content, skillCount, isInitial: true},
			uuid: listingUuid(this.id),
			timestamp: new Date(this.clock).toISOString(),
		});
	}

	endTurn(): void {
		this.assistant([{type: 'text', text: 'Done.'}]);
		this.push({type: 'system', subtype: 'turn_duration', durationMs: rng.int(5000, 90_000), isMeta: false}, 50);
	}

	text(): string {
		return `${this.lines.map(line => JSON.stringify(line)).join('\n')}\n`;
	}
}

function session(start: number, cwd: string): {main: Session; agent?: Session} {
	const main = new Session(drawUuid(), cwd, start);
	main.lines.push({type: 'file-history-snapshot', messageId: drawUuid(), snapshot: {trackedFileBackups: {}}, isSnapshotUpdate: false});
	let agent: Session | undefined;
	for (let turn = 0, turns = rng.int(2, 6); turn < turns; turn++) {
		if (rng.chance(0.12)) main.typed('release-notes', 'Write release notes for the changes since the last tag.', 'v2.3');
		else if (rng.chance(0.1)) main.typed('commit', 'Base directory for this skill: /home/demo/.claude/skills/commit\n\nCommit the staged work.');
		else main.prompt(rng.pick(PROMPTS));
		main.assistant([{type: 'text', text: 'Let me look.'}]);
		if (rng.chance(0.6)) {
			const skill = rng.next() < 0.04 ? MODEL_SKILLS[5] : rng.pick(MODEL_SKILLS.slice(0, 5));
			main.skill(skill.name, rng.chance(skill.success), skill.failure);
		}

		main.tools(rng.int(1, 5));
		if (!agent && rng.chance(0.12)) {
			const id = drawHex(7);
			agent = new Session(main.id, cwd, Date.parse(String(main.lines.at(-1)!.timestamp)), id);
			agent.prompt('Explore the codebase and report back.');
			agent.skill('code-review', rng.chance(0.9), 'Sibling tool call errored');
			agent.tools(rng.int(1, 3));
			agent.assistant([{type: 'text', text: 'Report.'}]);
		}

		main.endTurn();
		if (rng.chance(0.05)) main.builtin(rng.pick(['compact', 'model', 'mcp']));
	}

	return {main, agent};
}

const out = process.argv[2] ?? join(dirname(new URL(import.meta.url).pathname), '..', 'fixtures', 'demo-claude');
rmSync(join(out, 'projects'), {recursive: true, force: true});
rmSync(join(out, 'skills'), {recursive: true, force: true});
const write = (relative: string, text: string) => {
	const file = join(out, relative);
	mkdirSync(dirname(file), {recursive: true});
	writeFileSync(file, text);
};

let sessions = 0;
for (let day = DAYS; day >= 1; day--) {
	for (let index = 0, count = rng.int(0, 2); index < count; index++) {
		const cwd = rng.pick(LAUNCHES);
		const start = END_MS - day * 24 * 60 * MINUTE + rng.int(8 * 60, 18 * 60) * MINUTE;
		const {main, agent} = session(start, cwd);
		const folder = `projects/${cwd.replaceAll(/[^a-zA-Z\d]/g, '-')}`;
		write(`${folder}/${main.id}.jsonl`, main.text());
		if (agent) write(`${folder}/${main.id}/subagents/agent-${agent.lines[0]!.agentId as string}.jsonl`, agent.text());
		sessions += 1;
		// One session resumed the next day: its lines copied into a new file, then a new turn.
		if (day === 10 && index === 0) {
			const resumed = new Session(drawUuid(), cwd, start + 24 * 60 * MINUTE);
			for (const line of main.lines) resumed.lines.push({...line, sessionId: resumed.id});
			resumed.prompt('continue where we left off');
			resumed.skill('write-tests', true, '');
			resumed.tools(2);
			resumed.endTurn();
			write(`${folder}/${resumed.id}.jsonl`, resumed.text());
		}
	}
}

sessions += writeStory(write);
sessions += writeCrowded(write);
installSkills(write);
process.stdout.write(`${sessions} sessions written under ${out}\n`);

function plainTurn(main: Session): void {
	main.prompt('thanks, now update the changelog');
	main.assistant([{type: 'text', text: 'Updating it.'}]);
	main.tool('Edit', false);
	main.endTurn();
}

/** One use of the story as transcript lines: the skill, then what the person and the tools did. */
function storyUse(main: Session, use: StoryUse): void {
	main.prompt(use.prompt);
	main.assistant([{type: 'text', text: 'On it.'}]);
	main.skillWithBody(use.skill, use.body);
	switch (use.outcome) {
		case 'clean': {
			main.tool('Read', false);
			main.tool('Bash', false);
			break;
		}

		case 'interrupted': {
			main.tool('Read', false);
			main.interrupt();
			return;
		}

		case 'rejected': {
			main.tool('Read', false);
			main.reject();
			break;
		}

		case 'errored': {
			main.tool('Read', false);
			main.tool('Bash', true);
			break;
		}
	}

	// Run again in the same turn: the first use counts as retried (outcomes.md).
	if (use.retry) main.skillWithBody(use.skill, use.body);
	main.endTurn();
}

/**
 * The outcomes-and-versions story (issue 20; scripts/demo-story.ts says what it holds): sessions in
 * /home/demo/code/shop where pr-review runs under three texts and standup under a new text each day.
 */
function writeStory(write: (relative: string, text: string) => void): number {
	const folder = 'projects/-home-demo-code-shop';
	for (const [index, day] of STORY.entries()) {
		const main = new Session(drawUuid(), '/home/demo/code/shop', END_MS - day.daysAgo * 24 * 60 * MINUTE - 8 * 60 * MINUTE);
		main.lines.push({type: 'file-history-snapshot', messageId: drawUuid(), snapshot: {trackedFileBackups: {}}, isSnapshotUpdate: false});
		// What the model was offered (scripts/demo-listings.ts): from day 35 the listing cuts.
		const {content, skillCount} = storyListing(index);
		main.listing(content, skillCount);
		for (const [index, use] of day.uses.entries()) {
			// A turn without a skill between two uses: the next use then comes after the second prompt, no retry.
			if (index > 0) plainTurn(main);
			storyUse(main, use);
		}

		write(`${folder}/${main.id}.jsonl`, main.text());
	}

	return STORY.length;
}

/** The SKILL.md files of the story's skills (and of /commit, which users type): installed for the inventory. */
function installSkills(write: (relative: string, text: string) => void): void {
	for (const [name, text] of storyInstalls()) write(`skills/${name}/SKILL.md`, text);
}

/** One session of the crowded corner: each turn a prompt, the skill it names (if any), some tools. */
function crowdedSession(plan: CrowdedSession): Session {
	const main = new Session(drawUuid(), plan.cwd, END_MS - plan.daysAgo * DAY + rng.int(9 * 60, 17 * 60) * MINUTE);
	main.lines.push({type: 'file-history-snapshot', messageId: drawUuid(), snapshot: {trackedFileBackups: {}}, isSnapshotUpdate: false});
	for (const turn of plan.turns) {
		main.prompt(turn.prompt);
		main.assistant([{type: 'text', text: 'Let me look.'}]);
		if (turn.skill) main.skill(turn.skill, rng.chance(CROWDED_OUTCOMES[turn.skill].success), CROWDED_OUTCOMES[turn.skill].failure);
		main.tools(rng.int(1, 4));
		main.endTurn();
	}

	return main;
}

/**
 * The crowded corner (issue 27; scripts/demo-collisions.ts says what it holds): three projects
 * named shop, a long path, the project-reader plugin. Written last, from its own seed: what came
 * before stays byte for byte whatever is added here.
 */
function writeCrowded(write: (relative: string, text: string) => void): number {
	rng = new Rng(CROWDED_SEED);
	for (const plan of CROWDED_SESSIONS) {
		const main = crowdedSession(plan);
		write(`projects/${plan.cwd.replaceAll(/[^a-zA-Z\d]/g, '-')}/${main.id}.jsonl`, main.text());
	}

	return CROWDED_SESSIONS.length;
}
