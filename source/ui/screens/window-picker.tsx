import {Box, Text} from 'ink';
import {choiceLabel, optionIndex, todayIn, WINDOW_OPTIONS} from '../../domain/window-choice.js';
import {Tint} from '../components/tint.js';
import type {ScreenInput} from '../app.js';
import {useCommands} from '../hooks/use-commands.js';
import {useSyncState} from '../hooks/use-sync-state.js';
import {useServices} from '../services.js';
import type {UiAction, UiState} from '../state.js';
import {THEME} from '../theme.js';

export function WindowScreen({state, dispatch, input: keys}: {state: UiState; dispatch: (action: UiAction) => void; input: ScreenInput}) {
	const {displayZone, now} = useServices();
	const [cursor, setCursor, cursorRef] = useSyncState(Math.max(0, optionIndex(state.choice)));
	const today = todayIn(displayZone, now());
	useCommands(
		'window',
		'window',
		{
			'cursor-up': () => setCursor(Math.max(0, cursorRef.current - 1)),
			'cursor-down': () => setCursor(Math.min(WINDOW_OPTIONS.length - 1, cursorRef.current + 1)),
			open: () => dispatch({type: 'choose-window', choice: WINDOW_OPTIONS[cursorRef.current]!.make(today)}),
		},
		keys.shown,
	);
	return (
		<Box flexDirection="column">
			<Text>Choose the time window (days, weeks and months in {displayZone}; weeks start on Monday):</Text>
			<Box flexDirection="column" marginTop={1}>
				{WINDOW_OPTIONS.map((option, index) => {
					const selected = index === cursor;
					return (
						<Text key={option.label}>
							{selected ? <Tint color={THEME.accent}>› </Tint> : '  '}
							<Tint inverse={selected}>{option.label.padEnd(14)}</Tint>
							<Text dimColor>{`  ${choiceLabel(option.make(today))}`}</Text>
						</Text>
					);
				})}
			</Box>
			<Box marginTop={1}>
				<Text dimColor>Then ← / → step to the previous / next day, week, month or range, on every screen.</Text>
			</Box>
		</Box>
	);
}
