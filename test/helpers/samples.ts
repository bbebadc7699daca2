import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

/** The real files of /work/shared/samples, copied into fixtures/samples. */
export const SAMPLES = {
	crackerjackTracker: 'crackerjack-tracker.json',
	sessionBuddyTracker: 'session-buddy-tracker.json',
	sessionBuddyExport: 'session-buddy-export.json',
	design: 'mahavishnu-design.json',
	sqlite: 'session-buddy-skills.db',
} as const;

export type SampleName = (typeof SAMPLES)[keyof typeof SAMPLES];

export function samplePath(name: SampleName): string {
	return fileURLToPath(new URL(`../../fixtures/samples/${name}`, import.meta.url));
}

export function sampleBytes(name: SampleName): Buffer {
	return readFileSync(samplePath(name));
}

/** Where formats.md says each source lives in a project. */
export const SOURCE_PATHS = {
	sessionBuddyJson: '.session-buddy/skill_metrics.json',
	crackerjackJson: '.crackerjack/skill_metrics.json',
	sessionBuddyDb: '.session-buddy/skills.db',
} as const;
