import assert from 'node:assert/strict';
import {test} from 'node:test';
import {ensureAggregates} from '../../source/data/aggregator.js';
import type {Database} from '../../source/data/database.js';
import {knownSkillNames, skillEffectiveness} from '../../source/data/queries/skill.js';
import {listProjects, unregisterProject} from '../../source/data/registry.js';
import {keptScopeQuantiles} from '../../source/data/scope-quantiles.js';
import {collectDemo, openDatabase} from '../helpers/database.js';

/**
 * The all-projects drill-down of all time takes its mean and quantiles from those kept with the
 * profiles (scope-quantiles.ts): they must be the raw rows' (a day range holding every day reads
 * raw rows), and must not be used once the active projects are others.
 */
const EVERY_DAY = {since: '1970-01-01', until: '2199-12-31', zone: 'UTC'};
/** Means are sums in another order (per project, then the projects) than the raw rows': 12 digits agree. */
const figures = ({avg_duration_ms, p50_duration_ms, p90_duration_ms, total_invocations, successful_completions}: Awaited<ReturnType<typeof skillEffectiveness>>) =>
	({avg_duration_ms: avg_duration_ms === null ? null : Number(avg_duration_ms.toPrecision(12)), p50_duration_ms, p90_duration_ms, total_invocations, successful_completions});

async function assertAsRawRows(database: Database): Promise<number> {
	let kept = 0;
	for (const skill of await knownSkillNames(database, {})) {
		if (await keptScopeQuantiles(database, skill)) kept += 1;
		assert.deepStrictEqual(figures(await skillEffectiveness(database, skill, {})), figures(await skillEffectiveness(database, skill, {}, EVERY_DAY)), skill);
	}

	return kept;
}

test('all-projects quantiles kept with the profiles are the raw rows’, and stop being used when a project leaves', async () => {
	const database = await openDatabase();
	await collectDemo(database);
	await ensureAggregates(database, 'UTC');
	const skills = (await knownSkillNames(database, {})).length;
	assert.equal(await assertAsRawRows(database), skills, 'every skill from the kept figures');
	const [first] = await listProjects(database, {activeOnly: true, counts: false});
	await unregisterProject(database, first!.project_path);
	// The active projects changed, nothing refreshed yet: the durations are read again, with the raw rows' answer.
	assert.equal(await assertAsRawRows(database), 0);
	await ensureAggregates(database, 'UTC');
	assert.ok((await assertAsRawRows(database)) > 0, 'kept again once refreshed');
});
