import {useState} from 'react';
import {registerDiscovered, registerProject, unregisterProject, type Project} from '../../data/registry/registry.js';
import {formatCount} from '../../domain/format.js';
import type {ConfirmId} from '../state.js';
import {useLiveControl} from '../live-context.js';
import {useServices} from '../services.js';
import {queueWrite} from '../write-queue.js';

export interface ActionMessage {
	text: string;
	bad: boolean;
}

/** The registry's changes, each answered by one message line (what was done, or why not). */
export function useProjectActions(onChanged: () => void) {
	const {database} = useServices();
	const live = useLiveControl();
	// Registered while live collection runs: it collects the project now; otherwise r does. Asked
	// when the write is done (live may have been turned off while it waited in the queue).
	const collectHint = () => (live.collectNow() ? ' Collecting it now (live).' : ' Press r to collect.');
	const [message, setMessage] = useState<ActionMessage | undefined>();
	const act = async (work: () => Promise<string>) => {
		try {
			setMessage({text: await queueWrite(database, work), bad: false});
			onChanged();
		} catch (error) {
			setMessage({text: error instanceof Error ? error.message : String(error), bad: true});
		}
	};

	const add = (path: string) =>
		act(async () => {
			const {project, created} = await registerProject(database, path);
			return `${created ? 'Added' : 'Reactivated'} ${project.project_name} (${project.project_path}).${collectHint()}`;
		});

	const confirmed = (confirm: ConfirmId, project: Project) =>
		act(async () => {
			if (confirm === 'purge-project') {
				const {deletedRows} = await unregisterProject(database, project.project_id, {purge: true});
				return `Purged ${project.project_name}: ${formatCount(deletedRows)} invocations deleted.`;
			}

			if (project.is_active) {
				await unregisterProject(database, project.project_id);
				return `Deactivated ${project.project_name}; its rows stay.`;
			}

			await registerProject(database, project.project_path);
			return `Reactivated ${project.project_name}.${collectHint()}`;
		});

	/** Directories found in transcripts: registered as they are, even gone ones (their transcripts remain). */
	const registerFound = (paths: readonly string[]) =>
		act(async () => {
			const registered = await registerDiscovered(database, paths);
			if (registered.length === 0) return 'Nothing registered: each one is registered already.';
			if (registered.length === 1) return `Registered ${registered[0]!.project_name} (${registered[0]!.project_path}).${collectHint()}`;
			return `Registered ${formatCount(registered.length)} projects: ${registered.map(project => project.project_name).join(', ')}.${collectHint()}`;
		});

	/** A line that only says something (why a key did nothing here). */
	const tell = (text: string) => setMessage({text, bad: false});

	return {message, add, confirmed, registerFound, tell};
}
