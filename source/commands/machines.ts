import {z} from 'zod';
import {listMachines, setLocalName, type MachinesReport} from '../data/registry/machines.js';
import {formatCount, formatInstant, truncate} from '../domain/format.js';
import {defineCommand} from './command.js';

export const machines = defineCommand({
	name: 'machines',
	usage: 'machines [--name N]',
	summary: 'list the machines whose invocations this database holds (this one, and those pulled from a lake); --name names this one (default: the host name)',
	options: z.strictObject({
		name: z.string().trim().min(1, 'needs a value').max(100, 'is longer than 100 characters').optional().describe('A new name for this machine, as other machines will show it'),
	}),
	async run(context, options): Promise<MachinesReport> {
		if (options.name !== undefined) await setLocalName(context.database, options.name);
		return {machines: await listMachines(context.database)};
	},
	text({machines: list}, view) {
		const rows = list.map(machine => ({
			name: truncate(machine.name, 24),
			id: machine.machine_id,
			here: machine.is_local ? 'yes' : '',
			projects: formatCount(machine.projects),
			invocations: formatCount(machine.invocations),
			'last push': formatInstant(machine.last_push_at, view.displayZone),
		}));
		return `${view.table(rows)}\n`;
	},
});
