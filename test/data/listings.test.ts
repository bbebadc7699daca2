import assert from 'node:assert/strict';
import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import {afterEach, beforeEach, test} from 'node:test';
import {collect} from '../../source/data/collect/collector.js';
import {exposure} from '../../source/data/queries/exposure.js';
import {registerProject, unregisterProject} from '../../source/data/registry/registry.js';
import {Database} from '../../source/data/store/database.js';
import {listedSkills} from '../../source/formats/transcripts/listing.js';
import {makeTempDir} from '../helpers/temp.js';
import {Session, writeSession} from '../helpers/transcripts.js';

/*
 * What the model was offered (transcripts.md, "skill_listing"), stored per session and counted
 * against what it picked (issue 21). Figures are counted by hand from the lines each test writes.
 */

let home: string;
let root: string;
let database: Database;

beforeEach(async () => {
	home = await makeTempDir('skillscope-listings-');
	root = path.join(home, '.claude');
	await mkdir(path.join(root, 'projects'), {recursive: true});
	database = await Database.open(path.join(home, 'db.duckdb'));
});

afterEach(async () => database.close());

const collectNow = async () => collect(database, {naiveTimezone: 'UTC', displayTimezone: 'UTC', claudeRoot: root});

function listing(s: Session, skills: Record<string, string>, options: {at: number; initial?: boolean}): void {
	const content = Object.entries(skills).map(([name, description]) => `- ${name}: ${description}`).join('\n');
	s.attachment(content, {at: options.at, attachmentType: 'skill_listing'});
	Object.assign(s.lines.at(-1)!.attachment as object, {skillCount: Object.keys(skills).length, isInitial: options.initial ?? true});
}

test('a listing line: each "- name: description" is a skill, a description ending in … was cut', () => {
	const line = {type: 'attachment', sessionId: 's1', timestamp: '2026-03-02T10:00:00.000Z', attachment: {type: 'skill_listing', content: '- pdf: Convert PDF files\n- acme:review: Review a diff in depth, checking…\n- bare\nnot a skill line', skillCount: 3, isInitial: true}};
	assert.deepEqual(listedSkills(line).map(entry => [entry.skillName, entry.cut]), [['pdf', false], ['acme:review', true], ['bare', false]]);
	assert.deepEqual(listedSkills({...line, attachment: {type: 'invoked_skills', content: '- pdf: x'}}), []);
});

test('listed per session (its subagents\' files included), picked by the model, typed by the user; sessions without a listing left out', async () => {
	const dir = path.join(home, 'repo');
	await mkdir(dir);
	await registerProject(database, dir);
	// Session 1: pdf and review listed (review cut); the model picks pdf; a subagent picks review.
	const one = new Session({sessionId: 'aaaaaaaa-0000-4000-8000-000000000001', cwd: dir});
	listing(one, {pdf: 'Convert PDF files', review: 'Review a diff…'}, {at: 0});
	one.prompt('go', {at: 1});
	one.result(one.skill('pdf', {at: 2}), {at: 3});
	await writeSession(root, one);
	const agent = new Session({sessionId: one.sessionId, cwd: dir, agentId: 'a1'});
	agent.prompt('sub', {at: 4});
	agent.result(agent.skill('review', {at: 5}), {at: 6});
	await writeSession(root, agent, {agentId: 'a1'});
	// Session 2: pdf and review listed, review cut again; the user types review; nobody picks pdf.
	const two = new Session({sessionId: 'aaaaaaaa-0000-4000-8000-000000000002', cwd: dir, start: '2026-03-03T10:00:00.000Z'});
	listing(two, {pdf: 'Convert PDF files', review: 'Review a diff…'}, {at: 0});
	const typed = two.command('review', {at: 1});
	two.skillBody(typed, 'review', {at: 1});
	await writeSession(root, two);
	// Session 3: no listing line at all: the model picks pdf, which no rate may count.
	const three = new Session({sessionId: 'aaaaaaaa-0000-4000-8000-000000000003', cwd: dir, start: '2026-03-04T10:00:00.000Z'});
	three.prompt('go', {at: 0});
	three.result(three.skill('pdf', {at: 1}), {at: 2});
	await writeSession(root, three);
	await collectNow();
	const report = await exposure(database, {scope: {}});
	assert.equal(report.sessions_with_listings, 2);
	assert.deepEqual(report.skills, [
		{skill_name: 'pdf', sessions_listed: 2, sessions_model_invoked: 1, trigger_rate: 0.5, sessions_user_typed: 0, sessions_description_cut: 0},
		{skill_name: 'review', sessions_listed: 2, sessions_model_invoked: 1, trigger_rate: 0.5, sessions_user_typed: 1, sessions_description_cut: 2},
	]);

	const again = await collectNow();
	assert.equal(again.totals.collected + again.totals.updated, 0);
	assert.deepEqual((await exposure(database, {scope: {}})).skills.map(skill => skill.sessions_listed), [2, 2], 'a second collect changes nothing');

	// A later listing appended to session 3 names docx, cut: picked up by the next collect.
	listing(three, {docx: 'Write Word files…'}, {at: 5, initial: false});
	await writeSession(root, three);
	await collectNow();
	const grown = await exposure(database, {scope: {}, skill: 'docx'});
	assert.equal(grown.sessions_with_listings, 3);
	assert.deepEqual(grown.skills, [{skill_name: 'docx', sessions_listed: 1, sessions_model_invoked: 0, trigger_rate: 0, sessions_user_typed: 0, sessions_description_cut: 1}]);
});

test('a session is kept once with its listing\'s set: a later listing of it joins the set, equal sets are stored once, a purge keeps none', async () => {
	const dir = path.join(home, 'repo');
	await mkdir(dir);
	await registerProject(database, dir);
	const sessions = [1, 2, 3].map(index => new Session({sessionId: `aaaaaaaa-0000-4000-8000-00000000000${index}`, cwd: dir, start: `2026-03-0${index}T10:00:00.000Z`}));
	for (const session of sessions) {
		listing(session, {pdf: 'Convert PDF files', review: 'Review a diff'}, {at: 0});
		await writeSession(root, session);
	}

	await collectNow();
	const stored = async () => database.all<{sessions: number; sets: number; pairs: number}>(
		`SELECT (SELECT count(*) FROM session_listings)::INTEGER AS sessions, (SELECT count(DISTINCT set_id) FROM listing_sets)::INTEGER AS sets, (SELECT count(*) FROM listing_sets)::INTEGER AS pairs`,
	);
	assert.deepEqual(await stored(), [{sessions: 3, sets: 1, pairs: 2}], 'three sessions offered the same two skills: one set of two');

	// Session 3 lists again later: review now cut, docx new. Its set is the union, a cut in either counts.
	listing(sessions[2]!, {review: 'Review a…', docx: 'Write Word files'}, {at: 5, initial: false});
	await writeSession(root, sessions[2]!);
	await collectNow();
	assert.deepEqual(await stored(), [{sessions: 3, sets: 2, pairs: 5}]);
	const third = await database.all(`SELECT skill_name, description_cut FROM skill_listings WHERE session_id = $id ORDER BY skill_name`, {id: sessions[2]!.sessionId});
	assert.deepEqual(third, [{skill_name: 'docx', description_cut: false}, {skill_name: 'pdf', description_cut: false}, {skill_name: 'review', description_cut: true}]);
	const report = await exposure(database, {scope: {}});
	assert.deepEqual(report.skills.map(skill => [skill.skill_name, skill.sessions_listed, skill.sessions_description_cut]), [['pdf', 3, 0], ['review', 3, 1], ['docx', 1, 0]]);

	await unregisterProject(database, dir, {purge: true});
	assert.deepEqual(await stored(), [{sessions: 0, sets: 0, pairs: 0}], 'a purged project leaves no listed skill behind');
});
