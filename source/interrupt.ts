import process from 'node:process';

/**
 * The end of a command that runs until stopped (`collect --watch`): Ctrl+C (SIGINT), or the
 * reader of its output going away (`| head -1`: EPIPE), which ends it as quietly as Ctrl+C
 * instead of with a stack trace. `release` gives SIGINT back; the EPIPE listener stays, since a
 * write under way may still fail after the end.
 */
export function untilInterrupted(stdout: object): {signal: AbortSignal; release: () => void} {
	const controller = new AbortController();
	const stop = () => controller.abort();
	process.on('SIGINT', stop);
	const stream = stdout as Partial<Pick<NodeJS.WriteStream, 'on'>>;
	stream.on?.('error', (error: NodeJS.ErrnoException) => {
		if (error.code !== 'EPIPE') throw error;
		stop();
	});
	return {signal: controller.signal, release: () => process.off('SIGINT', stop)};
}
