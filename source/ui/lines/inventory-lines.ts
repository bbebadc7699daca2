import type {Inventory, InventorySkill, NotInstalled} from '../../data/inventory/inventory.js';
import type {SkillState} from '../../data/inventory/rules.js';
import {recentListingsSentence} from '../../domain/exposure-words.js';
import {formatCount, formatInstant, formatPercent, truncate} from '../../domain/format.js';
import type {InventorySort} from './inventory-sort.js';
import {dimmed, type Line, type Segment, type Tone, wrapText} from './line.js';

/** Active is good, stale and never picked by the model ask for a look, never used is the cost without the use. */
export const STATE_TONES: Record<SkillState, Tone> = {active: 'good', stale: 'warn', 'never-picked': 'warn', 'never-used': 'bad'};

interface Column {
	title: string;
	/** The sort it stands for; `picked` (by the model, of the sessions it was listed in) is not one: it shows at 100 columns only. */
	sort: InventorySort | 'picked';
	/** Fixed width; the name takes what is left. Each fits its title and the sort arrow. */
	width: number;
	right?: boolean;
}

const fixedColumns = (width: number): Column[] => [
	{title: 'kind', sort: 'kind', width: 7},
	{title: 'scope', sort: 'scope', width: 7},
	{title: 'uses', sort: 'invocations', width: 6, right: true},
	{title: 'last used', sort: 'last_used', width: width >= 120 ? 16 : 11},
	// Picked by the model / listed to it (issue 21): where there is room; the drill-down says it all.
	...(width >= 100 ? [{title: 'picked', sort: 'picked' as const, width: 12, right: true}] : []),
	{title: 'state', sort: 'state', width: 12},
	{title: 'problems', sort: 'problems', width: 10, right: true},
];

/** The list's rows sit two columns in (the cursor's `› `), and a line never reaches the last column. */
const ROW_INDENT = 3;

export interface InventoryLayout {
	name: number;
	gap: string;
	columns: Column[];
	/** A date alone when narrow, with its time when wide. */
	dateLength: number;
}

export function inventoryLayout(width: number): InventoryLayout {
	const gap = width >= 100 ? '  ' : ' ';
	const columns = fixedColumns(width);
	const fixed = columns.reduce((sum, column) => sum + column.width + gap.length, 0);
	return {name: Math.max(12, Math.min(48, width - ROW_INDENT - fixed)), gap, columns, dateLength: width >= 120 ? 16 : 10};
}

const pad = (text: string, width: number, right = false) => (right ? text.padStart(width) : text.padEnd(width));

/** The heading, the sorted column marked ▼ or ▲. */
export function inventoryHeading(layout: InventoryLayout, sort: InventorySort, descending: boolean): Line {
	const arrow = descending ? ' ▼' : ' ▲';
	const title = (text: string, key: Column['sort']) => (key === sort ? text + arrow : text);
	const cells = [pad(title('skill', 'skill_name'), layout.name), ...layout.columns.map(column => pad(title(column.title, column.sort), column.width, column.right))];
	return [{text: cells.join(layout.gap), bold: true}];
}

export function inventoryRow(skill: InventorySkill, layout: InventoryLayout, zone: string): Line {
	const cells: Record<Column['sort'], string> = {
		skill_name: skill.skill_name,
		kind: skill.kind,
		scope: skill.scope,
		invocations: formatCount(skill.invocations),
		last_used: formatInstant(skill.last_used, zone).slice(0, layout.dateLength),
		picked: skill.sessions_listed > 0 ? `${formatCount(skill.sessions_model_invoked)}/${formatCount(skill.sessions_listed)}` : '·',
		state: skill.state,
		problems: skill.problems.length > 0 ? formatCount(skill.problems.length) : '·',
	};
	const cell = (column: Column) => pad(truncate(cells[column.sort], column.width), column.width, column.right);
	const segments: Segment[] = [{text: pad(truncate(skill.skill_name, layout.name), layout.name)}];
	for (const column of layout.columns) {
		const text = layout.gap + cell(column);
		if (column.sort === 'state') segments.push({text: layout.gap}, {text: cell(column), tone: STATE_TONES[skill.state]});
		else if (column.sort === 'problems' && skill.problems.length > 0) segments.push({text: layout.gap}, {text: cell(column), tone: 'warn'});
		else segments.push({text});
	}

	return segments;
}

/**
 * What every session carries of the listing: the user and plugin skills' descriptions against
 * Claude Code's budget, as a bar; red once over it (skills past the budget are not listed).
 */
export function budgetLine(inventory: Pick<Inventory, 'listing_chars' | 'listing_budget'>, width: number): Line {
	const {listing_chars: chars, listing_budget: budget} = inventory;
	const share = budget > 0 ? chars / budget : 0;
	const label = `listing ${formatCount(chars)} / ${formatCount(budget)} chars `;
	const after = ` ${formatPercent(share)}${share > 1 ? ' over budget' : ''}`;
	const room = Math.max(10, Math.min(40, width - ROW_INDENT - label.length - after.length - 2));
	const filled = Math.min(room, Math.round(Math.min(share, 1) * room));
	const tone: Tone = share > 1 ? 'bad' : share > 0.9 ? 'warn' : 'good';
	return [{text: label, dim: true}, {text: '█'.repeat(filled), tone}, {text: '░'.repeat(room - filled), dim: true}, {text: after, tone: share > 1 ? 'bad' : undefined, bold: share > 1}];
}

/** The listing as the model met it, under the files' estimate: what the recorded listings cut. */
export function recordedLine(inventory: Pick<Inventory, 'listings'>, width: number): Line {
	const {listings} = inventory;
	const tone: Tone | undefined = listings.sessions_with_listings === 0 ? undefined : listings.descriptions_cut > 0 ? 'warn' : 'good';
	const said = listings.sessions_with_listings === 0 ? 'no listing (Claude Code before 2.1.100 records none)' : recentListingsSentence(listings);
	return [{text: 'as recorded: ', dim: true}, {text: truncate(said, width - ROW_INDENT - 13), tone, dim: tone === undefined}];
}

/** Names invoked but installed nowhere, most used first, in at most `maxLines` lines. */
export function notInstalledLines(rows: readonly NotInstalled[], width: number, maxLines = 2): Line[] {
	if (rows.length === 0) return [];
	const words = rows.map(row => `${row.skill_name} ×${formatCount(row.invocations)}`);
	const wrapped = wrapText(words.join(' · '), width - ROW_INDENT - 2);
	const shown = wrapped.slice(0, maxLines).map(text => `  ${text}`);
	if (wrapped.length > maxLines) shown[maxLines - 1] = `${truncate(shown[maxLines - 1]!, width - ROW_INDENT - 4)} …`;
	return [[{text: `Invoked but not installed (${formatCount(rows.length)})`, bold: true, tone: 'warn'}], ...shown.map(dimmed)];
}
