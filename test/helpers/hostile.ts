import assert from 'node:assert/strict';
import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {Session, writeSession} from './transcripts.js';

/*
 * Names a hostile repository, a prompt-injected model or another machine's lake can put in front
 * of a terminal (issue 22, D4): each one retitles it, plants a link, moves the cursor, rings,
 * recolours, reverses or splits a row when drawn raw.
 */
export const HOSTILE = {
	title: 'evil\u001B]0;pwned\u0007',
	link: 'link\u001B]8;;file:///etc/passwd\u0007click\u001B]8;;\u0007',
	cr: 'cr\roverwrite',
	bell: 'bell\u0007\u0007',
	nul: 'nul\u0000byte',
	reversed: 'rtl\u202Eesrever',
	newline: 'new\nline',
	colour: 'red\u001B[31mtext',
	c1: 'csi\u009B2J',
	/** Cut at any table width, the cut falls inside the OSC: an unterminated sequence swallows what follows. */
	long: `${'a'.repeat(30)}\u001B]8;;http://x.example/${'b'.repeat(40)}\u0007tail`,
} as const;

export const HOSTILE_SKILLS: readonly string[] = Object.values(HOSTILE);

/** Every raw control character (C0 but newline, DEL, C1) and the bidi and line-separator controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this looks for
const RAW_CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028-\u202E\u2066-\u2069]/;
/** The colours we draw ourselves (SGR): the only sequence allowed through, and only with colour on. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this looks for
export const SGR = /\u001B\[[0-9;]*m/g;

/** Fails naming the first raw control character left in `text` (SGR sequences removed first when `colour`). */
export function assertNoRawControls(text: string, what: string, colour = false): void {
	const rest = colour ? text.replaceAll(SGR, '') : text;
	if (!colour) assert.doesNotMatch(text, SGR, `${what}: colour codes with colour off`);
	const found = RAW_CONTROL.exec(rest);
	if (found) {
		const around = rest.slice(Math.max(0, found.index - 40), found.index + 20);
		assert.fail(`${what}: raw U+${found[0].codePointAt(0)!.toString(16).padStart(4, '0')} reached the terminal near ${JSON.stringify(around)}`);
	}
}

export interface HostileWorld {
	/** The Claude Code root: transcripts, an installed skill with a hostile name. */
	claudeRoot: string;
	/** A registered project whose directory name is hostile. */
	project: string;
	/** A launch directory found in transcripts, not registered, gone. */
	found: string;
	/** The session file whose name carries an OSC and which holds a broken line. */
	brokenFile: string;
}

/**
 * A Claude Code root under `directory` whose transcripts invoke every HOSTILE name (each one
 * finished) in a project directory named with an OSC, plus a launch directory elsewhere, a
 * session file named with an OSC that holds a broken line, and a SKILL.md whose name and
 * description carry escape sequences (raw, and YAML-escaped).
 */
export async function makeHostileWorld(directory: string): Promise<HostileWorld> {
	const claudeRoot = path.join(directory, 'claude');
	const project = path.join(directory, 'proj\u001B]0;dirpwn\u0007');
	await mkdir(project, {recursive: true});
	const session = new Session({sessionId: '11111111-2222-4333-8444-555555555555', cwd: project, start: '2026-11-20T10:00:00.000Z'});
	session.prompt('go');
	for (const name of HOSTILE_SKILLS) {
		session.skillLoaded(session.skill(name), name);
		session.system('turn_duration');
	}

	await writeSession(claudeRoot, session);
	// Twice in a second session, so that the pairs, the next skills and the workflows have names to show.
	const again = new Session({sessionId: '21111111-2222-4333-8444-555555555555', cwd: project, start: '2026-11-21T10:00:00.000Z'});
	again.prompt('again');
	let edits = 0;
	for (const name of [HOSTILE.title, HOSTILE.link, HOSTILE.title, HOSTILE.link]) {
		const id = again.skill(name);
		// The link fails with an error text that carries its own sequence.
		if (name === HOSTILE.link) again.result(id, {content: 'Error: \u001B]0;errpwn\u0007 failed', isError: true});
		// Two texts of the title skill, a sequence in each line that changed: its versions and their diff.
		else again.skillLoaded(id, name, {body: `# T\nstep \u001B]0;bodypwn${++edits}\u0007 one\r\nend\n`});
		again.system('turn_duration');
	}

	await writeSession(claudeRoot, again);
	const broken = new Session({sessionId: 'f\u001B]0;filepwn\u0007', cwd: project, start: '2026-11-20T11:00:00.000Z'});
	broken.prompt('broken');
	broken.skillLoaded(broken.skill(HOSTILE.title), HOSTILE.title);
	const lines = broken.jsonl().split(/(?<=\n)/);
	const brokenFile = await writeSession(claudeRoot, broken, {text: `${lines[0]}{"type":"assistant","message":{"content":[{"type":"tool_use","name":"Skill","input":\n${lines.slice(1).join('')}`});
	const found = '/nowhere/x\u001B]0;discpwn\u0007';
	const elsewhere = new Session({sessionId: '31111111-2222-4333-8444-555555555555', cwd: found, start: '2026-11-20T12:00:00.000Z'});
	elsewhere.prompt('elsewhere');
	await writeSession(claudeRoot, elsewhere);
	await mkdir(path.join(claudeRoot, 'skills', 'e2'), {recursive: true});
	await writeFile(
		path.join(claudeRoot, 'skills', 'e2', 'SKILL.md'),
		'---\nname: e2\u001B]0;rawpwn\u0007\ndescription: "d\\e]8;;file:///etc/passwd\\aclick\\nline\\u202e"\n---\nbody\n',
	);
	return {claudeRoot, project, found, brokenFile};
}
