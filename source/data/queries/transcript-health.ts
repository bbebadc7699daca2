import {readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import type {Database} from '../store/database.js';

/** What `health` says of the Claude Code transcripts (transcripts.md). */
export interface TranscriptHealth {
	claude_dir: string;
	exists: boolean;
	/** Transcript files of registered projects read so far, their sessions and invocations. */
	files: number;
	sessions: number;
	invocations: number;
	last_read_at: string | null;
	cleanup_period_days: number;
	/** `settings.json` when the user set it there, else `default`. */
	cleanup_period_from: 'settings.json' | 'default';
	warnings: string[];
}

const DEFAULT_CLEANUP_DAYS = 30;
/** Warn this many days before Claude Code would delete a session not collected yet. */
const WARN_DAYS_BEFORE = 7;
const DAY_MS = 86_400_000;

async function cleanupPeriod(root: string, warnings: string[]): Promise<{days: number; from: TranscriptHealth['cleanup_period_from']}> {
	const file = path.join(root, 'settings.json');
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch {
		return {days: DEFAULT_CLEANUP_DAYS, from: 'default'};
	}

	try {
		const settings = JSON.parse(text) as unknown;
		const days = typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>).cleanupPeriodDays : undefined;
		if (days === undefined) return {days: DEFAULT_CLEANUP_DAYS, from: 'default'};
		if (typeof days === 'number' && Number.isFinite(days) && days >= 0) return {days, from: 'settings.json'};
		warnings.push(`${file}: cleanupPeriodDays is not a number of days (${JSON.stringify(days)}); Claude Code's default of ${DEFAULT_CLEANUP_DAYS} assumed`);
	} catch (error) {
		warnings.push(`${file}: invalid JSON (${(error as Error).message.split('\n')[0]}); Claude Code's default cleanupPeriodDays of ${DEFAULT_CLEANUP_DAYS} assumed`);
	}

	return {days: DEFAULT_CLEANUP_DAYS, from: 'default'};
}

export async function transcriptHealth(database: Database, root: string, now: Date): Promise<TranscriptHealth> {
	const warnings: string[] = [];
	const exists = await stat(path.join(root, 'projects')).then(info => info.isDirectory(), () => false);
	const counts = await database.one<{files: number; sessions: number; last_read_at: string | null}>(
		`SELECT count(*)::INTEGER AS files, count(DISTINCT session_id)::INTEGER AS sessions, iso(max(read_at)) AS last_read_at FROM transcript_files`,
	);
	const rows = await database.one<{invocations: number}>(`SELECT count(*)::INTEGER AS invocations FROM skill_usage WHERE source = 'claude-code'`);
	const lastCollect = await database.one<{at: string | null}>(`SELECT iso(max(last_sync_at)) AS at FROM projects WHERE is_active`);
	const period = await cleanupPeriod(root, warnings);
	if (lastCollect?.at) {
		const idleDays = (now.getTime() - Date.parse(lastCollect.at)) / DAY_MS;
		const left = period.days - idleDays;
		if (exists && left <= WARN_DAYS_BEFORE) {
			warnings.push(left <= 0
				? `the last collect was ${Math.floor(idleDays)} days ago and Claude Code deletes transcripts after ${period.days} days (cleanupPeriodDays): sessions in between may already be gone; collect now`
				: `the last collect was ${Math.floor(idleDays)} days ago and Claude Code deletes transcripts after ${period.days} days (cleanupPeriodDays): collect within ${Math.ceil(left)} day${Math.ceil(left) === 1 ? '' : 's'} to keep every session`);
		}
	}

	return {
		claude_dir: root,
		exists,
		files: counts?.files ?? 0,
		sessions: counts?.sessions ?? 0,
		invocations: rows?.invocations ?? 0,
		last_read_at: counts?.last_read_at ?? null,
		cleanup_period_days: period.days,
		cleanup_period_from: period.from,
		warnings,
	};
}
