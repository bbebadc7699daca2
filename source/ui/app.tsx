import {Box, useApp, useStdout} from 'ink';
import {useCallback, useMemo} from 'react';
import {scopeOfId} from '../data/registry/machines.js';
import {listProjects} from '../data/registry/registry.js';
import type {Database} from '../data/store/database.js';
import {projectLabels} from '../domain/fit/paths.js';
import {projectPlace} from '../domain/project-place.js';
import type {Scope} from '../data/queries/scope.js';
import {choiceLabel, shortChoiceLabel, type WindowChoice} from '../domain/window-choice.js';
import {Breadcrumbs, Footer, Tabs} from './components/frame.js';
import {HelpOverlay} from './components/help-overlay.js';
import {useAsync} from './hooks/use-async.js';
import type {HintCondition} from './keymap.js';
import {useCollect} from './hooks/use-collect.js';
import {KeyRegistryContext} from './hooks/use-commands.js';
import {useGlobalCommands} from './hooks/use-global-commands.js';
import {useKeyRouter} from './hooks/use-key-router.js';
import {useLive} from './hooks/use-live.js';
import {LiveContext} from './live-context.js';
import type {KeyRegistry} from './keys/key-registry.js';
import {useSyncReducer} from './hooks/use-sync-state.js';
import {footerStatus} from './lines/collect-lines.js';
import {fitBreadcrumbs} from './lines/breadcrumb-lines.js';
import {helpInnerWidth, helpLines, helpRoom} from './lines/help-lines.js';
import {liveMark} from './lines/live-lines.js';
import {visibleSlice} from './list/list-state.js';
import {ALL_SCREENS, SCREEN_TITLES, type ScreenId} from './navigation.js';
import {CollectScreen} from './screens/collect.js';
import {DiffScreen} from './screens/diff.js';
import {InsightsScreen} from './screens/insights.js';
import {InventoryScreen} from './screens/inventory.js';
import {LeaderboardScreen} from './screens/leaderboard.js';
import {ProjectsScreen} from './screens/projects.js';
import type {ScreenProps} from './screens/screen-props.js';
import {SkillScreen} from './screens/skill.js';
import {VersionsScreen} from './screens/versions.js';
import {WindowScreen} from './screens/window-picker.js';
import {useServices} from './services.js';
import {initialState, reduce, type UiState} from './state.js';

/** The screens' titles: crumbs of the trail that give way before a skill's name. */
const TITLES: ReadonlySet<string> = new Set(Object.values(SCREEN_TITLES));

/** Lines taken by the tabs, the breadcrumbs, and the footer. */
const CHROME_LINES = 4;

/** Where the breadcrumbs say the user is: the screens Esc goes back through, then this one. */
export function trailOf(state: UiState, scopeName?: string): string[] {
	const name = (screen: ScreenId) => {
		if (screen === 'skill' && state.skill) return state.skill;
		return screen === 'diff' && state.diff ? `${state.diff.from ?? '–'} → ${state.diff.to}` : SCREEN_TITLES[screen];
	};
	const trail = [...state.history.map(name), name(state.screen)];
	if (state.screen === 'skill' && scopeName) trail.push(scopeName);
	return trail;
}

const COLLECTING: ReadonlySet<HintCondition> = new Set(['collecting']);
const NOTHING: ReadonlySet<HintCondition> = new Set();

/** `keys`: the registry the key router fills, when the caller wants to check it (the tests do). */
export function App({initialScreen, initialChoice, keys}: {initialScreen: ScreenId; initialChoice: WindowChoice; keys?: KeyRegistry}) {
	const {exit} = useApp();
	const {stdout} = useStdout();
	const {database, displayZone} = useServices();
	const [state, dispatch, stateRef] = useSyncReducer(reduce, initialState(initialScreen, initialChoice));
	const width = stdout.columns || 80;
	const height = Math.max(8, (stdout.rows || 24) - CHROME_LINES);
	const dataChanged = useCallback(() => dispatch({type: 'data-changed'}), [dispatch]);
	const collect = useCollect(dataChanged);
	const live = useLive(dataChanged);
	// A project purged while it is the scope: the label falls back to all projects.
	const scope = useAsync(async () => labelled(database, await scopeOfId(database, state.scopeProjectId).catch((): Scope => ({}))), [database, state.scopeProjectId, state.dataVersion]);
	const scopeProject = {data: scope.data?.project && {...scope.data.project, project_name: scope.data.label}};
	const current = useCallback(() => stateRef.current, [stateRef]);
	const registry = useKeyRouter(stateRef, dispatch, keys);
	useGlobalCommands({
		registry,
		current,
		dispatch,
		exit,
		height,
		width,
		collect() {
			if (!collect.running) void collect.start();
			dispatch({type: 'go', screen: 'collect'});
		},
		toggleLive: live.toggle,
	});

	const liveControl = useMemo(() => ({enabled: live.state.enabled, collectNow: live.collectNow}), [live.state.enabled, live.collectNow]);
	const help = useMemo(() => helpLines(state.screen, helpInnerWidth(width)), [state.screen, width]);
	const [scopePrefix, scopeName] = scopeProject.data ? ['project ', scopeProject.data.project_name] : scope.data?.machine ? ['machine ', scope.data.machine.name] : ['', 'all active projects'];
	const crumbs = fitBreadcrumbs({trail: trailOf(state, scopeProject.data?.project_name ?? scope.data?.machine?.name), window: choiceLabel(state.choice), shortWindow: shortChoiceLabel(state.choice), scopePrefix, scopeName, titles: TITLES}, width);
	const props: ScreenProps = {state, current, dispatch, height, width};
	// Every screen stays mounted, hidden when not shown: coming back finds its data, cursor and
	// prompt as they were, without a reload; and its keys work from the first one.
	const screens: Record<ScreenId, React.ReactNode> = {
		projects: <ProjectsScreen {...props} />,
		collect: <CollectScreen {...props} collect={collect.state} onCancel={collect.cancel} />,
		window: <WindowScreen {...props} />,
		leaderboard: <LeaderboardScreen {...props} />,
		skill: <SkillScreen {...props} />,
		insights: <InsightsScreen {...props} />,
		inventory: <InventoryScreen {...props} />,
		versions: <VersionsScreen {...props} />,
		diff: <DiffScreen {...props} />,
	};
	const helpOpen = state.mode.kind === 'help';
	return (
		<KeyRegistryContext.Provider value={registry}>
			<LiveContext.Provider value={liveControl}>
				<Box flexDirection="column" width={width}>
					<Tabs screen={state.screen} width={width} />
					<Breadcrumbs parts={crumbs} />
					<Box flexDirection="column" height={height} overflow="hidden">
						{helpOpen ? <HelpOverlay lines={help} slice={visibleSlice(state.lists.help, {count: help.length, visible: helpRoom(height), kind: 'scroll'})} /> : null}
						{ALL_SCREENS.map(id => (
							<Box key={id} display={!helpOpen && state.screen === id ? 'flex' : 'none'} flexDirection="column">
								{screens[id]}
							</Box>
						))}
					</Box>
					<Footer screen={state.screen} width={width} status={footerStatus(collect.state)} mark={liveMark(live.state, displayZone)} holding={collect.running ? COLLECTING : NOTHING} />
				</Box>
			</LiveContext.Provider>
		</KeyRegistryContext.Provider>
	);
}

/** The scope with its project's name as shown: beside another project of that name, with its folder (issue 27). */
async function labelled(database: Database, scope: Scope): Promise<Scope & {label: string}> {
	if (!scope.project) return {...scope, label: ''};
	const same = (await listProjects(database, {counts: false})).filter(other => other.project_name === scope.project!.project_name);
	const labels = projectLabels(same.map(other => ({name: other.project_name, path: projectPlace(other).path})), 60);
	return {...scope, label: labels[same.findIndex(other => other.project_id === scope.project!.project_id)] ?? scope.project.project_name};
}
