import {keyLabel} from '../keys/key-names.js';
import {CONTEXT_ORDER, CONTEXT_TITLES, bindingsFor, type KeyContext} from '../keymap.js';
import type {ScreenId} from '../navigation.js';
import {heading, plain, wrapText, type Line} from './line.js';

/** The keys' column: two spaces, the keys padded to 14, a space. */
const KEYS_WIDTH = 17;

/** The overlay's border and padding take two columns on each side. */
export const helpInnerWidth = (width: number) => Math.max(KEYS_WIDTH + 20, width - 4);

/**
 * The help overlay's lines: every context of the keymap, the current screen's first. A description
 * wider than `width` wraps under itself: at 80 columns the scope key's read `each proje…`.
 */
export function helpLines(screen: ScreenId, width = Number.POSITIVE_INFINITY): Line[] {
	const contexts: KeyContext[] = [screen, ...CONTEXT_ORDER.filter(context => context !== screen)];
	const room = Math.max(20, width - KEYS_WIDTH);
	return contexts.flatMap(context => {
		const bindings = bindingsFor(context);
		if (bindings.length === 0) return [];
		return [
			heading(CONTEXT_TITLES[context]),
			...bindings.flatMap(binding => {
				const keys = `  ${binding.keys.map(keyLabel).join(' / ').padEnd(14)} `;
				return wrapText(binding.description, room).map((text, index) => plain(`${index === 0 ? keys : ' '.repeat(KEYS_WIDTH)}${text}`));
			}),
		];
	});
}

/** The border takes two lines and the title one. */
export const helpRoom = (height: number) => Math.max(1, height - 3);
