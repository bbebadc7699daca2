import {Box, Text} from 'ink';
import {TABLE_HEAD_LINES} from '../table-lines.js';
import {Tint} from './tint.js';

/**
 * A drawn table with a cursor: the heading, the rows that fit in `height` lines around the
 * selected one (in reverse video, and marked › so that it shows without colour too), the bottom.
 */
export function SelectableTable({lines, selected, height, stale = false}: {lines: readonly string[]; selected: number; height: number; stale?: boolean}) {
	const rowCount = Math.max(0, lines.length - TABLE_HEAD_LINES - 1);
	const visible = Math.max(1, height - TABLE_HEAD_LINES - 2);
	const first = Math.min(Math.max(0, selected - Math.floor(visible / 2)), Math.max(0, rowCount - visible));
	const shown = Math.min(visible, rowCount - first);
	const head = lines.slice(0, TABLE_HEAD_LINES);
	const body = lines.slice(TABLE_HEAD_LINES + first, TABLE_HEAD_LINES + first + shown);
	const bottom = lines.at(-1) ?? '';
	const footer = stale ? '  loading…' : rowCount > visible ? `  rows ${first + 1}–${first + shown} of ${rowCount}` : undefined;
	// Stale rows (the next window or scope is loading) are dimmed, so they are not read as its.
	return (
		<Box flexDirection="column">
			{head.map((line, index) => (
				<Text key={`head-${index}`} dimColor={stale}>{`  ${line}`}</Text>
			))}
			{body.map((line, index) =>
				first + index === selected ? (
					<Text key={first + index}>
						{'› '}
						<Tint inverse>{line}</Tint>
					</Text>
				) : (
					<Text key={first + index} dimColor={stale}>{`  ${line}`}</Text>
				),
			)}
			<Text>{`  ${bottom}`}</Text>
			{footer ? <Text dimColor>{footer}</Text> : null}
		</Box>
	);
}
