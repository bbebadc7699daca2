import {z} from 'zod';
import {installedTraits} from '../data/inventory/inventory.js';
import {machineJson, type ScopeMachine} from '../data/queries/scope.js';
import {versionDiff, type VersionDiff} from '../data/queries/versions/version-diff.js';
import {skillVersions, type VersionsReport} from '../data/queries/versions/versions.js';
import {CommandUsageError} from '../errors.js';
import {versionsText} from '../report/versions-text.js';
import {defineCommand} from './command.js';
import {machine, project, since, skillName, until} from './options.js';
import {resolveRange, resolveScope} from './resolve.js';

const versionRef = z.string().trim().min(1, 'needs a value');

export const versions = defineCommand({
	name: 'versions',
	usage: 'versions <name> [--project P] [--machine M] [--since DATE] [--until DATE] [--diff A B]',
	summary: 'the texts a skill was given (its versions) and their clean rates: did an edit make it better or worse; --diff A B: what changed (v1, v2, … or a fingerprint prefix)',
	positionals: [{key: 'skill', label: '<name>'}, {key: 'to', label: 'B', optional: true}],
	options: z.strictObject({
		skill: skillName,
		project,
		machine,
		since,
		until,
		diff: versionRef.optional().describe('Show the unified diff of two versions\' texts, from this one (a label such as v2, or 4+ characters of its fingerprint)'),
		to: versionRef.optional().describe('The version the diff goes to (with --diff A B: B)'),
	}),
	async run(context, options): Promise<(VersionsReport & {machine?: ScopeMachine}) | VersionDiff> {
		const installed = await installedTraits(context.database, context.claudeRoot, options.skill);
		if (options.diff !== undefined || options.to !== undefined) {
			if (options.diff === undefined || options.to === undefined) throw new CommandUsageError('--diff takes two versions: --diff A B (e.g. --diff v2 v3)');
			const scoped = [options.project && '--project', options.machine && '--machine', options.since && '--since', options.until && '--until'].filter(Boolean);
			if (scoped.length > 0) throw new CommandUsageError(`--diff compares two texts, which are the same in every scope: leave out ${scoped.join(', ')}`);
			return versionDiff(context.database, options.skill, {from: options.diff, to: options.to, runsCommands: installed.runsCommands});
		}

		const range = resolveRange(context, options);
		const scope = await resolveScope(context, options.project, options.machine);
		const report = await skillVersions(context.database, options.skill, {scope, range: range && {...range, zone: context.displayZone}, runsCommands: installed.runsCommands});
		// A range opened on one side only reports that side; the other was not asked for.
		return {...report, ...machineJson(scope), since: options.since === undefined ? null : report.since, until: options.until === undefined ? null : report.until};
	},
	multiline: ['diff'],
	text(report, view) {
		if ('diff' in report) return report.diff === '' ? `${report.skill_name} ${report.from.label} and ${report.to.label} have the same text.\n` : report.diff;
		return versionsText(report, view);
	},
});
