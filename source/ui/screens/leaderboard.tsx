import {Box} from 'ink';
import {Text} from '../components/text.js';
import {scopeCycle} from '../../data/registry/machines.js';
import {SelectableTable, TABLE_CHROME_LINES} from '../components/selectable-table.js';
import {AsyncView} from '../components/states.js';
import {Prompt} from '../components/prompt.js';
import {Tint} from '../components/tint.js';
import {useCommands} from '../hooks/use-commands.js';
import {useFollowSelection} from '../hooks/use-follow-selection.js';
import {useLeaderboard} from '../hooks/use-leaderboard.js';
import {useList} from '../list/use-list.js';
import {nextScope} from '../navigation.js';
import {useServices} from '../services.js';
import {THEME} from '../theme.js';
import {takesKeys, typing, type ScreenProps} from './screen-props.js';

/** What each trigger filter keeps, in words. */
const TRIGGER_WORDS = {model: 'model called', user: 'user typed', subagent: 'subagents called'} as const;

export function LeaderboardScreen({state, current, dispatch, height, width}: ScreenProps) {
	const {database} = useServices();
	const board = useLeaderboard(state.choice, state.scopeProjectId, state.sort, state.descending, state.filter, state.trigger, state.dataVersion, width);
	const rows = board.rows ?? [];
	const filtering = state.mode.kind === 'prompt' && state.mode.prompt === 'filter';
	const filterShown = filtering || state.filter !== '' || state.trigger !== null;
	const size = {count: rows.length, visible: height - (filterShown ? 1 : 0) - TABLE_CHROME_LINES};
	const slice = useList({
		context: 'leaderboard',
		list: 'leaderboard',
		state,
		dispatch,
		size,
		isActive: takesKeys(current, 'leaderboard'),
		handlers: {
			open() {
				const row = rows[current().lists.leaderboard.cursor];
				if (row) dispatch({type: 'open-skill', skill: row.skill_name});
			},
			'sort-next': () => dispatch({type: 'sort-next'}),
			'sort-reverse': () => dispatch({type: 'sort-reverse'}),
			filter: () => dispatch({type: 'open-prompt', prompt: 'filter'}),
			'clear-filter': () => dispatch({type: 'clear-filter'}),
			'trigger-next': () => dispatch({type: 'trigger-next'}),
			scope() {
				// Read at the key, not ahead: a list loaded earlier may be one reload old, or not there yet.
				void scopeCycle(database).then(ids => dispatch({type: 'scope', projectId: nextScope(ids, current().scopeProjectId)}));
			},
		},
	});
	const view = JSON.stringify([state.choice, state.scopeProjectId, state.sort, state.descending, state.filter, state.trigger]);
	useFollowSelection(board.rows, row => row.skill_name, slice.cursor, view, index => dispatch({type: 'list', list: 'leaderboard', command: {select: index}, size}));
	// While the filter is typed, keys are text: Enter keeps it, Esc clears it, ↑/↓ still move.
	useCommands('filter', {
		'cursor-up': () => dispatch({type: 'list', list: 'leaderboard', command: 'cursor-up', size}),
		'cursor-down': () => dispatch({type: 'list', list: 'leaderboard', command: 'cursor-down', size}),
	}, typing(current, 'filter'));
	useCommands('prompt', {
		submit: () => dispatch({type: 'end-prompt', keep: true}),
		cancel: () => dispatch({type: 'end-prompt', keep: false}),
		erase: () => dispatch({type: 'prompt-erase'}),
	}, typing(current, 'filter'));

	const triggerNote = state.trigger ? `  trigger: ${state.trigger} (f next)` : '';
	const filterLine = filtering ? (
		<Prompt label="/" text={state.filter} hint={`(Enter keeps, Esc clears)${triggerNote}`} />
	) : state.filter ? (
		<Text>
			<Tint color={THEME.accent}>/</Tint>
			{state.filter}
			<Text dimColor>{`  filter: ${rows.length} shown (Esc clears)${triggerNote}`}</Text>
		</Text>
	) : state.trigger ? (
		<Text>
			<Tint color={THEME.accent}>{`trigger: ${state.trigger}`}</Tint>
			<Text dimColor>{`  only invocations the ${TRIGGER_WORDS[state.trigger]}: ${rows.length} ${rows.length === 1 ? 'skill' : 'skills'} (f next)`}</Text>
		</Text>
	) : null;
	const triggered = state.trigger ? ` triggered by the ${state.trigger === 'subagent' ? 'subagents' : state.trigger}` : '';
	return (
		<Box flexDirection="column">
			{filterLine}
			<AsyncView
				state={{...board, data: board.rows && board.lines}}
				what="top skills"
				empty={() => (rows.length > 0 ? undefined : state.filter ? `No skill matches “${state.filter}”. Esc clears the filter.` : `No invocations${triggered} in this window. ${state.trigger ? 'f shows the next trigger, ' : ''}← / → move to another one, t chooses another window, r collects.`)}
			>
				{(lines, stale) => <SelectableTable lines={lines} slice={slice} stale={stale} />}
			</AsyncView>
		</Box>
	);
}
