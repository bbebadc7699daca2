import {render} from 'ink-testing-library';
import {ExplorerRoot, firstScreen} from '../source/app.js';
import type {Database} from '../source/data/store/database.js';

const ENTER = '\r';

async function until(read: () => string, predicate: (frame: string) => boolean, what: string, timeoutMs = 60_000): Promise<string> {
	const deadline = performance.now() + timeoutMs;
	for (;;) {
		const frame = read();
		if (predicate(frame)) return frame;
		if (performance.now() > deadline) throw new Error(`explorer: timed out waiting for ${what}; last frame:\n${frame}`);
		await new Promise(resolve => setImmediate(resolve));
	}
}

const hasRows = (frame: string) => /^[› ] │ +\d+/m.test(frame);

export interface ExplorerTimes {
	firstFrameMs: number;
	keyMs: number;
	drillMs: number;
}

/**
 * The explorer over the benchmark database, rendered in-process by ink-testing-library: time from
 * launch to the first leaderboard frame with rows, from `j` to the frame with the cursor moved,
 * and from Enter to the drill-down with its numbers.
 */
export async function measureExplorer(database: Database, zone: string, now: Date): Promise<ExplorerTimes> {
	const started = performance.now();
	const services = {database, displayZone: zone, naiveZone: zone, now: () => now, color: false};
	const instance = render(<ExplorerRoot services={services} initialScreen={await firstScreen(database)} />);
	const read = () => instance.lastFrame() ?? '';
	try {
		const first = await until(read, hasRows, 'the leaderboard');
		const firstFrameMs = performance.now() - started;
		// Input is read once the app's effects have subscribed to stdin.
		await new Promise(resolve => setTimeout(resolve, 100));
		const selected = (frame: string) => frame.split('\n').findIndex(line => line.startsWith('› '));
		const before = selected(first);
		const pressed = performance.now();
		instance.stdin.write('j');
		await until(read, frame => selected(frame) !== before, 'the cursor to move');
		const keyMs = performance.now() - pressed;
		await new Promise(resolve => setTimeout(resolve, 50));
		const entered = performance.now();
		instance.stdin.write(ENTER);
		// A drill-down slower than this is reported as not measured rather than losing the whole table.
		const drillMs = await until(read, frame => /success rate/.test(frame) && /Leaderboard ›/.test(frame), 'the drill-down', 180_000).then(
			() => performance.now() - entered,
			(error: unknown) => {
				process.stderr.write(`${(error as Error).message.split('\n')[0]}\n`);
				return Number.NaN;
			},
		);
		return {firstFrameMs, keyMs, drillMs};
	} finally {
		instance.unmount();
	}
}
