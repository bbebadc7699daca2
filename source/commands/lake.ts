import {z} from 'zod';
import {pullLake, type PullReport} from '../data/lake/pull.js';
import {pushLake, type PushReport} from '../data/lake/push.js';
import {defaultTuning} from '../data/collect/tuning.js';
import {formatCount, formatInstant} from '../domain/format.js';
import {CommandUsageError} from '../errors.js';
import {type CommandContext, defineCommand, type TextView} from './command.js';
import {flag, oneOf} from './options.js';
import {testPause} from './test-pause.js';

export const lakeDir = z.string({error: 'DIR is required: the shared lake folder'}).trim().min(1, 'needs a value').describe('The shared lake folder (a local or mounted folder: a NAS, Syncthing, rsync)');
export const anonymizeOption = flag('push: project and session ids hashed, no paths, names, queries or error texts (as export --anonymize)');
export const mirrorOption = flag('pull: delete here what a machine no longer pushes (by default its history is kept)');

export type LakeReport = ({action: 'push'} & PushReport) | ({action: 'pull'} & PullReport);

export async function push(context: CommandContext, dir: string, anonymize: boolean): Promise<PushReport> {
	if (!context.hostFile) throw new Error('a lake push needs this host\'s identity file (the CLI names it)');
	const memoryLimit = (context.tuning ?? defaultTuning()).memoryLimit;
	return pushLake(context.database, {dir, anonymize, hostFile: context.hostFile, memoryLimit, pause: testPause(context)});
}

export async function pull(context: CommandContext, dir: string, mirror: boolean): Promise<PullReport> {
	const memoryLimit = (context.tuning ?? defaultTuning()).memoryLimit;
	const report = await pullLake(context.database, {dir, mirror, timezone: context.displayZone, memoryLimit, pause: testPause(context)});
	for (const {folder, problem} of report.skipped) context.warn(`skipped ${folder}: ${problem}`);
	for (const {folder, file, rows, problem} of report.dropped) context.warn(`dropped ${formatCount(rows)} invocation(s) of ${folder}/${file}: ${problem}`);
	return report;
}

export function pushText(report: PushReport, view: TextView): string {
	const how = report.anonymized ? ', anonymized' : '';
	return `Pushed ${formatCount(report.rows)} invocations of ${formatCount(report.projects)} projects as ${report.name} (${report.machine_id}) to ${report.folder}, ${formatCount(report.files)} files${how}, ${formatInstant(report.pushed_at, view.displayZone)}\n`;
}

export function pullText(report: PullReport): string {
	const lines = report.machines.map(machine => ({
		machine: machine.name,
		id: machine.machine_id,
		projects: formatCount(machine.projects),
		rows: formatCount(machine.rows),
		new: formatCount(machine.inserted),
		updated: formatCount(machine.updated),
		deleted: formatCount(machine.deleted),
	}));
	const {totals} = report;
	const head = `Pulled ${formatCount(totals.machines)} machine${totals.machines === 1 ? '' : 's'} from ${report.dir}: ${formatCount(totals.inserted)} new, ${formatCount(totals.updated)} updated, ${formatCount(totals.deleted)} deleted invocations`;
	// Skipped folders and dropped rows are named on stderr (pull above): stdout carries the report only.
	const left = totals.skipped + totals.dropped > 0 ? `; ${formatCount(totals.skipped)} folder(s) skipped, ${formatCount(totals.dropped)} invocation(s) dropped (see stderr)` : '';
	return [head + left, ...lines.map(line => `  ${line.machine} (${line.id}): ${line.rows} invocations of ${line.projects} projects, ${line.new} new, ${line.updated} updated, ${line.deleted} deleted`), ''].join('\n');
}

export const lake = defineCommand({
	name: 'lake',
	usage: 'lake push|pull <DIR> [--anonymize] [--mirror]',
	summary: 'push: write this machine\'s invocations to DIR/machine=<id>/ as Parquet (replacing its last push); pull: read every other machine\'s folder of DIR into this database',
	positionals: [{key: 'action', label: 'push|pull'}, {key: 'dir', label: '<DIR>'}],
	options: z.strictObject({
		action: oneOf(['push', 'pull']).describe('push: write this machine\'s folder; pull: read the others\''),
		dir: lakeDir,
		anonymize: anonymizeOption,
		mirror: mirrorOption,
	}),
	async run(context, options): Promise<LakeReport> {
		if (options.action === 'push') {
			if (options.mirror) throw new CommandUsageError('--mirror applies to lake pull (and sync), not to push');
			return {action: 'push', ...(await push(context, options.dir, Boolean(options.anonymize)))};
		}

		if (options.anonymize) throw new CommandUsageError('--anonymize applies to lake push (and sync), not to pull');
		return {action: 'pull', ...(await pull(context, options.dir, Boolean(options.mirror)))};
	},
	text(report, view) {
		return report.action === 'push' ? pushText(report, view) : pullText(report);
	},
	partial: report => report.action === 'pull' && report.skipped.length + report.dropped.length > 0,
});
