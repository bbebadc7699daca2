import {Box} from 'ink';
import {Text} from './text.js';
import type {Line} from '../lines/line.js';
import type {VisibleSlice} from '../list/list-state.js';
import {ListView} from '../list/list-view.js';
import {THEME} from '../theme.js';
import {LineView} from './line-view.js';
import {Tint} from './tint.js';

/** Every key of the keymap (lines from helpLines), scrolled to `slice`. */
export function HelpOverlay({lines, slice}: {lines: readonly Line[]; slice: VisibleSlice}) {
	return (
		<Box flexDirection="column" borderStyle="round" paddingX={1}>
			<Text>
				<Tint bold color={THEME.accent}>Keys</Tint>
				<Text dimColor>{`  Esc or ? closes${slice.clipped ? `, j/k scroll (${slice.start + 1}–${slice.end} of ${slice.count})` : ''}`}</Text>
			</Text>
			<ListView slice={slice} selectable={false} row={index => <LineView line={lines[index]!} />} />
		</Box>
	);
}
