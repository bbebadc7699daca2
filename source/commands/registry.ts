import {adoption} from './adoption.js';
import {aggregate} from './aggregate.js';
import {collect} from './collect.js';
import type {RegisteredCommand} from './command.js';
import {compare} from './compare.js';
import {cousage} from './cousage.js';
import {discover} from './discover.js';
import {exportCommand} from './export.js';
import {health} from './health.js';
import {hook} from './hook.js';
import {lake} from './lake.js';
import {machines} from './machines.js';
import {mcp} from './mcp.js';
import {next} from './next.js';
import {projects} from './projects.js';
import {prune} from './prune.js';
import {recommend} from './recommend.js';
import {register} from './register.js';
import {skill} from './skill.js';
import {skills} from './skills.js';
import {summary} from './summary.js';
import {sync} from './sync.js';
import {team} from './team.js';
import {top} from './top.js';
import {unregister} from './unregister.js';
import {versions} from './versions.js';
import {workflows} from './workflows.js';

/** Every command, in the order `--help` lists them. Adding a command: its module, one line here, the README. */
export const COMMANDS: readonly RegisteredCommand[] = [
	register,
	unregister,
	projects,
	discover,
	collect,
	aggregate,
	top,
	skill,
	versions,
	cousage,
	next,
	recommend,
	skills,
	workflows,
	adoption,
	compare,
	summary,
	health,
	exportCommand,
	prune,
	machines,
	lake,
	sync,
	team,
	hook,
	mcp,
];

export function findCommand(name: string): RegisteredCommand | undefined {
	return COMMANDS.find(command => command.name === name);
}
