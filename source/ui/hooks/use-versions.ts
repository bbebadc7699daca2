import {installedTraits} from '../../data/inventory/inventory.js';
import {versionDiff} from '../../data/queries/versions/version-diff.js';
import {skillVersions} from '../../data/queries/versions/versions.js';
import {scopeOfId} from '../../data/registry/machines.js';
import {choiceRange, type WindowChoice} from '../../domain/window-choice.js';
import {useServices} from '../services.js';
import {useAsync} from './use-async.js';

/**
 * The versions of the opened skill (outcomes.md) in the explorer's window and scope, as `versions`
 * lists them; its installed SKILL.md is read (read-only) for whether it runs commands.
 */
export function useVersions(skill: string | null, choice: WindowChoice, projectId: string | null, version: number) {
	const {database, displayZone, claudeRoot} = useServices();
	return useAsync(async () => {
		if (skill === null) return undefined;
		const scope = await scopeOfId(database, projectId);
		const range = choiceRange(choice);
		const installed = await installedTraits(database, claudeRoot, skill);
		return skillVersions(database, skill, {scope, range: range && {...range, zone: displayZone}, runsCommands: installed.runsCommands});
	}, [database, displayZone, claudeRoot, skill, choice, projectId], [version]);
}

/** The diff of `to` against `from` (the version before it); none for a first version. */
export function useVersionDiff(skill: string | null, diff: {from: string | null; to: string} | null, version: number) {
	const {database, claudeRoot} = useServices();
	return useAsync(async () => {
		if (skill === null || diff === null || diff.from === null) return undefined;
		const installed = await installedTraits(database, claudeRoot, skill);
		return versionDiff(database, skill, {from: diff.from, to: diff.to, runsCommands: installed.runsCommands});
	}, [database, claudeRoot, skill, diff], [version]);
}
