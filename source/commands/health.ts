import {z} from 'zod';
import {type HookHealth, hookHealth} from '../data/hook/health.js';
import {health as healthOf} from '../data/queries/health.js';
import {formatCount, formatInstant, truncate} from '../domain/format.js';
import {probeWatch} from '../data/watch/watch-probe.js';
import {defineCommand} from './command.js';

export const health = defineCommand({
	name: 'health',
	usage: 'health',
	summary: 'database, schema, freshness, last collection, transcripts near Claude Code\'s cleanup, the plugin hook\'s last collect',
	options: z.strictObject({}),
	async run(context) {
		const report = await healthOf(context.database, context.displayZone, {root: context.claudeRoot, now: context.now});
		const [watch, hook] = await Promise.all([probeWatch(context.database, context.claudeRoot, context.watch ?? 'auto'), hookHealth(report.database)]);
		return {...report, watch, hook: hook ?? null};
	},
	text(report, view) {
		const zone = view.displayZone;
		const counts = report.row_counts;
		const lines = [
			`Database        ${report.database}`,
			`Schema          version ${report.schema_version}${report.ok ? '' : ` (expected ${report.expected_schema_version})`}`,
			`Rows            ${formatCount(counts.projects)} projects, ${formatCount(counts.skill_usage)} invocations, ${formatCount(counts.skill_aggregates)} aggregates`,
			`Last collection ${formatInstant(report.last_collection_at, zone)}`,
			`Aggregates      ${report.aggregates_fresh ? 'fresh' : 'stale (run: skillscope aggregate)'}${report.aggregates_timezone ? `, zone ${report.aggregates_timezone}` : ''}`,
		];
		const transcripts = report.transcripts;
		if (transcripts) {
			lines.push(
				`Transcripts     ${transcripts.claude_dir}${transcripts.exists ? '' : ' (no projects/ folder there)'}: ${formatCount(transcripts.files)} files, ${formatCount(transcripts.sessions)} sessions, ${formatCount(transcripts.invocations)} invocations read`,
				`                Claude Code deletes transcripts after ${transcripts.cleanup_period_days} days (${transcripts.cleanup_period_from === 'default' ? 'its default' : 'cleanupPeriodDays in settings.json'})`,
				...transcripts.warnings.map(warning => `Warning         ${warning}`),
			);
		}
		lines.push(...hookLines(report.hook, zone));
		const {watch} = report;
		lines.push(
			watch.mode === 'watch'
				? `Live            watch: fs.watch works on ${report.transcripts?.claude_dir ?? 'the transcript root'}/projects (${formatCount(watch.folders)} folders with the projects', one watch each)`
				: `Live            polling every 2 s: ${watch.reason ?? 'watchers are not available'}`,
		);
		if (report.projects.length === 0) return `${lines.join('\n')}\n`;
		const projects = view.table(report.projects.map(project => ({
			project: truncate(project.project_name, 28),
			active: project.is_active ? 'yes' : 'no',
			'last sync': formatInstant(project.last_sync_at, zone),
			errors: project.last_error_count,
			'last error': truncate(project.last_error ?? '', 60),
		})));
		return `${lines.join('\n')}\n\n${projects}\n`;
	},
});

function hookLines(hook: HookHealth | null, zone: string): string[] {
	if (!hook) return [];
	const collected = hook.last_collect;
	const last = collected
		? `last collected ${formatInstant(collected.at, zone)} (session in ${collected.cwd})${collected.message ? `; ${collected.message}` : ''}`
		: hook.last_run || hook.failed_since ? 'has not collected yet' : 'has not run (the Claude Code plugin collects each session\'s project when it ends)';
	return [`Plugin hook     ${last}`, ...hook.warnings.map(warning => `Warning         ${warning}`)];
}
