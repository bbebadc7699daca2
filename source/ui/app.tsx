import {Box, useApp, useStdout} from 'ink';
import {useCallback, useRef} from 'react';
import {getProject} from '../data/registry.js';
import {choiceLabel, type WindowChoice} from '../domain/window-choice.js';
import {Breadcrumbs, Footer, Tabs} from './components/frame.js';
import {HelpOverlay} from './components/help-overlay.js';
import {useAsync} from './hooks/use-async.js';
import {useCollect} from './hooks/use-collect.js';
import {useCommands} from './hooks/use-commands.js';
import {useKeyInput} from './hooks/use-key-input.js';
import {useSyncReducer} from './hooks/use-sync-state.js';
import {keyName, SCREENS, type ScreenId} from './keymap.js';
import {isTopScreen, SCREEN_TITLES, stepScreen} from './navigation.js';
import {CollectScreen} from './screens/collect.js';
import {LeaderboardScreen} from './screens/leaderboard.js';
import {ProjectsScreen} from './screens/projects.js';
import {InsightsScreen} from './screens/insights.js';
import {SkillScreen} from './screens/skill.js';
import {WindowScreen} from './screens/window-picker.js';
import {useServices} from './services.js';
import {initialState, reduce, type UiState} from './state.js';

/** Lines taken by the tabs, the breadcrumbs, and the footer. */
const CHROME_LINES = 4;

/** What a screen needs to know, at the moment a key arrives, about whether keys are its own. */
export interface ScreenInput {
	current: () => UiState;
	shown: () => boolean;
}

export function App({initialScreen, initialChoice}: {initialScreen: ScreenId; initialChoice: WindowChoice}) {
	const {exit} = useApp();
	const {stdout} = useStdout();
	const {database} = useServices();
	const [state, dispatch, stateRef] = useSyncReducer(reduce, initialState(initialScreen, initialChoice));
	// Set by the registry while its prompt takes keys as text.
	const captureRef = useRef(false);
	const width = stdout.columns || 80;
	const height = Math.max(8, (stdout.rows || 24) - CHROME_LINES);
	const dataChanged = useCallback(() => dispatch({type: 'data-changed'}), [dispatch]);
	const collect = useCollect(dataChanged);
	const scopeProject = useAsync(async () => (state.scopeProjectId ? getProject(database, state.scopeProjectId) : undefined), [database, state.scopeProjectId, state.dataVersion]);
	const current = () => stateRef.current;
	const typing = () => (current().screen === 'projects' && captureRef.current) || (current().screen === 'leaderboard' && current().filtering);
	const input = (screen: ScreenId): ScreenInput => ({current, shown: () => current().screen === screen && !current().helpOpen});

	useCommands(
		() => current().screen,
		'global',
		{
			quit() {
				if (isTopScreen(current().screen)) exit();
				else dispatch({type: 'back'});
			},
			back: () => dispatch({type: 'back'}),
			help: () => dispatch({type: 'toggle-help'}),
			'next-screen': () => dispatch({type: 'go', screen: stepScreen(current().screen, 1, current().skill !== null)}),
			'previous-screen': () => dispatch({type: 'go', screen: stepScreen(current().screen, -1, current().skill !== null)}),
			'go-screen-1': () => dispatch({type: 'go', screen: SCREENS[0]}),
			'go-screen-2': () => dispatch({type: 'go', screen: SCREENS[1]}),
			'go-screen-3': () => dispatch({type: 'go', screen: SCREENS[2]}),
			'go-screen-4': () => dispatch({type: 'go', screen: SCREENS[3]}),
			'go-screen-5': () => dispatch({type: 'go', screen: SCREENS[4]}),
			'go-screen-6': () => dispatch({type: 'go', screen: SCREENS[5]}),
			collect() {
				if (!collect.running) void collect.start();
				dispatch({type: 'go', screen: 'collect'});
			},
			'choose-window': () => dispatch({type: 'go', screen: 'window'}),
			'previous-bucket': () => dispatch({type: 'step-window', steps: -1}),
			'next-bucket': () => dispatch({type: 'step-window', steps: 1}),
		},
		() => !typing() && !current().helpOpen,
	);
	// Ctrl+C quits even while typing (where q is a letter).
	useKeyInput((text, key) => {
		if (keyName(text, key) === 'ctrl+c') exit();
	}, typing);
	// The help overlay closes with the keys that open or leave anything; j/k scroll it.
	useKeyInput(
		(text, key) => {
			const name = keyName(text, key);
			if (name === 'ctrl+c') exit();
			else if (name === 'escape' || name === '?' || name === 'q' || key.meta) dispatch({type: 'close-help'});
		},
		() => current().helpOpen,
	);

	const scopeLabel = scopeProject.data ? `project ${scopeProject.data.project_name}` : 'all active projects';
	const trail = state.screen === 'skill' && state.skill ? [SCREEN_TITLES[state.skillFrom], state.skill] : [SCREEN_TITLES[state.screen]];
	if (state.screen === 'skill' && scopeProject.data) trail.push(scopeProject.data.project_name);
	const collectStatus = collect.running ? `collecting ${collect.state.projects.filter(project => project.state === 'done').length}/${collect.state.projects.length}…` : undefined;
	// Every screen stays mounted, hidden when not shown: coming back finds its data, cursor and
	// prompt as they were, without a reload.
	const screens: Record<ScreenId, React.ReactNode> = {
		projects: <ProjectsScreen state={state} dispatch={dispatch} height={height} width={width} input={input('projects')} captureRef={captureRef} />,
		collect: (
			<CollectScreen
				collect={collect.state}
				onCancel={collect.cancel}
				onBack={() => dispatch({type: 'go', screen: 'leaderboard'})}
				height={height}
				width={width}
				input={input('collect')}
			/>
		),
		window: <WindowScreen state={state} dispatch={dispatch} input={input('window')} />,
		leaderboard: <LeaderboardScreen state={state} dispatch={dispatch} height={height} width={width} input={input('leaderboard')} />,
		skill: state.skill === null ? null : <SkillScreen state={state} height={height} width={width} input={input('skill')} />,
		insights: <InsightsScreen state={state} dispatch={dispatch} height={height} width={width} input={input('insights')} />,
	};

	return (
		<Box flexDirection="column" width={width}>
			<Tabs screen={state.screen} width={width} />
			<Breadcrumbs trail={trail} windowLabel={choiceLabel(state.choice)} scopeLabel={scopeLabel} />
			<Box flexDirection="column" height={height} overflow="hidden">
				{state.helpOpen ? <HelpOverlay screen={state.screen} height={height} /> : null}
				{SCREENS.map(id => (
					<Box key={id} display={!state.helpOpen && state.screen === id ? 'flex' : 'none'} flexDirection="column">
						{screens[id]}
					</Box>
				))}
			</Box>
			<Footer screen={state.screen} status={collectStatus} />
		</Box>
	);
}
