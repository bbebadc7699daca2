import {Box, Text} from 'ink';
import {useKeyInput} from '../hooks/use-key-input.js';
import {Empty, ErrorBox, Loading} from '../components/states.js';
import {SelectableTable} from '../components/selectable-table.js';
import {Tint} from '../components/tint.js';
import {listProjects} from '../../data/registry.js';
import {useAsync} from '../hooks/use-async.js';
import {useCommands} from '../hooks/use-commands.js';
import {useLeaderboard} from '../hooks/use-leaderboard.js';
import {keyName} from '../keymap.js';
import {nextScope} from '../navigation.js';
import {useServices} from '../services.js';
import type {ScreenInput} from '../app.js';
import type {UiAction, UiState} from '../state.js';
import {THEME} from '../theme.js';

export function LeaderboardScreen({state, dispatch, height, width, input: keys}: {state: UiState; dispatch: (action: UiAction) => void; height: number; width: number; input: ScreenInput}) {
	const {database} = useServices();
	// Only the ids, to cycle the scope: counting rows would scan every invocation before the first frame.
	const projects = useAsync(async () => listProjects(database, {activeOnly: true, counts: false}), [database, state.dataVersion]);
	const board = useLeaderboard(state.choice, state.scopeProjectId, state.sort, state.descending, state.filter, state.dataVersion, width);
	const {lines} = board;
	const rows = board.rows ?? [];
	const last = Math.max(0, rows.length - 1);
	const cursor = Math.min(state.cursor, last);
	const page = Math.max(1, height - 6);
	useCommands(
		'leaderboard',
		'leaderboard',
		{
			'cursor-up': () => dispatch({type: 'cursor-by', delta: -1, last}),
			'cursor-down': () => dispatch({type: 'cursor-by', delta: 1, last}),
			'cursor-top': () => dispatch({type: 'cursor', cursor: 0}),
			'cursor-bottom': () => dispatch({type: 'cursor', cursor: last}),
			'page-up': () => dispatch({type: 'cursor-by', delta: -page, last}),
			'page-down': () => dispatch({type: 'cursor-by', delta: page, last}),
			open() {
				const row = rows[Math.min(keys.current().cursor, last)];
				if (row) dispatch({type: 'open-skill', skill: row.skill_name});
			},
			'sort-next': () => dispatch({type: 'sort-next'}),
			'sort-reverse': () => dispatch({type: 'sort-reverse'}),
			filter: () => dispatch({type: 'filter-start'}),
			scope() {
				const ids = (projects.data ?? []).map(project => project.project_id);
				dispatch({type: 'scope', projectId: nextScope(ids, keys.current().scopeProjectId)});
			},
		},
		() => keys.shown() && !keys.current().filtering,
	);
	// While the filter is typed, keys are text: only Enter, Esc and arrows keep a meaning.
	useKeyInput(
		(input, key) => {
			const name = keyName(input, key);
			if (name === 'escape') dispatch({type: 'filter-end', keep: false});
			else if (name === 'return') dispatch({type: 'filter-end', keep: true});
			else if (name === 'backspace') dispatch({type: 'filter-set', filter: keys.current().filter.slice(0, -1)});
			else if (name === 'up') dispatch({type: 'cursor-by', delta: -1, last});
			else if (name === 'down') dispatch({type: 'cursor-by', delta: 1, last});
			else if (input && !key.ctrl && !key.meta) dispatch({type: 'filter-set', filter: keys.current().filter + input});
		},
		() => keys.shown() && keys.current().filtering,
	);

	const filterLine = state.filtering || state.filter ? (
		<Text>
			<Tint color={THEME.accent}>/</Tint>
			{state.filter}
			{state.filtering ? <Tint color={THEME.accent}>▌</Tint> : null}
			<Text dimColor>{state.filtering ? '  (Enter keeps, Esc clears)' : `  filter: ${rows.length} shown`}</Text>
		</Text>
	) : null;

	let body: React.ReactNode;
	if (board.status === 'error') body = <ErrorBox message={board.error} />;
	else if (!board.rows || !lines) body = <Loading what="top skills" />;
	else if (board.rows.length === 0 && state.filter) body = <Empty>No skill matches “{state.filter}”. Esc clears the filter.</Empty>;
	else if (board.rows.length === 0) body = <Empty>No invocations in this window. ← / → move to another one, t chooses another window, r collects.</Empty>;
	else body = <SelectableTable lines={lines} selected={cursor} height={height - (filterLine ? 1 : 0)} stale={board.status === 'loading'} />;
	return (
		<Box flexDirection="column">
			{filterLine}
			{body}
		</Box>
	);
}
