import {z} from 'zod';
import {EXPORT_FORMATS, EXPORT_WHAT, exportData} from '../data/export/export.js';
import {formatCount} from '../domain/format.js';
import {defineCommand} from './command.js';
import {findMachine} from '../data/registry/machines.js';
import {flag, machine} from './options.js';

const listed = (values: readonly string[]) => `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;

export const exportCommand = defineCommand({
	name: 'export',
	usage: 'export --format json|csv|parquet --output FILE [--what usage|aggregates] [--machine M] [--anonymize] [--force]',
	summary: 'write invocations or rollups to a file; --anonymize: project ids for paths and names, no sessions, queries or error texts; --force overwrites FILE',
	options: z.strictObject({
		format: z.enum(EXPORT_FORMATS, {
			error: issue => (issue.input === undefined ? `is required: ${listed(EXPORT_FORMATS)}` : `"${String(issue.input)}" is not one of ${EXPORT_FORMATS.join(', ')}`),
		}).describe('The file format'),
		output: z.string({error: 'FILE is required (export never writes to stdout)'}).trim().min(1, 'needs a value').describe('The file to write'),
		what: z.enum(EXPORT_WHAT, {error: issue => `"${String(issue.input)}" is not one of ${EXPORT_WHAT.join(', ')}`}).optional().describe('usage: the invocations (default); aggregates: the rollups'),
		anonymize: flag('Project ids instead of paths and names; no sessions, queries or error texts'),
		force: flag('Overwrite the file if it exists'),
		machine,
	}),
	async run(context, options) {
		return exportData(context.database, {
			format: options.format,
			what: options.what ?? 'usage',
			output: options.output,
			anonymize: Boolean(options.anonymize),
			force: Boolean(options.force),
			timezone: context.displayZone,
			machineId: options.machine === undefined ? undefined : (await findMachine(context.database, options.machine)).machine_id,
		});
	},
	text(result) {
		const how = result.anonymized ? ', anonymized' : '';
		return `Exported ${formatCount(result.rows)} ${result.what === 'usage' ? 'invocations' : 'aggregate rows'} to ${result.file} (${result.format}${how})\n`;
	},
});
