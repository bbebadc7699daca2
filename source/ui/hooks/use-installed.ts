import {useRef} from 'react';
import {listProjects} from '../../data/registry/registry.js';
import {listInstalled, type InstalledFile} from '../../formats/skills/files.js';
import {useServices} from '../services.js';
import {useAsync} from './use-async.js';

/**
 * Where `skill` is installed (each scope it is in, with its frontmatter description), read from
 * the skill folders, read-only; undefined without a Claude Code root. Only while the drill-down
 * is shown, again when it is shown for another skill or after the data changed.
 */
export function useInstalled(skill: string | null, shown: boolean, version: number) {
	const {database, claudeRoot} = useServices();
	const seen = useRef<{skill: string | null; version: number} | undefined>(undefined);
	if (shown && (seen.current?.skill !== skill || seen.current.version !== version)) seen.current = {skill, version};
	return useAsync(async (): Promise<{skill: string; files: InstalledFile[]} | undefined> => {
		const wanted = seen.current?.skill;
		if (claudeRoot === undefined || !wanted) return undefined;
		const projects = await listProjects(database, {activeOnly: true, counts: false});
		const installed = await listInstalled(claudeRoot, projects.map(project => ({key: project.project_id, path: project.project_path})));
		return {skill: wanted, files: installed.files.filter(file => file.skill_name === wanted)};
	}, [database, claudeRoot, seen.current]);
}
