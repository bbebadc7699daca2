import {useCallback, useRef, useState} from 'react';
import {collect, type CollectEvent, type CollectReport} from '../../data/collector.js';
import {listProjects} from '../../data/registry.js';
import {useServices} from '../services.js';

export interface ProjectProgress {
	projectId: string;
	name: string;
	sources: number;
	sourcesDone: number;
	rowsWritten: number;
	errors: number;
	state: 'waiting' | 'running' | 'done';
	startedAt?: number;
	durationMs?: number;
}

export interface CollectState {
	status: 'idle' | 'running' | 'aggregating' | 'done' | 'cancelled' | 'failed';
	projects: ProjectProgress[];
	startedAt?: number;
	report?: CollectReport;
	errors: Array<{project: string; file: string; message: string}>;
	failure?: string;
}

const IDLE: CollectState = {status: 'idle', projects: [], errors: []};

/**
 * A collect beside the explorer: on its own connection (its transactions neither block nor
 * show in the explorer's reads), with progress as state, and cancellable between sources.
 */
export function useCollect(onFinished: () => void) {
	const {database, naiveZone, displayZone} = useServices();
	const [state, setState] = useState<CollectState>(IDLE);
	const abort = useRef<AbortController | undefined>(undefined);

	const apply = useCallback((event: CollectEvent) => {
		setState(previous => {
			const update = (projectId: string, change: (progress: ProjectProgress) => ProjectProgress) => ({
				...previous,
				projects: previous.projects.map(progress => (progress.projectId === projectId ? change(progress) : progress)),
			});
			switch (event.type) {
				case 'project-started': {
					return update(event.project.project_id, progress => ({...progress, state: 'running', sources: event.sources, startedAt: Date.now()}));
				}

				case 'source-skipped':
				case 'source-read': {
					return update(event.project.project_id, progress => ({...progress, sourcesDone: progress.sourcesDone + 1}));
				}

				case 'rows-written': {
					return update(event.project.project_id, progress => ({...progress, rowsWritten: progress.rowsWritten + event.inserted + event.updated}));
				}

				case 'error': {
					const withError = update(event.project.project_id, progress => ({...progress, errors: progress.errors + 1}));
					return {...withError, errors: [...previous.errors, {project: event.project.project_name, file: event.file, message: event.message}]};
				}

				case 'project-finished': {
					return update(event.report.project_id, progress => ({...progress, state: 'done', durationMs: event.report.duration_ms}));
				}

				case 'aggregating': {
					return {...previous, status: 'aggregating'};
				}

				default: {
					return previous;
				}
			}
		});
	}, []);

	const start = useCallback(async () => {
		if (abort.current) return;
		const controller = new AbortController();
		abort.current = controller;
		const projects = (await listProjects(database, {activeOnly: true, counts: false})).map(project => ({projectId: project.project_id, name: project.project_name, sources: 0, sourcesDone: 0, rowsWritten: 0, errors: 0, state: 'waiting' as const}));
		setState({status: 'running', projects, errors: [], startedAt: Date.now()});
		const connection = await database.fork();
		try {
			const report = await collect(connection, {naiveTimezone: naiveZone, displayTimezone: displayZone, signal: controller.signal, onEvent: apply});
			setState(previous => ({...previous, status: report.cancelled ? 'cancelled' : 'done', report}));
		} catch (error) {
			setState(previous => ({...previous, status: 'failed', failure: error instanceof Error ? error.message : String(error)}));
		} finally {
			await connection.close();
			abort.current = undefined;
			onFinished();
		}
	}, [database, naiveZone, displayZone, apply, onFinished]);

	/** Cancels the collect in flight, if any (even one whose first state is not drawn yet): false when none is. */
	const cancel = useCallback((): boolean => {
		if (!abort.current) return false;
		abort.current.abort();
		return true;
	}, []);

	return {state, start, cancel, running: state.status === 'running' || state.status === 'aggregating'};
}
