import assert from 'node:assert/strict';
import {writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import type {Database} from '../../source/data/store/database.js';
import {cousage} from '../../source/data/queries/cousage.js';
import {nextSkills} from '../../source/data/queries/next-skill.js';
import type {DayRange, Scope} from '../../source/data/queries/scope.js';
import {knownSkillNames} from '../../source/data/queries/skill.js';
import {listProjects} from '../../source/data/registry/registry.js';
import {addProject, collectDemo, collectUtc, openDatabase} from '../helpers/database.js';
import {SOURCE_PATHS} from '../helpers/samples.js';
import {sessionInvocation, tracker} from '../helpers/tracker.js';

/**
 * All-time co-usage and next skill come from the per-project counts of session-pairs.ts; with a
 * day range they are computed from the raw rows' sessions. A range holding every day must give
 * the same answer, for every skill, scope and limit, also after collects that changed sessions.
 */
const EVERY_DAY: DayRange = {since: '1970-01-01', until: '2199-12-31', zone: 'UTC'};

async function assertSameAsSessions(database: Database): Promise<number> {
	const projects = await listProjects(database, {activeOnly: true, counts: false});
	const scopes: Scope[] = [{}, ...projects.map(project => ({project}))];
	let compared = 0;
	for (const scope of scopes) {
		for (const options of [{minSessions: 1}, {minSessions: 3, limit: 5}]) {
			assert.deepStrictEqual(await cousage(database, {scope, ...options}), await cousage(database, {scope, range: EVERY_DAY, ...options}));
		}

		for (const skill of await knownSkillNames(database, scope)) {
			assert.deepStrictEqual(await cousage(database, {scope, skill, minSessions: 1}), await cousage(database, {scope, skill, range: EVERY_DAY, minSessions: 1}), skill);
			const next = await nextSkills(database, skill, {scope, limit: 5});
			assert.deepStrictEqual(next, await nextSkills(database, skill, {scope, range: EVERY_DAY, limit: 5}), skill);
			compared += next.next.length;
		}
	}

	return compared;
}

const file = SOURCE_PATHS.sessionBuddyJson;
const session = (id: string, skills: string[], day: number) =>
	skills.map((skill_name, index) => sessionInvocation({skill_name, session_id: id, invoked_at: `2026-04-${String(day).padStart(2, '0')}T10:0${index}:00`}));

describe('co-usage and next skill from the kept session pairs', () => {
	test('the demo projects: every skill, every scope', async () => {
		const database = await openDatabase();
		await collectDemo(database);
		assert.ok((await assertSameAsSessions(database)) > 20, 'the demo has transitions to compare');
	});

	test('kept up to date as collects add sessions and grow them, and as a project is unregistered', async () => {
		const database = await openDatabase();
		const one = [...session('a', ['plan', 'code', 'test'], 1), ...session('b', ['code', 'test', 'code'], 2)];
		const first = await addProject(database, {[file]: tracker(one)}, {name: 'first'});
		await addProject(database, {[file]: tracker([...session('a', ['test', 'plan'], 3), ...session('c', ['plan', 'plan', 'code'], 4)])}, {name: 'second'});
		await collectUtc(database);
		await assertSameAsSessions(database);
		// Session b grows (a new last step), a new session d appears in the first project only.
		await writeFile(join(first.dir, file), tracker([...one, ...session('b', ['review'], 2).map(record => ({...record, invoked_at: '2026-04-02T11:00:00'})), ...session('d', ['review', 'code'], 5)]));
		const grown = await collectUtc(database);
		assert.equal(grown.totals.collected, 3);
		await assertSameAsSessions(database);
		const {unregisterProject} = await import('../../source/data/registry/registry.js');
		await unregisterProject(database, first.dir, {purge: false});
		await assertSameAsSessions(database);
	});
});
