import {copyFile, mkdir} from 'node:fs/promises';
import path from 'node:path';
import {SAMPLES} from './run-cli.js';

/** One project directory per real sample file, each where its tool writes it. */
export const SAMPLE_LAYOUT = {
	crackerjack: ['crackerjack-tracker.json', '.crackerjack/skill_metrics.json'],
	tracker: ['session-buddy-tracker.json', '.session-buddy/skill_metrics.json'],
	export: ['session-buddy-export.json', '.session-buddy/skill_metrics.json'],
	design: ['mahavishnu-design.json', '.session-buddy/skill_metrics.json'],
	sqlite: ['session-buddy-skills.db', '.session-buddy/skills.db'],
} as const;

export type SampleName = keyof typeof SAMPLE_LAYOUT;

export async function makeSampleProjects(root: string): Promise<Record<SampleName, string>> {
	const made = {} as Record<SampleName, string>;
	for (const [name, [sample, target]] of Object.entries(SAMPLE_LAYOUT) as Array<[SampleName, readonly [string, string]]>) {
		const project = path.join(root, name);
		await mkdir(path.join(project, path.dirname(target)), {recursive: true});
		await copyFile(path.join(SAMPLES, sample), path.join(project, target));
		made[name] = project;
	}

	return made;
}
