import {Box, useApp, useInput, useStdout} from 'ink';
import {useCallback, useEffect, useReducer, useState} from 'react';
import {getProject} from '../data/registry.js';
import {choiceLabel, type WindowChoice} from '../domain/window-choice.js';
import {Breadcrumbs, Footer, Tabs} from './components/frame.js';
import {HelpOverlay} from './components/help-overlay.js';
import {useAsync} from './hooks/use-async.js';
import {useCollect} from './hooks/use-collect.js';
import {useCommands} from './hooks/use-commands.js';
import {keyName, SCREENS, type ScreenId} from './keymap.js';
import {isTopScreen, SCREEN_TITLES, stepScreen} from './navigation.js';
import {CollectScreen} from './screens/collect.js';
import {LeaderboardScreen} from './screens/leaderboard.js';
import {ProjectsScreen} from './screens/projects.js';
import {SkillScreen} from './screens/skill.js';
import {WindowScreen} from './screens/window-picker.js';
import {useServices} from './services.js';
import {initialState, reduce} from './state.js';

/** Lines taken by the tabs, the breadcrumbs, and the footer. */
const CHROME_LINES = 4;

export function App({initialScreen, initialChoice}: {initialScreen: ScreenId; initialChoice: WindowChoice}) {
	const {exit} = useApp();
	const {stdout} = useStdout();
	const {database} = useServices();
	const [state, dispatch] = useReducer(reduce, initialState(initialScreen, initialChoice));
	const [capturing, setCapturing] = useState(false);
	const width = stdout.columns || 80;
	const height = Math.max(8, (stdout.rows || 24) - CHROME_LINES);
	const dataChanged = useCallback(() => dispatch({type: 'data-changed'}), []);
	const collect = useCollect(dataChanged);
	const scopeProject = useAsync(async () => (state.scopeProjectId ? getProject(database, state.scopeProjectId) : undefined), [database, state.scopeProjectId, state.dataVersion]);
	// The leaderboard's filter and the registry's prompts take keys as text.
	const typing = capturing || (state.screen === 'leaderboard' && state.filtering);

	const startCollect = () => {
		if (!collect.running) void collect.start();
		dispatch({type: 'go', screen: 'collect'});
	};

	useCommands(
		state.screen,
		'global',
		{
			quit() {
				if (state.helpOpen) dispatch({type: 'close-help'});
				else if (isTopScreen(state.screen)) exit();
				else dispatch({type: 'back'});
			},
			back: () => dispatch({type: 'back'}),
			help: () => dispatch({type: 'toggle-help'}),
			'next-screen': () => dispatch({type: 'go', screen: stepScreen(state.screen, 1)}),
			'previous-screen': () => dispatch({type: 'go', screen: stepScreen(state.screen, -1)}),
			'go-screen-1': () => dispatch({type: 'go', screen: SCREENS[0]}),
			'go-screen-2': () => dispatch({type: 'go', screen: SCREENS[1]}),
			'go-screen-3': () => dispatch({type: 'go', screen: SCREENS[2]}),
			'go-screen-4': () => dispatch({type: 'go', screen: SCREENS[3]}),
			'go-screen-5': () => dispatch({type: 'go', screen: SCREENS[4]}),
			collect: startCollect,
			'choose-window': () => dispatch({type: 'go', screen: 'window'}),
			'previous-bucket': () => dispatch({type: 'step-window', steps: -1}),
			'next-bucket': () => dispatch({type: 'step-window', steps: 1}),
		},
		!typing && !state.helpOpen,
	);
	// Ctrl+C quits even while typing.
	useCommands(state.screen, 'global', {quit: exit}, typing);
	// The help overlay closes with the keys that open or leave anything; j/k scroll it.
	useInput(
		(input, key) => {
			const name = keyName(input, key);
			if (name === 'ctrl+c') exit();
			else if (name === 'escape' || name === '?' || name === 'q' || key.meta) dispatch({type: 'close-help'});
		},
		{isActive: state.helpOpen},
	);
	useEffect(() => {
		if (state.screen !== 'projects') setCapturing(false);
	}, [state.screen]);

	const scopeLabel = scopeProject.data ? `project ${scopeProject.data.project_name}` : 'all active projects';
	const trail = state.screen === 'skill' && state.skill ? ['Leaderboard', state.skill] : [SCREEN_TITLES[state.screen]];
	if (state.screen === 'skill' && scopeProject.data) trail.push(scopeProject.data.project_name);
	const active = !state.helpOpen;
	const collectStatus = collect.running ? `collecting ${collect.state.projects.filter(project => project.state === 'done').length}/${collect.state.projects.length}…` : undefined;
	let body: React.ReactNode;
	switch (state.screen) {
		case 'projects': {
			body = <ProjectsScreen state={state} dispatch={dispatch} height={height} width={width} active={active} onCapture={setCapturing} />;
			break;
		}

		case 'collect': {
			body = <CollectScreen collect={collect.state} onCancel={collect.cancel} onBack={() => dispatch({type: 'go', screen: 'leaderboard'})} height={height} width={width} active={active} />;
			break;
		}

		case 'window': {
			body = <WindowScreen state={state} dispatch={dispatch} active={active} />;
			break;
		}

		case 'leaderboard': {
			body = <LeaderboardScreen state={state} dispatch={dispatch} height={height} width={width} active={active} />;
			break;
		}

		case 'skill': {
			body = <SkillScreen state={state} height={height} width={width} active={active} />;
			break;
		}
	}

	return (
		<Box flexDirection="column" width={width}>
			<Tabs screen={state.screen} />
			<Breadcrumbs trail={trail} windowLabel={choiceLabel(state.choice)} scopeLabel={scopeLabel} />
			<Box flexDirection="column" height={height} overflow="hidden">
				{state.helpOpen ? <HelpOverlay screen={state.screen} height={height} /> : body}
			</Box>
			<Footer screen={state.screen} status={collectStatus} />
		</Box>
	);
}
