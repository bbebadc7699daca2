import type {CollectEvent, CollectReport} from '../../data/collect/collector.js';

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

/** The progress a collect event leaves: pure, so the explorer's table follows the collector's events exactly. */
export function collectProgress(previous: CollectState, event: CollectEvent): CollectState {
	const update = (projectId: string, change: (progress: ProjectProgress) => ProjectProgress) => ({
		...previous,
		projects: previous.projects.map(progress => (progress.projectId === projectId ? change(progress) : progress)),
	});
	switch (event.type) {
		case 'project-started': {
			return update(event.project.project_id, progress => ({...progress, state: 'running', sources: event.sources, startedAt: Date.now()}));
		}

		// A project's transcripts are found after its metrics files were counted: each adds a source.
		case 'transcript-found': {
			return update(event.project.project_id, progress => ({...progress, sources: progress.sources + 1, sourcesDone: progress.sourcesDone + (event.unchanged ? 1 : 0)}));
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
			return update(event.report.project_id, progress => ({
				...progress,
				state: 'done',
				// Transcript rows are written in batches across projects, without a per-project event: the report has them.
				sources: event.report.sources,
				rowsWritten: Math.max(progress.rowsWritten, event.report.collected + event.report.updated),
				durationMs: event.report.duration_ms,
			}));
		}

		case 'aggregating': {
			return {...previous, status: 'aggregating'};
		}

		default: {
			return previous;
		}
	}
}
