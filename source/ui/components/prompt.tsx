import {Text} from './text.js';
import {THEME} from '../theme.js';
import {Tint} from './tint.js';

/**
 * Every prompt of the explorer: a text being typed (`text` given, with its cursor), or a yes/no
 * question. Its keys are the keymap's `prompt` and `confirm` contexts, routed by the input mode.
 */
export function Prompt({label, text, hint, warn = false}: {label: string; text?: string; hint: string; warn?: boolean}) {
	if (text === undefined) {
		return (
			<Text>
				<Tint color={warn ? THEME.warn : THEME.accent}>{label}</Tint> <Text bold>y</Text>/<Text bold>n</Text>
				{hint ? <Text dimColor>{`  ${hint}`}</Text> : null}
			</Text>
		);
	}

	return (
		<Text>
			<Tint color={THEME.accent}>{label}</Tint>
			{text}
			<Tint color={THEME.accent}>▌</Tint>
			<Text dimColor>{`  ${hint}`}</Text>
		</Text>
	);
}
