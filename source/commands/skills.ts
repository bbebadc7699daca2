import {z} from 'zod';
import {skillInventory} from '../data/inventory/inventory.js';
import {LISTING_BUDGET, STATES} from '../data/inventory/rules.js';
import {recentListingsSentence} from '../domain/exposure-words.js';
import {formatCount, formatInstant, formatPercent, truncate} from '../domain/format.js';
import {defineCommand} from './command.js';
import {oneOf, project} from './options.js';
import {resolveScope} from './resolve.js';

const SCOPES = ['user', 'plugin', 'project'] as const;

export const skills = defineCommand({
	name: 'skills',
	usage: 'skills [--state STATE] [--scope SCOPE] [--project P]',
	summary:
		'the installed skills and commands (user, plugin, project) with their uses, what the model was offered (sessions listed, picked by the model, '
		+ 'typed, description cut), state (active, stale: unused for 30 days, never-picked: listed but only typed, never-used) and '
		+ 'problems; skills invoked but not installed; what their descriptions cost each session, and what the recorded listings cut',
	options: z.strictObject({
		state: oneOf(STATES).optional().describe(`Only skills in this state: ${STATES.join(', ')} (stale: last used more than 30 days ago; never-picked: listed to the model, never picked by it)`),
		scope: oneOf(SCOPES).optional().describe(`Only skills installed there: ${SCOPES.join(', ')}`),
		project: project.describe(`${project.description!}: its skills beside the user and plugin ones, counted by its invocations only`),
	}),
	async run(context, options) {
		const scope = await resolveScope(context, options.project);
		return skillInventory(context.database, {root: context.claudeRoot, now: context.now, project: scope.project, state: options.state, scope: options.scope});
	},
	partial: report => report.problems.length > 0,
	text(report, view) {
		const rows = report.skills.map(skill => ({
			name: truncate(skill.skill_name, 36),
			kind: skill.kind,
			scope: skill.scope,
			uses: formatCount(skill.invocations),
			'last used': formatInstant(skill.last_used, view.displayZone),
			listed: formatCount(skill.sessions_listed),
			picked: skill.sessions_listed > 0 ? `${formatCount(skill.sessions_model_invoked)} (${formatPercent(skill.trigger_rate)})` : '·',
			typed: formatCount(skill.sessions_user_typed),
			cut: formatCount(skill.sessions_description_cut),
			state: skill.state,
			'desc chars': formatCount(skill.description_chars),
			problems: skill.problems.length,
		}));
		const table = rows.length === 0 ? 'No installed skills match.\n' : `${view.table(rows)}\n`;
		const problems = report.skills.flatMap(skill => skill.problems.map(problem => `  ${skill.skill_name} (${skill.path}): ${problem.message}\n`));
		const missing = report.not_installed.map(
			row => `  ${row.skill_name}: ${formatCount(row.invocations)} uses, last ${formatInstant(row.last_used, view.displayZone)}, ${formatCount(row.unknown_skill_errors)} "unknown skill" errors\n`,
		);
		const share = Math.round((report.listing_chars / report.listing_budget) * 100);
		const over = report.listing_chars > LISTING_BUDGET ? ': over the budget, some skills are not listed to the model' : '';
		return [
			table,
			`Skill listing: ${formatCount(report.listing_chars)} of ${formatCount(report.listing_budget)} description characters (${share} %) in every session${over}\n`,
			`Recorded listings: ${recentListingsSentence(report.listings)}${report.listings.sessions_with_listings > 0 ? `; listed, picked, typed and cut count sessions, of the ${formatCount(report.listings.sessions_with_listings)} that recorded a listing` : ''}\n`,
			problems.length > 0 ? `Problems\n${problems.join('')}` : '',
			missing.length > 0 ? `Invoked but not installed\n${missing.join('')}` : '',
			report.problems.map(problem => `${problem.message}\n`).join(''),
		].join('');
	},
});
