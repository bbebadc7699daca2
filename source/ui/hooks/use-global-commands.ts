import {helpInnerWidth, helpLines, helpRoom} from '../lines/help-lines.js';
import type {KeyRegistry} from '../keys/key-registry.js';
import {LIST_COMMANDS, type ListCommand} from '../list/list-state.js';
import {isTopScreen, SCREENS, stepScreen} from '../navigation.js';
import type {UiAction, UiState} from '../state.js';
import {useCommands} from './use-commands.js';

/** The keys that work on every screen, the help overlay's, and Ctrl+C. */
export function useGlobalCommands(options: {
	registry: KeyRegistry;
	current: () => UiState;
	dispatch: (action: UiAction) => void;
	exit: () => void;
	collect: () => void;
	toggleLive: () => void;
	height: number;
	width: number;
}): void {
	const {registry, current, dispatch, exit, collect, toggleLive, height, width} = options;
	const go = (index: number) => () => dispatch({type: 'go', screen: SCREENS[index]!});
	const step = (steps: number) => () => dispatch({type: 'go', screen: stepScreen(current().screen, steps, current().skill !== null)});
	useCommands('always', {quit: exit}, () => true, registry);
	useCommands(
		'global',
		{
			quit() {
				if (isTopScreen(current().screen)) exit();
				else dispatch({type: 'back'});
			},
			back: () => dispatch({type: 'back'}),
			help: () => dispatch({type: 'open-help'}),
			'next-screen': step(1),
			'previous-screen': step(-1),
			'go-screen-1': go(0),
			'go-screen-2': go(1),
			'go-screen-3': go(2),
			'go-screen-4': go(3),
			'go-screen-5': go(4),
			'go-screen-6': go(5),
			'go-screen-7': go(6),
			collect,
			'toggle-live': toggleLive,
			'choose-window': () => dispatch({type: 'go', screen: 'window'}),
			'previous-bucket': () => dispatch({type: 'step-window', steps: -1}),
			'next-bucket': () => dispatch({type: 'step-window', steps: 1}),
		},
		() => current().mode.kind === 'normal',
		registry,
	);
	// The overlay's size is known without drawing it: its lines come from the keymap.
	const helpSize = () => ({count: helpLines(current().screen, helpInnerWidth(width)).length, visible: helpRoom(height), kind: 'scroll' as const});
	const moves = Object.fromEntries(LIST_COMMANDS.map(command => [command, () => dispatch({type: 'list', list: 'help', command, size: helpSize()})])) as Record<ListCommand, () => void>;
	useCommands('help', {...moves, 'close-help': () => dispatch({type: 'close-help'})}, () => current().mode.kind === 'help', registry);
}
