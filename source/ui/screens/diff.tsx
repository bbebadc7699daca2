import {Box} from 'ink';
import {useMemo} from 'react';
import {LineView} from '../components/line-view.js';
import {AsyncView} from '../components/states.js';
import {Tint} from '../components/tint.js';
import {useVersionDiff} from '../hooks/use-versions.js';
import {dimmed, wrapText} from '../lines/line.js';
import {diffLines} from '../lines/versions-lines.js';
import {ListView} from '../list/list-view.js';
import {useList} from '../list/use-list.js';
import {THEME} from '../theme.js';
import {takesKeys, type ScreenProps} from './screen-props.js';

/** Enter on a version: the diff of its text against the version before it, scrolled with j/k. */
export function DiffScreen({state, current, dispatch, height, width}: ScreenProps) {
	const loaded = useVersionDiff(state.skill, state.diff, state.dataVersion);
	const wanted = state.diff;
	// Another version's diff loading: the previous one must not stand under its name.
	const data = loaded.data && wanted && loaded.data.to.label === wanted.to && loaded.data.from.label === wanted.from ? loaded.data : undefined;
	const lines = useMemo(() => (data ? (data.diff === '' ? [dimmed(`${data.from.label} and ${data.to.label} have the same text.`)] : diffLines(data.diff)) : []), [data]);
	const room = lines.length > height ? height - 1 : height;
	const slice = useList({
		context: 'diff',
		list: 'diff',
		state,
		dispatch,
		size: {count: lines.length, visible: room, kind: 'scroll'},
		isActive: takesKeys(current, 'diff'),
		handlers: {},
	});
	if (state.skill === null || wanted === null) return null;
	// Wrapped to the width: at 80 columns one cut line ended `… compare with. Esc…`.
	if (wanted.from === null) {
		const words = wrapText(`${wanted.to} is the first version listed: there is nothing before it to compare with. Esc goes back.`, width);
		return <Box flexDirection="column">{words.map(text => <LineView key={text} line={dimmed(text)} />)}</Box>;
	}
	return (
		<AsyncView state={{...loaded, data}} what={`the diff of ${wanted.from} → ${wanted.to}`}>
			{() => (
				<Box flexDirection="column">
					<ListView slice={slice} selectable={false} row={index => <LineView line={lines[index]!} />} />
					{slice.clipped ? <Tint color={THEME.muted}>{`lines ${slice.start + 1}–${slice.end} of ${lines.length} (j/k scroll)`}</Tint> : null}
				</Box>
			)}
		</AsyncView>
	);
}
