import {useRef} from 'react';
import {skillInventory} from '../../data/inventory/inventory.js';
import {scopeOfId} from '../../data/registry/machines.js';
import {useServices} from '../services.js';
import {useAsync} from './use-async.js';

/**
 * What is installed under the Claude Code root joined with its use (none without a root), of
 * the scope's project or all active ones. It reads every skill folder: it runs only once the
 * Inventory is shown, and again only when it is shown after the data or the scope changed,
 * never behind another screen.
 */
export function useInventory(shown: boolean, projectId: string | null, version: number) {
	const {database, claudeRoot, now} = useServices();
	const seen = useRef<{projectId: string | null; version: number} | undefined>(undefined);
	if (shown && (seen.current?.projectId !== projectId || seen.current.version !== version)) seen.current = {projectId, version};
	return useAsync(async () => {
		if (claudeRoot === undefined || seen.current === undefined) return undefined;
		// Installed skills are this machine's files: a machine scope shows them all.
		const {project} = await scopeOfId(database, seen.current.projectId);
		return skillInventory(database, {root: claudeRoot, now: now(), project});
	}, [database, claudeRoot, seen.current]);
}
