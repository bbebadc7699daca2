import assert from 'node:assert/strict';
import {test} from 'node:test';
import {descriptionCutAdvice, exposureRecommendations, lowTriggerAdvice} from '../../source/domain/exposure-advice.js';
import {evidenceSummary} from '../../source/domain/recommend.js';

/* The two rules of what the model was offered (issue 21), at their edges. */

const skill = (sessions_listed: number, sessions_model_invoked: number, sessions_description_cut = 0) => ({
	skill_name: 'pdf',
	sessions_listed,
	sessions_model_invoked,
	trigger_rate: sessions_listed === 0 ? null : sessions_model_invoked / sessions_listed,
	sessions_user_typed: 0,
	sessions_description_cut,
});

test('the model rarely picks it: listed in 20 sessions or more (19 is too few), picked in under 5 % (5 % is not)', () => {
	assert.equal(lowTriggerAdvice(skill(19, 0), 30), undefined, '19 sessions: too few to tell');
	const twenty = lowTriggerAdvice(skill(20, 0), 30)!;
	assert.deepEqual([twenty.issue, twenty.priority], ['low_trigger_rate', 'medium']);
	assert.match(twenty.action, /listed to the model in 20 sessions and picked by it in 0 \(0\.0%\): the model rarely picks it: sharpen its description/);
	assert.deepEqual(twenty.evidence, {sessions_listed: 20, sessions_model_invoked: 0, trigger_rate: 0, sessions_with_listings: 30, min_listed: 20, threshold: 0.05});
	assert.equal(lowTriggerAdvice(skill(20, 1), 30), undefined, '1 of 20 is 5 %: not under it');
	assert.ok(lowTriggerAdvice(skill(100, 4), 120), '4 %');
	assert.equal(lowTriggerAdvice(skill(100, 5), 120), undefined, '5 %');
	assert.equal(lowTriggerAdvice(skill(0, 0), 120), undefined, 'never listed: no rate');
	assert.equal(evidenceSummary({...twenty, skill: 'pdf'}), 'picked 0 of 20 listed');
});

test('its description cut in most sessions that recorded a listing (half is not most); the advice names the skills never used, longest first', () => {
	assert.equal(descriptionCutAdvice(skill(10, 3, 5), 10), undefined, '5 of 10: half');
	const six = descriptionCutAdvice(skill(10, 3, 6), 10, [
		{skill_name: 'old-a', description_chars: 120},
		{skill_name: 'pdf', description_chars: 900},
		{skill_name: 'old-b', description_chars: 300},
		{skill_name: 'old-c', description_chars: 50},
		{skill_name: 'old-d', description_chars: 40},
	])!;
	assert.deepEqual([six.issue, six.priority, six.evidence.share], ['description_cut', 'medium', 0.6]);
	assert.match(six.action, /cut to fit the skill listing in 6 of the 10 sessions that recorded one: the model sees it half\. Shorten the descriptions of the skills you never use \(old-b, 300 characters; old-a, 120 characters; old-c, 50 characters; 1 more\), or hide them \(disable-model-invocation: true\), so this one fits\./);
	assert.match(descriptionCutAdvice(skill(10, 3, 6), 10)!.action, /never use, or hide them/);
	assert.equal(descriptionCutAdvice(skill(0, 0, 0), 0), undefined, 'no session recorded a listing');
	assert.equal(evidenceSummary({...six, skill: 'pdf'}), 'cut in 6 of 10');
	assert.deepEqual(exposureRecommendations([skill(40, 1, 30)], 40).map(item => item.issue), ['low_trigger_rate', 'description_cut']);
});
