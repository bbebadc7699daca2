import {Box} from 'ink';
import {Text} from '../components/text.js';
import {useMemo} from 'react';
import {listProjects} from '../../data/registry/registry.js';
import {formatCount} from '../../domain/format.js';
import {LineView} from '../components/line-view.js';
import {Prompt} from '../components/prompt.js';
import {AsyncView} from '../components/states.js';
import {Tint} from '../components/tint.js';
import {useAsync} from '../hooks/use-async.js';
import {useCommands} from '../hooks/use-commands.js';
import {useInventory} from '../hooks/use-inventory.js';
import {lineText} from '../lines/line.js';
import {budgetLine, inventoryHeading, recordedLine, inventoryLayout, inventoryRow, notInstalledLines} from '../lines/inventory-lines.js';
import {filterInventory, sortInventory} from '../lines/inventory-sort.js';
import {ListView, rowsShown} from '../list/list-view.js';
import {useList} from '../list/use-list.js';
import {nextScope} from '../navigation.js';
import {useServices} from '../services.js';
import {THEME} from '../theme.js';
import {takesKeys, typing, type ScreenProps} from './screen-props.js';

/** Lines always taken around the rows: the budget bar, the recorded listings, the heading, the rows' position. */
const FRAME_LINES = 4;

/** What is installed, what is used, and what the descriptions cost: issue 13's table. */
export function InventoryScreen({state, current, dispatch, height, width}: ScreenProps) {
	const {displayZone, claudeRoot, database} = useServices();
	const shown = state.screen === 'inventory';
	const loaded = useInventory(shown, state.scopeProjectId, state.dataVersion);
	const projects = useAsync(async () => (shown ? listProjects(database, {activeOnly: true, counts: false}) : undefined), [database, shown, state.dataVersion]);
	const {sort, descending, filter} = state.inventory;
	const rows = useMemo(() => filterInventory(sortInventory(loaded.data?.skills ?? [], sort, descending), filter), [loaded.data, sort, descending, filter]);
	const layout = inventoryLayout(width);
	const missing = useMemo(() => notInstalledLines(loaded.data?.not_installed ?? [], width), [loaded.data, width]);
	const sourceProblems = loaded.data?.problems ?? [];
	const filtering = state.mode.kind === 'prompt' && state.mode.prompt === 'inventory-filter';
	const filterShown = filtering || filter !== '';
	const size = {count: rows.length, visible: Math.max(1, height - FRAME_LINES - (filterShown ? 1 : 0) - missing.length - (sourceProblems.length > 0 ? 1 : 0))};
	const slice = useList({
		context: 'inventory',
		list: 'inventory',
		state,
		dispatch,
		size,
		isActive: takesKeys(current, 'inventory'),
		handlers: {
			open() {
				const row = rows[current().lists.inventory.cursor];
				if (row) dispatch({type: 'open-skill', skill: row.skill_name});
			},
			'sort-next': () => dispatch({type: 'inventory-sort-next'}),
			'sort-reverse': () => dispatch({type: 'inventory-sort-reverse'}),
			filter: () => dispatch({type: 'open-prompt', prompt: 'inventory-filter'}),
			'clear-filter': () => dispatch({type: 'inventory-clear-filter'}),
			scope() {
				const ids = (projects.data ?? []).map(project => project.project_id);
				dispatch({type: 'scope', projectId: nextScope(ids, current().scopeProjectId)});
			},
		},
	});
	const move = (command: 'cursor-up' | 'cursor-down') => () => dispatch({type: 'list', list: 'inventory', command, size});
	useCommands('filter', {'cursor-up': move('cursor-up'), 'cursor-down': move('cursor-down')}, typing(current, 'inventory-filter'));
	useCommands('prompt', {
		submit: () => dispatch({type: 'end-prompt', keep: true}),
		cancel: () => dispatch({type: 'end-prompt', keep: false}),
		erase: () => dispatch({type: 'prompt-erase'}),
	}, typing(current, 'inventory-filter'));

	if (claudeRoot === undefined) return <Text>Transcripts and skills are off: no Claude Code root was given, so there is no installed skill to list.</Text>;
	const filterLine = filtering ? (
		<Prompt label="/" text={filter} hint="(Enter keeps, Esc clears)" />
	) : filter ? (
		<Text>
			<Tint color={THEME.accent}>/</Tint>
			{filter}
			<Text dimColor>{`  filter: ${rows.length} shown (Esc clears)`}</Text>
		</Text>
	) : null;
	return (
		<AsyncView
			state={loaded}
			what="installed skills"
			empty={inventory => (inventory.skills.length > 0 || inventory.not_installed.length > 0 ? undefined : 'No skill or command installed: none under the Claude Code root’s skills/ and commands/, its plugins, or the projects’ .claude/.')}
		>
			{(inventory, stale) => (
				<Box flexDirection="column">
					<LineView line={budgetLine(inventory, width)} />
					<LineView line={recordedLine(inventory, width)} />
					{filterLine}
					<Text wrap="truncate-end" dimColor={stale}>{'  '}<LineView line={inventoryHeading(layout, sort, descending)} /></Text>
					{rows.length === 0 ? <Text dimColor>{filter ? `  No installed skill matches “${filter}”. Esc clears the filter.` : '  No skill or command installed.'}</Text> : null}
					<ListView slice={slice} dim={stale} row={index => <LineView line={inventoryRow(rows[index]!, layout, displayZone)} />} status={rowsShown('skills')} />
					{missing.map(line => <LineView key={lineText(line)} line={line} />)}
					{sourceProblems.length > 0 ? (
						<Text wrap="truncate-end">
							<Tint color={THEME.warn}>{`${formatCount(sourceProblems.length)} not read: ${sourceProblems.map(problem => `${problem.file}: ${problem.message}`).join('; ')}`}</Tint>
						</Text>
					) : null}
				</Box>
			)}
		</AsyncView>
	);
}
