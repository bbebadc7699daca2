import {Box} from 'ink';
import {useMemo} from 'react';
import type {ProjectComparisonRow} from '../../data/queries/skill-report.js';
import {listProjects, type Project} from '../../data/registry/registry.js';
import {projectLabels} from '../../domain/fit/paths.js';
import {projectPlace} from '../../domain/project-place.js';
import {formatCleanRate, formatCount, formatDecimal, formatDuration, formatPercent} from '../../domain/format.js';
import {LineView} from '../components/line-view.js';
import {AsyncView} from '../components/states.js';
import {Tint} from '../components/tint.js';
import {useAsync} from '../hooks/use-async.js';
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

/** The by-project table's cells: names fitted as a column, a name shared in the registry with its folder beside it. */
function projectCells(rows: readonly ProjectComparisonRow[], projects: readonly Project[], width: number) {
	const paths = new Map(projects.map(project => [project.project_id, projectPlace(project).path]));
	// Told apart against every registered project: one shop of three in the table still says which.
	const names = projectLabels(rows.map(row => ({name: row.project_name, path: paths.get(row.project_id) ?? row.project_id})), Math.max(12, width - 56), projects.map(project => ({name: project.project_name, path: projectPlace(project).path})));
	return rows.map((row, index) => ({
		project: names[index]!,
		uses: formatCount(row.total_invocations),
		success: formatPercent(row.success_rate),
		clean: formatCleanRate(row.clean_rate, row.total_invocations),
		'avg time': formatDuration(row.avg_duration_ms),
		'follow-ups': formatDecimal(row.avg_followup_actions),
	}));
}

/** The drill-down of the selected skill: a text that scrolls, one line per element. */
export function SkillScreen({state, current, dispatch, height, width}: ScreenProps) {
	const {displayZone, claudeRoot, home, database} = useServices();
	const loaded = useSkill(state.skill, state.choice, state.scopeProjectId, state.dataVersion);
	const installed = useInstalled(state.skill, state.screen === 'skill', state.dataVersion);
	const places = installed.data?.skill === state.skill ? installed.data.files : undefined;
	// While another skill loads, the previous one's numbers must not stand under its name.
	const data = loaded.data?.report.skill_name === state.skill ? loaded.data : undefined;
	// Paths from the registry: two projects of one name are told apart by their folder (issue 27).
	const registered = useAsync(async () => (state.screen === 'skill' ? listProjects(database, {counts: false}) : undefined), [database, state.screen === 'skill', state.dataVersion]);
	const projectRows = useMemo(() => projectCells(data?.report.by_project ?? [], registered.data ?? [], width), [data, registered.data, width]);
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
