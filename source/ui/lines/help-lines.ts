import {keyLabel} from '../keys/key-names.js';
import {CONTEXT_ORDER, CONTEXT_TITLES, bindingsFor, type KeyContext} from '../keymap.js';
import type {ScreenId} from '../navigation.js';
import {heading, plain, type Line} from './line.js';

/** The help overlay's lines: every context of the keymap, the current screen's first. */
export function helpLines(screen: ScreenId): Line[] {
	const contexts: KeyContext[] = [screen, ...CONTEXT_ORDER.filter(context => context !== screen)];
	return contexts.flatMap(context => {
		const bindings = bindingsFor(context);
		if (bindings.length === 0) return [];
		return [heading(CONTEXT_TITLES[context]), ...bindings.map(binding => plain(`  ${binding.keys.map(keyLabel).join(' / ').padEnd(14)} ${binding.description}`))];
	});
}

/** The border takes two lines and the title one. */
export const helpRoom = (height: number) => Math.max(1, height - 3);
