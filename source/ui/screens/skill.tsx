import {Box} from 'ink';
import {useMemo} from 'react';
import {formatCleanRate, formatCount, formatDecimal, formatDuration, formatPercent, truncate} from '../../domain/format.js';
import {LineView} from '../components/line-view.js';
import {AsyncView} from '../components/states.js';
import {Tint} from '../components/tint.js';
import {useInstalled} from '../hooks/use-installed.js';
import {useSkill} from '../hooks/use-skill.js';
import {useTableLines} from '../hooks/use-table-lines.js';
import {dimmed} from '../lines/line.js';
import {exposureLines, installedLines, skillLines} from '../lines/skill-lines.js';
import {ListView} from '../list/list-view.js';
import {useList} from '../list/use-list.js';
import {useServices} from '../services.js';
import {THEME} from '../theme.js';
import {takesKeys, type ScreenProps} from './screen-props.js';

/** The drill-down of the selected skill: a text that scrolls, one line per element. */
export function SkillScreen({state, current, dispatch, height, width}: ScreenProps) {
	const {displayZone, claudeRoot, home} = useServices();
	const loaded = useSkill(state.skill, state.choice, state.scopeProjectId, state.dataVersion);
	const installed = useInstalled(state.skill, state.screen === 'skill', state.dataVersion);
	const places = installed.data?.skill === state.skill ? installed.data.files : undefined;
	// While another skill loads, the previous one's numbers must not stand under its name.
	const data = loaded.data?.report.skill_name === state.skill ? loaded.data : undefined;
	const projectRows = useMemo(() => (data?.report.by_project ?? []).map(row => ({
		project: truncate(row.project_name, Math.max(12, width - 68)),
		uses: formatCount(row.total_invocations),
		success: formatPercent(row.success_rate),
		clean: formatCleanRate(row.clean_rate, row.total_invocations),
		'avg time': formatDuration(row.avg_duration_ms),
		'follow-ups': formatDecimal(row.avg_followup_actions),
	})), [data, width]);
	const projectTable = useTableLines(projectRows) ?? [];
	const lines = useMemo(() => {
		// Where it is installed first (once read): what the Inventory opens the drill-down for.
		const top = installedLines(places ?? [], width, home, claudeRoot !== undefined && places !== undefined);
		if (data?.report.found) return [...top, ...(top.length > 0 ? [dimmed(' ')] : []), ...skillLines(data, projectTable, width, displayZone)];
		// Listed but never used: how often the model was offered it is the point (issue 21).
		const offered = data && data.report.exposure.sessions_listed > 0 ? exposureLines(data.report, width) : [];
		// "Installed nowhere: invoked but not installed" would be wrong of a skill never invoked.
		const where = places && places.length > 0 ? top : [];
		if (where.length === 0 && offered.length === 0) return [];
		return [...where, ...(where.length > 0 ? [dimmed(' ')] : []), dimmed(`No finished or pending use of “${state.skill}” in this window and scope.`), ...offered];
	}, [data, places, claudeRoot, home, projectTable, width, displayZone, state.skill]);
	// One line is kept for the scroll position, so that the body never outgrows its box.
	const room = lines.length > height ? height - 1 : height;
	const slice = useList({
		context: 'skill',
		list: 'skill',
		state,
		dispatch,
		size: {count: lines.length, visible: room, kind: 'scroll'},
		isActive: takesKeys(current, 'skill'),
		handlers: {versions: () => dispatch({type: 'open-versions'})},
	});
	if (state.skill === null) return null;
	return (
		<AsyncView
			state={{...loaded, data}}
			what={state.skill}
			empty={view => (view.report.found || lines.length > 0 ? undefined : `No finished or pending use of “${state.skill}” in this window and scope. ← / → or t change the window.`)}
		>
			{() => (
				<Box flexDirection="column">
					<ListView slice={slice} selectable={false} row={index => <LineView line={lines[index]!} />} />
					{slice.clipped ? <Tint color={THEME.muted}>{`lines ${slice.start + 1}–${slice.end} of ${lines.length} (j/k scroll)`}</Tint> : null}
				</Box>
			)}
		</AsyncView>
	);
}
