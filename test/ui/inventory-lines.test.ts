import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {InventorySkill} from '../../source/data/inventory/inventory.js';
import {budgetLine, inventoryHeading, inventoryLayout, inventoryRow, notInstalledLines, recordedLine} from '../../source/ui/lines/inventory-lines.js';
import {filterInventory, INVENTORY_SORTS, type InventorySort, nextInventorySort, sortInventory} from '../../source/ui/lines/inventory-sort.js';
import {lineText} from '../../source/ui/lines/line.js';

const skill = (skill_name: string, invocations: number, last_used: string | null, state: InventorySkill['state'], problems = 0): InventorySkill => ({
	skill_name,
	kind: 'skill',
	scope: 'user',
	plugin: null,
	path: `/root/skills/${skill_name}/SKILL.md`,
	description_chars: 10,
	invocations,
	last_used,
	state,
	problems: Array.from({length: problems}, () => ({type: 'no_description' as const, message: 'no description'})),
	model_invocable: true,
	runs_commands: false,
	sessions_listed: 0,
	sessions_model_invoked: 0,
	trigger_rate: null,
	sessions_user_typed: 0,
	sessions_description_cut: 0,
});

const SKILLS = [skill('beta', 3, '2026-11-01T00:00:00Z', 'active'), skill('alpha', 3, '2026-08-01T00:00:00Z', 'stale', 2), skill('gamma', 0, null, 'never-used')];

describe('the Inventory’s lines', () => {
	test('s steps through every column and back; the last use sorts never-used last either way', () => {
		let sort: InventorySort = INVENTORY_SORTS[0];
		for (const _ of INVENTORY_SORTS) sort = nextInventorySort(sort);
		assert.equal(sort, INVENTORY_SORTS[0]);
		assert.deepEqual(sortInventory(SKILLS, 'invocations', true).map(row => row.skill_name), ['alpha', 'beta', 'gamma'], 'ties by name');
		assert.deepEqual(sortInventory(SKILLS, 'last_used', true).map(row => row.skill_name), ['beta', 'alpha', 'gamma']);
		assert.deepEqual(sortInventory(SKILLS, 'last_used', false).map(row => row.skill_name), ['alpha', 'beta', 'gamma'], 'no last use stays last');
		assert.deepEqual(sortInventory(SKILLS, 'problems', true).map(row => row.skill_name), ['alpha', 'beta', 'gamma']);
		assert.deepEqual(filterInventory(SKILLS, 'AM ga').map(row => row.skill_name), ['gamma'], 'every word, any case');
	});

	test('rows fit the width and keep their columns under the heading; the state carries its tone', () => {
		for (const width of [80, 120]) {
			const layout = inventoryLayout(width);
			const heading = lineText(inventoryHeading(layout, 'state', false));
			const row = inventoryRow(skill('a-very-long-skill-name-that-cannot-fit-in-eighty-columns', 1, '2026-11-01T10:00:00Z', 'stale', 1), layout, 'UTC');
			assert.ok(2 + lineText(row).length < width, `${width}: ${lineText(row)}`);
			assert.equal(lineText(row).length, heading.length, 'the same widths as the heading');
			assert.match(heading, /state ▲/);
			assert.deepEqual(row.find(segment => segment.text.trim() === 'stale')?.tone, 'warn');
			assert.match(lineText(row), width >= 120 ? /2026-11-01 10:00/ : /2026-11-01 (?!10)/);
		}
	});

	test('exposure: picked of listed from 100 columns (never at 80, where the drill-down says it), never-picked toned; the recorded listings under the bar', () => {
		const commit = {...skill('commit', 4, '2026-11-01T00:00:00Z', 'never-picked'), sessions_listed: 212, sessions_model_invoked: 0, trigger_rate: 0, sessions_user_typed: 4};
		const wide = inventoryRow(commit, inventoryLayout(120), 'UTC');
		assert.match(lineText(wide), / 0\/212 {2}never-picked /);
		assert.equal(lineText(wide).length, lineText(inventoryHeading(inventoryLayout(120), 'state', false)).length);
		assert.equal(wide.find(segment => segment.text.trim() === 'never-picked')?.tone, 'warn');
		assert.doesNotMatch(lineText(inventoryRow(commit, inventoryLayout(80), 'UTC')), /212/);
		const cut = recordedLine({listings: {sessions_with_listings: 230, recent_sessions: 20, recent_sessions_cut: 18, descriptions_cut: 12}}, 80);
		assert.equal(lineText(cut), 'as recorded: 12 descriptions cut, in 18 of the last 20 sessions\' listings');
		assert.equal(cut[1]!.tone, 'warn');
		const clean = recordedLine({listings: {sessions_with_listings: 3, recent_sessions: 3, recent_sessions_cut: 0, descriptions_cut: 0}}, 120);
		assert.deepEqual([lineText(clean), clean[1]!.tone], ['as recorded: no description cut in the last 3 sessions\' listings', 'good']);
	});

	test('the budget bar: proportional, red and said once over', () => {
		const half = budgetLine({listing_chars: 7500, listing_budget: 15_000}, 80);
		const filled = half.find(segment => segment.text.startsWith('█'))!;
		const empty = half.find(segment => segment.text.startsWith('░'))!;
		assert.equal(filled.text.length, empty.text.length, 'half of it filled');
		assert.equal(filled.tone, 'good');
		assert.match(lineText(half), /listing 7,500 \/ 15,000 chars █+░+ 50\.0%$/);
		const over = budgetLine({listing_chars: 18_000, listing_budget: 15_000}, 80);
		assert.ok(!lineText(over).includes('░'), 'full');
		assert.equal(over.find(segment => segment.text.startsWith('█'))!.tone, 'bad');
		assert.match(lineText(over), /120\.0% over budget$/);
		assert.ok(lineText(over).length < 78);
	});

	test('names invoked but not installed: counted, most used first as given, cut at two lines', () => {
		const rows = Array.from({length: 30}, (_, index) => ({skill_name: `ghost-${index}`, invocations: 30 - index, last_used: null, unknown_skill_errors: 0}));
		const lines = notInstalledLines(rows, 80).map(lineText);
		assert.equal(lines.length, 3);
		assert.equal(lines[0], 'Invoked but not installed (30)');
		assert.match(lines[1]!, /^ {2}ghost-0 ×30 · ghost-1 ×29/);
		assert.match(lines[2]!, /…$/);
		for (const line of lines) assert.ok(line.length <= 77, line);
		assert.deepEqual(notInstalledLines([], 80), []);
	});
});
