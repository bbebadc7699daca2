import {z} from 'zod';
import {databaseFile, releaseMachine} from '../data/lake/host.js';
import {listMachines, renewLocalId, setLocalName, type MachinesReport} from '../data/registry/machines.js';
import {defineCommand} from './command.js';
import {flag} from './options.js';
import {machineCells} from '../report/text-parts.js';

export const machines = defineCommand({
	name: 'machines',
	usage: 'machines [--name N] [--new-id]',
	summary: 'list the machines whose invocations this database holds (this one, and those pulled from a lake); --name names this one (default: the host name); --new-id gives this database an id of its own (a database copied from another machine, whose pushes are refused)',
	options: z.strictObject({
		name: z.string().trim().min(1, 'needs a value').max(100, 'is longer than 100 characters').optional().describe('A new name for this machine, as other machines will show it'),
		newId: flag('A new machine id for this database (a copy of another machine\'s database): what it holds now stays the old id\'s, whose folder keeps it; it pushes what is invoked from now on'),
	}),
	async run(context, options): Promise<MachinesReport & {renewed?: {old_id: string; machine_id: string; split_at: string}}> {
		const renewed = options.newId ? await renewLocalId(context.database, context.now) : undefined;
		if (renewed) {
			// The old id is free on this host for the database file that keeps it.
			if (context.hostFile) await releaseMachine(context.hostFile, renewed.old_id, await databaseFile(context.database));
			context.warn(`this database's machine id is now ${renewed.machine_id} (was ${renewed.old_id}): its next push writes a folder of its own with what is invoked from now on; what it held stays in the old id's folder, pulled from there`);
		}

		if (options.name !== undefined) await setLocalName(context.database, options.name);
		return {machines: await listMachines(context.database), ...(renewed ? {renewed} : {})};
	},
	text({machines: list}, view) {
		const rows = list.map(machine => machineCells(machine, view.displayZone));
		return `${view.table(rows)}\n`;
	},
});
