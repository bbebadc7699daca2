import path from 'node:path';
import {writeTree} from './temp.js';
import {Session, writeSession} from './transcripts.js';

/*
 * A world for exposure (issue 21): two projects whose sessions record what the model was offered
 * (`skill_listing` lines), and one session that recorded none. Every figure the tests expect is
 * counted by hand here:
 *
 *   session  day    project  listed (… = cut)                 used
 *   A        03-02  app      pdf, review…, commit, deploy     the model picks pdf
 *   B        03-03  app      pdf, review…, commit             you type review, then commit
 *   C        03-10  app      pdf, review, commit              the model picks review
 *   D        03-11  app      (no listing)                     the model picks pdf: in no rate
 *   E        03-12  other    pdf, lint…, deploy               nothing
 *
 * All time, all projects: 4 sessions recorded a listing (A B C E). pdf: listed 4, picked 1 (25%),
 * typed 0, cut 0. review: listed 3, picked 1, typed 1, cut 2. lint: listed 1, picked 0, cut 1.
 * commit: listed 3, picked 0, typed 1 (never picked). deploy, a skill of the project `other`:
 * listed there 1 (E), everywhere 2. Installed: user pdf, review, lint, commit, unlisted; other's deploy.
 */

export const NOW = '2026-03-20T12:00:00Z';

export interface ExposureWorld {
	root: string;
	app: string;
	other: string;
}

/** A `skill_listing` attachment as Claude Code writes it (transcripts.md). */
export function listing(session: Session, skills: Record<string, string>, options: {at: number; initial?: boolean}): void {
	const content = Object.entries(skills).map(([name, description]) => `- ${name}: ${description}`).join('\n');
	session.attachment(content, {at: options.at, attachmentType: 'skill_listing'});
	Object.assign(session.lines.at(-1)!.attachment as object, {skillCount: Object.keys(skills).length, isInitial: options.initial ?? true});
}

const skillFile = (name: string, description: string) => `---\nname: ${name}\ndescription: ${description}\n---\n\n# ${name}\n`;

const PDF = 'Convert PDF files';
const REVIEW_CUT = 'Review a diff in depth, checking…';
const REVIEW = 'Review a diff in depth, checking tests';

export async function writeExposureWorld(directory: string, root: string): Promise<ExposureWorld> {
	const app = path.join(directory, 'app');
	const other = path.join(directory, 'other');
	await writeTree(root, {
		'skills/pdf/SKILL.md': skillFile('pdf', PDF),
		'skills/review/SKILL.md': skillFile('review', REVIEW),
		'skills/lint/SKILL.md': skillFile('lint', 'Lint the code with the house rules'),
		'skills/unlisted/SKILL.md': skillFile('unlisted', 'Never offered, never used'),
		'skills/commit/SKILL.md': skillFile('commit', 'Commit the staged changes'),
	});
	await writeTree(app, {'README.md': 'app'});
	await writeTree(other, {'README.md': 'other', '.claude/skills/deploy/SKILL.md': skillFile('deploy', 'Deploy the service')});
	const session = (n: number, cwd: string, day: string) => new Session({sessionId: `eeeeeeee-0000-4000-8000-00000000000${n}`, cwd, start: `2026-03-${day}T10:00:00.000Z`});

	const a = session(1, app, '02');
	listing(a, {pdf: PDF, review: REVIEW_CUT, commit: 'Commit the staged changes', deploy: 'Deploy the service'}, {at: 0});
	a.prompt('convert', {at: 1});
	a.skillLoaded(a.skill('pdf', {at: 2}), 'pdf', {at: 3});
	a.system('turn_duration', {at: 5});
	await writeSession(root, a);

	const b = session(2, app, '03');
	listing(b, {pdf: PDF, review: REVIEW_CUT, commit: 'Commit the staged changes'}, {at: 0});
	b.skillBody(b.command('review', {at: 1}), 'review', {at: 1});
	b.skillBody(b.command('commit', {at: 3}), 'commit', {at: 3});
	b.system('turn_duration', {at: 5});
	await writeSession(root, b);

	const c = session(3, app, '10');
	listing(c, {pdf: PDF, review: REVIEW, commit: 'Commit the staged changes'}, {at: 0});
	c.prompt('review it', {at: 1});
	c.skillLoaded(c.skill('review', {at: 2}), 'review', {at: 3});
	c.system('turn_duration', {at: 5});
	await writeSession(root, c);

	const d = session(4, app, '11');
	d.prompt('convert', {at: 0});
	d.skillLoaded(d.skill('pdf', {at: 1}), 'pdf', {at: 2});
	d.system('turn_duration', {at: 5});
	await writeSession(root, d);

	const e = session(5, other, '12');
	listing(e, {pdf: PDF, lint: 'Lint the code…', deploy: 'Deploy the service'}, {at: 0});
	e.prompt('hello', {at: 1});
	e.system('turn_duration', {at: 5});
	await writeSession(root, e);
	return {root, app, other};
}
