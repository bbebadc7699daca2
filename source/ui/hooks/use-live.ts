import {useCallback, useEffect, useRef, useState} from 'react';
import {collect, type CollectReport} from '../../data/collect/collector.js';
import {LiveCollector, type WatchMode} from '../../data/watch/live-collector.js';
import {useServices} from '../services.js';
import {queueWrite} from '../write-queue.js';

export interface LiveState {
	enabled: boolean;
	mode?: WatchMode;
	/** Why it polls. */
	reason?: string;
	/** When the last live collect ended: the data shown are those of then. */
	lastAt?: Date;
	failure?: string;
}

const changedData = (report: CollectReport) => report.totals.collected + report.totals.updated + report.totals.errors > 0;

/**
 * Live collection while the explorer is open: a LiveCollector whose collects wait their turn in
 * the write queue, each on its own connection (views keep reading meanwhile, keys keep working),
 * and whose finds reload the views (`onChanged`) in place. `toggle` stops and restarts it.
 */
export function useLive(onChanged: () => void): {state: LiveState; toggle: () => void; collectNow: () => boolean} {
	const {database, naiveZone, displayZone, claudeRoot, live, tuning} = useServices();
	const [enabled, setEnabled] = useState(live !== undefined);
	const [state, setState] = useState<Omit<LiveState, 'enabled'>>({});
	const changed = useRef(onChanged);
	changed.current = onChanged;
	const running = useRef<LiveCollector | undefined>(undefined);
	useEffect(() => {
		if (!enabled) {
			setState({});
			return;
		}

		let stopped = false;
		const started = LiveCollector.start({
			database,
			claudeRoot,
			request: live ?? 'auto',
			collect: async signal => queueWrite(database, async () => {
				// Queued behind another write while the explorer closed: nothing to do any more.
				if (signal.aborted) throw new Error('live collection stopped');
				const connection = await database.fork();
				try {
					return await collect(connection, {naiveTimezone: naiveZone, displayTimezone: displayZone, claudeRoot, signal, tuning});
				} finally {
					await connection.close();
				}
			}),
			onEvent(event) {
				if (stopped) return;
				if (event.type === 'mode') {
					setState(previous => ({...previous, mode: event.mode, reason: event.reason}));
				} else if (event.type === 'failed') {
					setState(previous => ({...previous, failure: event.message, lastAt: event.at}));
				} else if (event.type === 'tree') {
					setState(previous => ({...previous, failure: event.present ? undefined : `${event.tree} is gone: watching for it to come back`}));
				} else {
					setState(previous => ({...previous, failure: undefined, lastAt: event.at}));
					if (changedData(event.report)) changed.current();
				}
			},
		});
		started.catch((error: unknown) => {
			if (!stopped) setState(previous => ({...previous, failure: error instanceof Error ? error.message : String(error)}));
		});
		started.then(collector => {
			if (!stopped) running.current = collector;
		}, () => undefined);
		return () => {
			stopped = true;
			running.current = undefined;
			// A collect cut off by the stop has committed the sources it finished: the views reload once.
			void started.then(async collector => {
				await collector.stop();
				changed.current();
			}, () => undefined);
		};
	}, [enabled, live, database, naiveZone, displayZone, claudeRoot, tuning]);
	const toggle = useCallback(() => setEnabled(previous => !previous), []);
	const collectNow = useCallback(() => running.current?.collectSoon() ?? false, []);
	return {state: {...state, enabled}, toggle, collectNow};
}
