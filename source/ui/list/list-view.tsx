import {Box} from 'ink';
import {Text} from '../components/text.js';
import type {ReactNode} from 'react';
import {Tint} from '../components/tint.js';
import type {VisibleSlice} from './list-state.js';

/**
 * The rows of a list's visible slice; the selected one in reverse video and marked ›, so that it
 * shows without colour too. No keys here: the list's hook turns them into commands.
 */
export function ListView({slice, row, selectable = true, dim = false, status}: {
	slice: VisibleSlice;
	row: (index: number) => ReactNode;
	selectable?: boolean;
	dim?: boolean;
	/** Under the rows: where the slice is, when not everything fits. */
	status?: (slice: VisibleSlice) => string | undefined;
}) {
	const indexes = Array.from({length: slice.end - slice.start}, (_, offset) => slice.start + offset);
	const below = status?.(slice);
	return (
		<Box flexDirection="column">
			{indexes.map(index =>
				selectable && index === slice.cursor ? (
					<Text key={index} wrap="truncate-end">
						{'› '}
						<Tint inverse>{row(index)}</Tint>
					</Text>
				) : (
					<Text key={index} wrap="truncate-end" dimColor={dim}>
						{selectable ? '  ' : ''}
						{row(index)}
					</Text>
				),
			)}
			{below ? <Text dimColor>{below}</Text> : null}
		</Box>
	);
}

/** `rows 3–20 of 57` when the list is taller than its room. */
export function rowsShown(noun: string) {
	return (slice: VisibleSlice) => (slice.clipped ? `  ${noun ? `${noun} ` : ''}${slice.start + 1}–${slice.end} of ${slice.count}` : undefined);
}
