import path from 'node:path';
import {invocation, tracker} from './tracker.js';
import {writeTree} from './temp.js';

/*
 * A real-looking root whose rows are hard to tell apart (issue 27): two projects named
 * `XPMotors_IOS` in different folders of a long `Desktop/workSpace/…` path, one project outside
 * the home folder, and plugin families whose skills share a long plugin prefix
 * (`project-reader:…`, `superpowers:…`), next to plain names that differ only at their end.
 */

export const CROWDED_SKILLS = [
	'project-reader:diagnose',
	'project-reader:read',
	'project-reader:cpp',
	'superpowers:writing-plans',
	'superpowers:systematic-debugging',
	'superpowers:subagent-driven-development',
	'superpowers:test-driven-development',
	'release-notes-for-the-ios-app',
	'release-notes-for-the-android-app',
] as const;

/** Where each project lives: under `home`, but the last outside it (another volume, a long path). */
export function crowdedProjects(home: string, outside: string): Record<string, string> {
	return {
		workSpaceIos: path.join(home, 'Desktop', 'workSpace', 'XPMotors_IOS'),
		desktopIos: path.join(home, 'Desktop', 'XPMotors_IOS'),
		serviceKit: path.join(home, 'Desktop', 'workSpace', 'clients', 'ServiceKit'),
		archive: path.join(outside, 'Volumes', 'Backup', 'Users', 'ana-maria', 'Desktop', 'workSpace', 'archive', 'XPMotors_Android'),
	};
}

/** Uses of every skill in one project, different counts per project so that the figures differ too. */
function usesOf(project: number): ReturnType<typeof invocation>[] {
	return CROWDED_SKILLS.flatMap((skill, index) =>
		Array.from({length: 3 + ((index + project) % 5)}, (_, use) =>
			invocation({
				skill_name: skill,
				invoked_at: `2026-11-${String(10 + ((use + index) % 12)).padStart(2, '0')}T${String(8 + project).padStart(2, '0')}:${String(use * 5).padStart(2, '0')}:00`,
				completed: (use + index) % 4 !== 0,
				duration_seconds: 2 + index + use,
				follow_up_actions: index % 3 === 0 ? ['edit', 'test', 'commit'] : [],
				error_type: (use + index) % 4 === 0 ? 'Timeout' : null,
			}),
		),
	);
}

/** Writes each project's crackerjack tracker; returns the project directories by key. */
export async function makeCrowdedWorld(home: string, outside: string): Promise<Record<string, string>> {
	const projects = crowdedProjects(home, outside);
	let index = 0;
	for (const directory of Object.values(projects)) {
		await writeTree(directory, {'.crackerjack/skill_metrics.json': tracker(usesOf(index++))});
	}

	return projects;
}
