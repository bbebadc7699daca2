import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {listingChars, markSameNames, stateOf} from '../../source/data/inventory/rules.js';
import type {InstalledFile} from '../../source/formats/skills/files.js';

/* The inventory's rules on hand-made entries: state at the 30-day edge, which entry of a name wins, the listing's cost. */

const NOW = new Date('2026-03-31T12:00:00Z');

function entry(fields: Partial<InstalledFile> & Pick<InstalledFile, 'skill_name' | 'scope'>): InstalledFile {
	return {kind: 'skill', plugin: null, path: `/${fields.scope}/${fields.skill_name}`, project: null, description: null, lines: 3, problems: [], runs_commands: false, model_invocable: true, ...fields};
}

const messages = (file: InstalledFile) => file.problems.map(problem => problem.message);

describe('inventory rules', () => {
	test('state: never used, then stale only past 30 days before now', () => {
		assert.equal(stateOf(0, null, NOW), 'never-used');
		assert.equal(stateOf(3, '2026-03-01T12:00:00.000000Z', NOW), 'active', 'exactly 30 days before now');
		assert.equal(stateOf(3, '2026-03-01T11:59:59.000000Z', NOW), 'stale');
		assert.equal(stateOf(1, '2026-03-31T11:00:00.000000Z', NOW), 'active');
	});

	test('a skill wins over a command, then user over project; projects meet only their own entries; plugins are apart', () => {
		const user = entry({skill_name: 'review', scope: 'user', kind: 'command'});
		const a = entry({skill_name: 'review', scope: 'project', project: 'a', path: '/a/review'});
		const b = entry({skill_name: 'other', scope: 'project', project: 'b'});
		const b2 = entry({skill_name: 'other', scope: 'project', project: 'c'});
		const lint = entry({skill_name: 'tools:lint', scope: 'plugin', plugin: 'tools'});
		const userLint = entry({skill_name: 'lint', scope: 'user'});
		markSameNames([user, a, b, b2, lint, userLint], key => `P${key}`);
		assert.deepEqual(messages(a), ['"review" is also the user command at /user/review; this one wins (a skill wins over a command, then user over project)']);
		assert.deepEqual(messages(user), ['"review" is also the project Pa skill at /a/review, which wins (a skill wins over a command, then user over project)']);
		assert.deepEqual([messages(b), messages(b2), messages(lint), messages(userLint)], [[], [], [], []]);
	});

	test('two user skills of one name: the first found wins, the other says so', () => {
		const first = entry({skill_name: 'x', scope: 'user', path: '/1'});
		const second = entry({skill_name: 'x', scope: 'user', path: '/2'});
		markSameNames([first, second], key => key);
		assert.match(messages(first)[0]!, /also the user skill at \/2; this one wins/);
		assert.match(messages(second)[0]!, /also the user skill at \/1, which wins/);
	});

	test('the listing counts the descriptions of user and plugin skills, in code points, not commands or project skills', () => {
		const files = [
			entry({skill_name: 'a', scope: 'user', description: 'héllo 👋'}),
			entry({skill_name: 'p:b', scope: 'plugin', description: 'abc'}),
			entry({skill_name: 'c', scope: 'user', kind: 'command', description: 'not counted'}),
			entry({skill_name: 'd', scope: 'project', project: 'a', description: 'not counted'}),
		];
		assert.equal(listingChars(files), 7 + 3);
	});
});
