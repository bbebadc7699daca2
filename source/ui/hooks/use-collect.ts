import {useCallback, useRef, useState} from 'react';
import {collect, type CollectEvent} from '../../data/collect/collector.js';
import {collectProgress, type CollectState} from './collect-progress.js';
import {projectLabels} from '../../domain/fit/paths.js';

export type {CollectState, ProjectProgress} from './collect-progress.js';
import {listProjects} from '../../data/registry/registry.js';
import {useServices} from '../services.js';
import {queueWrite} from '../write-queue.js';

const IDLE: CollectState = {status: 'idle', projects: [], errors: []};

/**
 * A collect beside the explorer: on its own connection (its transactions neither block nor
 * show in the explorer's reads), with progress as state, and cancellable between sources.
 */
export function useCollect(onFinished: () => void) {
	const {database, naiveZone, displayZone, claudeRoot, tuning} = useServices();
	const [state, setState] = useState<CollectState>(IDLE);
	const abort = useRef<AbortController | undefined>(undefined);

	const apply = useCallback((event: CollectEvent) => setState(previous => collectProgress(previous, event)), []);

	const run = useCallback(async (controller: AbortController) => {
		const listed = await listProjects(database, {activeOnly: true, counts: false, local: true});
		// Two projects of one name are told apart by their folder (issue 27).
		const names = projectLabels(listed.map(project => ({name: project.project_name, path: project.project_path})), 60);
		const projects = listed.map((project, index) => ({projectId: project.project_id, name: names[index]!, sources: 0, sourcesDone: 0, rowsWritten: 0, errors: 0, state: 'waiting' as const}));
		setState({status: 'running', projects, errors: [], startedAt: Date.now()});
		const connection = await database.fork();
		try {
			const report = await collect(connection, {naiveTimezone: naiveZone, displayTimezone: displayZone, signal: controller.signal, onEvent: apply, claudeRoot, tuning});
			setState(previous => ({...previous, status: report.cancelled ? 'cancelled' : 'done', report}));
		} catch (error) {
			setState(previous => ({...previous, status: 'failed', failure: error instanceof Error ? error.message : String(error)}));
		} finally {
			await connection.close();
			abort.current = undefined;
			onFinished();
		}
	}, [database, naiveZone, displayZone, claudeRoot, apply, onFinished, tuning]);

	const start = useCallback(async () => {
		if (abort.current) return;
		const controller = new AbortController();
		abort.current = controller;
		await queueWrite(database, () => run(controller));
	}, [database, run]);

	/** Cancels the collect in flight, if any (even one whose first state is not drawn yet): false when none is. */
	const cancel = useCallback((): boolean => {
		if (!abort.current) return false;
		abort.current.abort();
		return true;
	}, []);

	return {state, start, cancel, running: state.status === 'running' || state.status === 'aggregating'};
}
