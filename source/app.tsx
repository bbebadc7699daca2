import {render} from 'ink';
import type {Database} from './data/store/database.js';
import {hasUsage} from './data/queries/has-usage.js';
import {WINDOW_OPTIONS, todayIn} from './domain/window-choice.js';
import {App} from './ui/app.js';
import type {KeyRegistry} from './ui/keys/key-registry.js';
import type {ScreenId} from './ui/navigation.js';
import {ServicesContext, type Services} from './ui/services.js';

/** Opens on the leaderboard when there is data to show, on the registry when there is none. */
export async function firstScreen(database: Database): Promise<ScreenId> {
	return (await hasUsage(database)) ? 'leaderboard' : 'projects';
}

export function ExplorerRoot({services, initialScreen, keys}: {services: Services; initialScreen: ScreenId; keys?: KeyRegistry}) {
	const allTime = WINDOW_OPTIONS[0]!.make(todayIn(services.displayZone, services.now()));
	return (
		<ServicesContext.Provider value={services}>
			<App initialScreen={initialScreen} initialChoice={allTime} keys={keys} />
		</ServicesContext.Provider>
	);
}

/**
 * Runs the explorer full-screen (the terminal's alternate screen, restored on exit) until the
 * user quits.
 */
export async function runExplorer(services: Services): Promise<void> {
	const initialScreen = await firstScreen(services.database);
	const alternate = process.stdout.isTTY;
	if (alternate) process.stdout.write('\u001B[?1049h\u001B[H');
	try {
		const instance = render(<ExplorerRoot services={services} initialScreen={initialScreen} />, {exitOnCtrlC: false});
		await instance.waitUntilExit();
	} finally {
		if (alternate) process.stdout.write('\u001B[?1049l');
	}
}
