import {Box, Text} from 'ink';
import {useKeyInput} from '../hooks/use-key-input.js';
import {useMemo, useRef, useState, type MutableRefObject} from 'react';
import {listProjects, registerProject, unregisterProject, type Project} from '../../data/registry.js';
import {formatCount, formatInstant, truncate} from '../../domain/format.js';
import {SelectableTable} from '../components/selectable-table.js';
import {Empty, ErrorBox, Loading} from '../components/states.js';
import {Tint} from '../components/tint.js';
import {useAsync} from '../hooks/use-async.js';
import type {ScreenInput} from '../app.js';
import {useCommands} from '../hooks/use-commands.js';
import {useSyncState} from '../hooks/use-sync-state.js';
import {useTableLines} from '../hooks/use-table-lines.js';
import {keyName} from '../keymap.js';
import {useServices} from '../services.js';
import type {UiAction, UiState} from '../state.js';
import {THEME} from '../theme.js';

type Mode = {kind: 'list'} | {kind: 'adding'; text: string} | {kind: 'confirm'; action: 'toggle' | 'purge'; project: Project};

function shortenPath(path: string, width: number): string {
	const home = process.env.HOME;
	const short = home && path.startsWith(home) ? `~${path.slice(home.length)}` : path;
	return short.length <= width ? short : `…${short.slice(short.length - width + 1)}`;
}

export function ProjectsScreen(props: {
	state: UiState;
	dispatch: (action: UiAction) => void;
	height: number;
	width: number;
	input: ScreenInput;
	captureRef: MutableRefObject<boolean>;
}) {
	const {state, dispatch, height, width, input: keys, captureRef} = props;

	const {database, displayZone} = useServices();
	// Loaded once first shown: the row counts scan every invocation, which the explorer's first
	// frame (usually the leaderboard) should not wait for.
	const opened = useRef(false);
	if (state.screen === 'projects') opened.current = true;
	const projects = useAsync(async () => (opened.current ? listProjects(database) : undefined), [database, state.dataVersion, opened.current]);
	const [cursor, setCursor, cursorRef] = useSyncState(0);
	const [mode, setModeNow, modeRef] = useSyncState<Mode>({kind: 'list'});

	const setMode = (next: Mode) => {
		setModeNow(next);
		// Known at once, so that the next key (a paste right after `a`) is text, not a command.
		captureRef.current = next.kind !== 'list';
	};
	const [message, setMessage] = useState<{text: string; bad: boolean} | undefined>();
	const rows = projects.data ?? [];
	const last = Math.max(0, rows.length - 1);
	const selected = () => rows[Math.min(cursorRef.current, last)];

	const act = async (work: () => Promise<string>) => {
		try {
			setMessage({text: await work(), bad: false});
			dispatch({type: 'data-changed'});
		} catch (error) {
			setMessage({text: error instanceof Error ? error.message : String(error), bad: true});
		}
	};

	useCommands(
		'projects',
		'projects',
		{
			'cursor-up': () => setCursor(Math.max(0, Math.min(cursorRef.current, last) - 1)),
			'cursor-down': () => setCursor(Math.min(last, cursorRef.current + 1)),
			'cursor-top': () => setCursor(0),
			'cursor-bottom': () => setCursor(last),
			open() {
				const project = selected();
				if (!project) return;
				dispatch({type: 'scope', projectId: project.project_id});
				dispatch({type: 'go', screen: 'leaderboard'});
			},
			'add-project': () => setMode({kind: 'adding', text: ''}),
			'toggle-active'() {
				const project = selected();
				if (project) setMode({kind: 'confirm', action: 'toggle', project});
			},
			'purge-project'() {
				const project = selected();
				if (project) setMode({kind: 'confirm', action: 'purge', project});
			},
		},
		() => keys.shown() && modeRef.current.kind === 'list',
	);

	useKeyInput(
		(input, key) => {
			const name = keyName(input, key);
			const mode = modeRef.current;
			if (mode.kind === 'adding') {
				if (name === 'escape') setMode({kind: 'list'});
				else if (name === 'backspace') setMode({kind: 'adding', text: mode.text.slice(0, -1)});
				else if (name === 'return') {
					const path = mode.text.trim().replace(/^~(?=\/|$)/, process.env.HOME ?? '~');
					setMode({kind: 'list'});
					if (path) {
						void act(async () => {
							const {project, created} = await registerProject(database, path);
							return `${created ? 'Added' : 'Reactivated'} ${project.project_name} (${project.project_path}). Press r to collect.`;
						});
					}
				} else if (input && !key.ctrl && !key.meta) setMode({kind: 'adding', text: mode.text + input});
			} else if (mode.kind === 'confirm') {
				const {project, action} = mode;
				if (input === 'y' || input === 'Y') {
					setMode({kind: 'list'});
					void act(async () => {
						if (action === 'purge') {
							const {deletedRows} = await unregisterProject(database, project.project_id, {purge: true});
							return `Purged ${project.project_name}: ${formatCount(deletedRows)} invocations deleted.`;
						}

						if (project.is_active) {
							await unregisterProject(database, project.project_id);
							return `Deactivated ${project.project_name}; its rows stay.`;
						}

						await registerProject(database, project.project_path);
						return `Reactivated ${project.project_name}.`;
					});
				} else if (name === 'escape' || input === 'n' || input === 'N') setMode({kind: 'list'});
			}
		},
		() => keys.shown() && modeRef.current.kind !== 'list',
	);

	const tableRows = useMemo(() => rows.map(project => ({
		name: truncate(project.project_name, 20),
		type: truncate(project.project_type, 10),
		path: shortenPath(project.project_path, Math.max(16, width - 90)),
		active: project.is_active ? 'yes' : 'no',
		uses: formatCount(project.invocations),
		'last sync': formatInstant(project.last_sync_at, displayZone),
		'last error': project.last_error_count > 0 ? truncate(`${project.last_error_count}: ${project.last_error ?? ''}`, 24) : '',
	})), [rows, width, displayZone]);
	const lines = useTableLines(tableRows);

	let prompt: React.ReactNode = null;
	if (mode.kind === 'adding') {
		prompt = (
			<Text>
				<Tint color={THEME.accent}>Add project directory: </Tint>
				{mode.text}
				<Tint color={THEME.accent}>▌</Tint>
				<Text dimColor>  (Enter adds, Esc cancels)</Text>
			</Text>
		);
	} else if (mode.kind === 'confirm') {
		const {project} = mode;
		const question = mode.action === 'purge'
			? `Purge ${project.project_name}? This deletes its ${formatCount(project.invocations)} collected invocations and its aggregates; the project's own files are not touched.`
			: project.is_active
				? `Deactivate ${project.project_name}? It is left out of collection and cross-project figures; its rows stay.`
				: `Reactivate ${project.project_name}?`;
		prompt = (
			<Text>
				<Tint color={THEME.warn}>{question}</Tint> <Text bold>y</Text>/<Text bold>n</Text>
			</Text>
		);
	} else if (message) {
		prompt = <Tint color={message.bad ? THEME.bad : THEME.good}>{message.text}</Tint>;
	}

	let body: React.ReactNode;
	if (projects.status === 'error') body = <ErrorBox message={projects.error} />;
	else if (!projects.data || !lines) body = <Loading what="projects" />;
	else if (rows.length === 0) body = <Empty>No projects registered yet. Press a to add a project directory (one with .session-buddy/ or .crackerjack/ metrics).</Empty>;
	else body = <SelectableTable lines={lines} selected={Math.min(cursor, last)} height={height - (prompt ? 1 : 0)} />;
	return (
		<Box flexDirection="column">
			{body}
			{prompt}
		</Box>
	);
}
