import assert from 'node:assert/strict';
import {readdir} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {test} from 'node:test';
import {ensureAggregates, profilesAreFresh} from '../../source/data/aggregator.js';
import {compareSkill, projectComparisonRows} from '../../source/data/queries/compare.js';
import {knownSkillNames} from '../../source/data/queries/skill.js';
import {registerProject} from '../../source/data/registry.js';
import {collectUtc, openDatabase} from '../helpers/database.js';

test('compare from the per-project profiles gives the raw rows’ answer, for every demo skill', async () => {
	const database = await openDatabase();
	const demo = fileURLToPath(new URL('../../fixtures/demo/', import.meta.url));
	for (const entry of await readdir(demo, {withFileTypes: true})) {
		if (entry.isDirectory()) await registerProject(database, path.join(demo, entry.name), {name: entry.name});
	}

	await collectUtc(database);
	await ensureAggregates(database, 'UTC');
	assert.equal(await profilesAreFresh(database), true);
	const skills = await knownSkillNames(database, {});
	assert.ok(skills.length > 10);
	for (const skill of skills) {
		const fromProfiles = await compareSkill(database, skill);
		assert.ok(fromProfiles.projects.length > 0, skill);
		assert.deepEqual(fromProfiles.projects, await projectComparisonRows(database, skill), skill);
	}
});
