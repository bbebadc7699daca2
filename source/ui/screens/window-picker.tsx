import {Box} from 'ink';
import {Text} from '../components/text.js';
import {choiceLabel, todayIn, WINDOW_OPTIONS} from '../../domain/window-choice.js';
import {ListView} from '../list/list-view.js';
import {useList} from '../list/use-list.js';
import {useServices} from '../services.js';
import {takesKeys, type ScreenProps} from './screen-props.js';

export function WindowScreen({state, current, dispatch, height}: ScreenProps) {
	const {displayZone, now} = useServices();
	const today = todayIn(displayZone, now());
	const slice = useList({
		context: 'window',
		list: 'window',
		state,
		dispatch,
		// The question, the gaps and the note under the list take five lines.
		size: {count: WINDOW_OPTIONS.length, visible: Math.max(1, height - 5)},
		isActive: takesKeys(current, 'window'),
		handlers: {
			open: () => dispatch({type: 'choose-window', choice: WINDOW_OPTIONS[current().lists.window.cursor]!.make(today)}),
		},
	});
	return (
		<Box flexDirection="column">
			<Text>Choose the time window (days, weeks and months in {displayZone}; weeks start on Monday):</Text>
			<Box flexDirection="column" marginTop={1}>
				<ListView
					slice={slice}
					row={index => (
						<>
							{WINDOW_OPTIONS[index]!.label.padEnd(14)}
							<Text dimColor>{`  ${choiceLabel(WINDOW_OPTIONS[index]!.make(today))}`}</Text>
						</>
					)}
				/>
			</Box>
			<Box marginTop={1}>
				<Text dimColor>Then ← / → step to the previous / next day, week, month or range, on every screen.</Text>
			</Box>
		</Box>
	);
}
