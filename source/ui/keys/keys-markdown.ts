import {allBindings, CONTEXT_TITLES, type KeyContext} from '../keymap.js';
import {keyLabel} from './key-names.js';

/**
 * The README's keys table, from the keymap: one row per key and meaning, with every context it
 * works in. A test holds the README equal to it.
 */
export function keysMarkdown(): string {
	const rows = new Map<string, {keys: string; what: string; where: KeyContext[]}>();
	for (const binding of allBindings()) {
		const keys = binding.keys.map(key => `\`${keyLabel(key).replaceAll('|', '\\|')}\``).join(' ');
		const id = `${keys}\u0000${binding.description}`;
		const row = rows.get(id) ?? {keys, what: binding.description, where: []};
		row.where.push(binding.context);
		rows.set(id, row);
	}

	const lines = ['| keys | what | where |', '| --- | --- | --- |'];
	for (const row of rows.values()) lines.push(`| ${row.keys} | ${row.what} | ${row.where.map(context => CONTEXT_TITLES[context]).join(', ')} |`);
	return lines.join('\n');
}
