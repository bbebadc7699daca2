import {freshRollups} from '../../source/data/rollups/fresh.js';
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {profilesAreFresh} from '../../source/data/rollups/aggregator.js';
import {compareSkill, projectComparisonRows} from '../../source/data/queries/compare.js';
import {knownSkillNames} from '../../source/data/queries/skill.js';
import {collectDemo, openDatabase} from '../helpers/database.js';

test('compare from the per-project profiles gives the raw rows’ answer, for every demo skill', async () => {
	const database = await openDatabase();
	await collectDemo(database);
	await freshRollups(database, {zone: 'UTC'});
	assert.equal(await profilesAreFresh(database), true);
	const skills = await knownSkillNames(database, {});
	assert.ok(skills.length > 10);
	for (const skill of skills) {
		const fromProfiles = await compareSkill(database, skill);
		assert.ok(fromProfiles.projects.length > 0, skill);
		assert.deepEqual(fromProfiles.projects, await projectComparisonRows(database, skill), skill);
	}
});
