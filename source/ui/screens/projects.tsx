import {Box} from 'ink';
import {useMemo, useRef} from 'react';
import {listProjects, type Project} from '../../data/registry.js';
import {Prompt} from '../components/prompt.js';
import {SelectableTable, TABLE_CHROME_LINES} from '../components/selectable-table.js';
import {AsyncView} from '../components/states.js';
import {Tint} from '../components/tint.js';
import {useAsync} from '../hooks/use-async.js';
import {useCommands} from '../hooks/use-commands.js';
import {useProjectActions} from '../hooks/use-project-actions.js';
import {useTableLines} from '../hooks/use-table-lines.js';
import {confirmQuestion, projectRows, typedPath} from '../lines/projects-lines.js';
import {useList} from '../list/use-list.js';
import {useServices} from '../services.js';
import {THEME} from '../theme.js';
import {takesKeys, typing, type ScreenProps} from './screen-props.js';

/** One empty list, not a new one per render: the table is redrawn when its rows change identity. */
const NO_PROJECTS: Project[] = [];

/** `~` in typed paths and shown paths; read when used, as the shell would. */
const home = () => process.env.HOME;

export function ProjectsScreen({state, current, dispatch, height, width}: ScreenProps) {
	const {database, displayZone} = useServices();
	// Loaded once first shown: the row counts scan every invocation, which the explorer's first
	// frame (usually the leaderboard) should not wait for.
	const opened = useRef(false);
	if (state.screen === 'projects') opened.current = true;
	const projects = useAsync(async () => (opened.current ? listProjects(database) : undefined), [database, state.dataVersion, opened.current]);
	const rows = projects.data ?? NO_PROJECTS;
	const actions = useProjectActions(() => dispatch({type: 'data-changed'}));
	const {mode} = state;
	const asked = mode.kind === 'confirm' ? rows.find(project => project.project_id === mode.subject) : undefined;
	const promptShown = mode.kind === 'prompt' || asked !== undefined || actions.message !== undefined;
	const size = {count: rows.length, visible: height - (promptShown ? 1 : 0) - TABLE_CHROME_LINES};
	const selected = () => rows[current().lists.projects.cursor];
	const ask = (confirm: 'toggle-project' | 'purge-project') => {
		const project = selected();
		if (project) dispatch({type: 'ask', confirm, subject: project.project_id});
	};

	const slice = useList({
		context: 'projects',
		list: 'projects',
		state,
		dispatch,
		size,
		isActive: takesKeys(current, 'projects'),
		handlers: {
			open() {
				const project = selected();
				if (!project) return;
				dispatch({type: 'scope', projectId: project.project_id});
				dispatch({type: 'go', screen: 'leaderboard'});
			},
			'add-project': () => dispatch({type: 'open-prompt', prompt: 'add-project'}),
			'toggle-active': () => ask('toggle-project'),
			'purge-project': () => ask('purge-project'),
		},
	});
	useCommands('prompt', {
		submit() {
			const {mode} = current();
			const path = mode.kind === 'prompt' ? typedPath(mode.text, home()) : '';
			dispatch({type: 'end-prompt', keep: true});
			if (path) void actions.add(path);
		},
		cancel: () => dispatch({type: 'end-prompt', keep: false}),
		erase: () => dispatch({type: 'prompt-erase'}),
	}, typing(current, 'add-project'));
	useCommands('confirm', {
		yes() {
			const {mode} = current();
			const project = mode.kind === 'confirm' ? rows.find(candidate => candidate.project_id === mode.subject) : undefined;
			dispatch({type: 'end-confirm'});
			if (project && mode.kind === 'confirm') void actions.confirmed(mode.confirm, project);
		},
		no: () => dispatch({type: 'end-confirm'}),
	}, () => current().screen === 'projects' && current().mode.kind === 'confirm');

	const tableRows = useMemo(() => projectRows(rows, width, displayZone, home()), [rows, width, displayZone]);
	const lines = useTableLines(tableRows);
	let prompt: React.ReactNode = null;
	if (mode.kind === 'prompt' && mode.prompt === 'add-project') prompt = <Prompt label="Add project directory: " text={mode.text} hint="(Enter adds, Esc cancels)" />;
	else if (mode.kind === 'confirm' && asked) prompt = <Prompt label={confirmQuestion(mode.confirm, asked)} hint="" warn />;
	else if (actions.message) prompt = <Tint color={actions.message.bad ? THEME.bad : THEME.good}>{actions.message.text}</Tint>;
	return (
		<Box flexDirection="column">
			<AsyncView
				state={{...projects, data: projects.data && lines}}
				what="projects"
				empty={() => (rows.length > 0 ? undefined : 'No projects registered yet. Press a to add a project directory (one with .session-buddy/ or .crackerjack/ metrics).')}
			>
				{drawn => <SelectableTable lines={drawn} slice={slice} />}
			</AsyncView>
			{prompt}
		</Box>
	);
}
