import {freshRollups} from '../../data/rollups/fresh.js';
import {adoption} from '../../data/queries/adoption.js';
import {skillInventory} from '../../data/inventory/inventory.js';
import {recommend} from '../../data/queries/recommend.js';
import {workflowPatterns} from '../../data/queries/workflow-patterns.js';
import {scopeOfId} from '../../data/registry/machines.js';
import {listProjects} from '../../data/registry/registry.js';
import {projectLabels} from '../../domain/fit/paths.js';
import {projectPlace} from '../../domain/project-place.js';
import {ALL_BUCKET, localDate} from '../../domain/time-window.js';
import {choiceRange, type WindowChoice} from '../../domain/window-choice.js';
import {useServices} from '../services.js';
import {queueWrite} from '../write-queue.js';
import {useAsync} from './use-async.js';

/** How many workflows and new skills the Insights screen lists under the recommendations. */
export const INSIGHT_LIST_LENGTH = 5;

/**
 * The Insights screen's data: recommendations (all time, weekly trends), the skills first used in
 * the chosen window (the newest ones for all time) and the most frequent workflows. Nothing is
 * loaded until `enabled` (the screen was opened): the explorer's start never pays for it.
 */
export function useInsights(choice: WindowChoice, projectId: string | null, version: number, enabled: boolean) {
	const {database, displayZone, now, claudeRoot} = useServices();
	return useAsync(async () => {
		if (!enabled) return undefined;
		const scope = await scopeOfId(database, projectId);
		const {project} = scope;
		await freshRollups(database, {zone: displayZone, workflows: true}, work => queueWrite(database, work));
		// With a Claude Code root, the advice that comes from what is installed too (as `recommend`).
		const inventory = claudeRoot === undefined ? undefined : await skillInventory(database, {root: claudeRoot, now: now(), project});
		const advice = await recommend(database, {scope, now: now(), timezone: displayZone, inventory});
		const adopted = await adoption(database, {scope, window: 'all', bucketStart: ALL_BUCKET, timezone: displayZone});
		const range = choiceRange(choice);
		const newSkills = range
			? adopted.skills.filter(skill => {
				const day = localDate(new Date(skill.first_used), displayZone);
				return day >= range.since && day <= range.until;
			})
			: adopted.skills.slice(-INSIGHT_LIST_LENGTH).toReversed();
		const workflows = await workflowPatterns(database, {scope, minSessions: 3, limit: INSIGHT_LIST_LENGTH});
		// Where each was first used, a project of a shared name with its folder (issue 27): shop (acme).
		const registry = (await listProjects(database, {counts: false})).map(project => ({name: project.project_name, path: projectPlace(project).path}));
		const firstIn = projectLabels(newSkills.map(skill => ({name: skill.first_project ?? '', path: skill.first_project_path ?? ''})), 40, registry);
		return {advice, newSkills: newSkills.map((skill, index) => ({...skill, first_project: skill.first_project && firstIn[index]!})), newestOnly: range === undefined, workflows};
	}, [database, displayZone, choice, projectId, enabled], [version]);
}
