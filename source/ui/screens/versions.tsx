import {Box} from 'ink';
import {fitWords} from '../../domain/format.js';
import {useMemo} from 'react';
import {LineView} from '../components/line-view.js';
import {SelectableTable, TABLE_CHROME_LINES} from '../components/selectable-table.js';
import {AsyncView} from '../components/states.js';
import {useVersions} from '../hooks/use-versions.js';
import {useTableLines} from '../hooks/use-table-lines.js';
import {dimmed, lineText} from '../lines/line.js';
import {versionDetailLines, versionsHeading, versionTableRows} from '../lines/versions-lines.js';
import {useList} from '../list/use-list.js';
import {useServices} from '../services.js';
import {takesKeys, type ScreenProps} from './screen-props.js';

/** Lines kept under the table for what changed in the selected version. */
const DETAIL_LINES = 5;

/**
 * The versions of the opened skill (`v` in the drill-down): one row per version with its clean
 * rate and verdict, what changed for the selected one in words, and Enter for its diff.
 */
export function VersionsScreen({state, current, dispatch, height, width}: ScreenProps) {
	const {displayZone} = useServices();
	const loaded = useVersions(state.skill, state.choice, state.scopeProjectId, state.dataVersion);
	// While another skill loads, the previous one's versions must not stand under its name.
	const report = loaded.data?.skill_name === state.skill ? loaded.data : undefined;
	const versions = report?.versions ?? [];
	const rows = useMemo(() => (report ? versionTableRows(report, displayZone, width) : []), [report, displayZone, width]);
	const table = useTableLines(rows) ?? [];
	const size = {count: versions.length, visible: Math.max(1, height - TABLE_CHROME_LINES - DETAIL_LINES - 1)};
	const slice = useList({
		context: 'versions',
		list: 'versions',
		state,
		dispatch,
		size,
		isActive: takesKeys(current, 'versions'),
		handlers: {
			open() {
				const version = versions[current().lists.versions.cursor];
				if (version) dispatch({type: 'open-diff', from: version.compared_with, to: version.label});
			},
		},
	});
	if (state.skill === null) return null;
	const detail = report ? versionDetailLines(report, slice.cursor, width).slice(0, DETAIL_LINES) : [];
	return (
		<AsyncView
			state={{...loaded, data: report}}
			what={`the versions of ${state.skill}`}
			empty={data => (data.versions.length > 0 ? undefined : data.dynamic ? `${state.skill} is dynamic: ${data.dynamic_reason}.` : `No text of ${state.skill} was read from Claude Code transcripts in this window and scope: its versions come from them.`)}
		>
			{(_, stale) => (
				<Box flexDirection="column">
					<LineView line={dimmed(fitWords(report?.dynamic ? `dynamic: ${report.dynamic_reason}` : versionsHeading(versions.length, state.skill ?? ''), width))} />
					{table.length > 0 ? <SelectableTable lines={table} slice={slice} stale={stale} /> : null}
					{/* Lines of words, each its own text: the text keys them. */}
					{detail.map(line => <LineView key={lineText(line)} line={line} />)}
				</Box>
			)}
		</AsyncView>
	);
}
