import {Box, Text} from 'ink';
import {useKeyInput} from '../hooks/use-key-input.js';
import {useState} from 'react';
import {bindingsFor, keyLabel, keyName, SCREENS, type KeyContext, type ScreenId} from '../keymap.js';
import {SCREEN_TITLES} from '../navigation.js';
import {THEME} from '../theme.js';
import {Tint} from './tint.js';

/** Every key of the keymap, the current screen's first; j/k scroll when it is taller than the screen. */
export function HelpOverlay({screen, height}: {screen: ScreenId; height: number}) {
	const [scroll, setScroll] = useState(0);
	const contexts: KeyContext[] = [screen, 'global', ...SCREENS.filter(other => other !== screen)];
	const lines: React.ReactNode[] = [];
	for (const context of contexts) {
		const bindings = bindingsFor(context);
		if (bindings.length === 0) continue;
		lines.push(<Text key={`title-${context}`} bold>{context === 'global' ? 'Everywhere' : SCREEN_TITLES[context]}</Text>);
		for (const binding of bindings) {
			lines.push(<Text key={`${context}-${binding.command}-${binding.keys.join()}`}>{`  ${binding.keys.map(keyLabel).join(' / ').padEnd(14)} ${binding.description}`}</Text>);
		}
	}

	// The border takes two lines and the title one.
	const room = Math.max(1, height - 3);
	const maxScroll = Math.max(0, lines.length - room);
	useKeyInput((input, key) => {
		const name = keyName(input, key);
		if (name === 'j' || name === 'down') setScroll(value => Math.min(maxScroll, value + 1));
		if (name === 'k' || name === 'up') setScroll(value => Math.max(0, value - 1));
	}, true);
	const offset = Math.min(scroll, maxScroll);
	return (
		<Box flexDirection="column" borderStyle="round" paddingX={1}>
			<Text>
				<Tint bold color={THEME.accent}>Keys</Tint>
				<Text dimColor>{`  Esc or ? closes${maxScroll > 0 ? `, j/k scroll (${offset + 1}–${offset + room} of ${lines.length})` : ''}`}</Text>
			</Text>
			{lines.slice(offset, offset + room)}
		</Box>
	);
}
