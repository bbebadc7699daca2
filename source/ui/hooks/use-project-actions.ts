import {useState} from 'react';
import {registerProject, unregisterProject, type Project} from '../../data/registry.js';
import {formatCount} from '../../domain/format.js';
import type {ConfirmId} from '../state.js';
import {useServices} from '../services.js';

export interface ActionMessage {
	text: string;
	bad: boolean;
}

/** The registry's changes, each answered by one message line (what was done, or why not). */
export function useProjectActions(onChanged: () => void) {
	const {database} = useServices();
	const [message, setMessage] = useState<ActionMessage | undefined>();
	const act = async (work: () => Promise<string>) => {
		try {
			setMessage({text: await work(), bad: false});
			onChanged();
		} catch (error) {
			setMessage({text: error instanceof Error ? error.message : String(error), bad: true});
		}
	};

	const add = (path: string) =>
		act(async () => {
			const {project, created} = await registerProject(database, path);
			return `${created ? 'Added' : 'Reactivated'} ${project.project_name} (${project.project_path}). Press r to collect.`;
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
			return `Reactivated ${project.project_name}.`;
		});

	return {message, add, confirmed};
}
