import type {CommandContext} from './command.js';

/**
 * A test's hook, read at the edge (environment.ts): SKILLSCOPE_TEST_PAUSE=<point> makes a push or pull stop
 * at that point for good (after saying so on stderr), so that a test can kill -9 it at a known
 * place. Unset, which is always outside tests, there is no pause at all.
 */
export function testPause(context: CommandContext): ((point: string) => Promise<void>) | undefined {
	const wanted = context.testPause;
	if (!wanted) return undefined;
	return async point => {
		if (point !== wanted) return;
		context.warn(`paused at ${point} (SKILLSCOPE_TEST_PAUSE)`);
		await new Promise(() => setInterval(() => undefined, 60_000));
	};
}
