import type {AdoptedSkill} from '../../data/queries/adoption.js';
import type {WorkflowsReport} from '../../data/queries/workflow-patterns.js';
import {formatDuration, formatInstant, formatPercent, quantity} from '../../domain/format.js';
import {fitName} from '../../domain/fit/names.js';
import {evidenceSummary, type Priority, type Recommendation} from '../../domain/recommend.js';
import {blank, dimmed, heading, plain, wrapText, type Line, type Tone} from './line.js';

const PRIORITY_TONES: Record<Priority, Tone> = {high: 'bad', medium: 'warn', low: 'muted'};

/** A row's columns but the skill's: cursor 2, priority 7 and a space, two spaces, issue 19 and a space. */
const ROW_CHROME = 32;

/**
 * The skill column: what the row leaves beside the longest evidence, 12 to 28. Sized for the
 * evidence shown, not the widest possible, so that at 80 columns `s…:systematic-debugging` keeps
 * its skill part whole (a fixed 22 read `su…:systemati…ebugging`).
 */
export function skillColumnWidth(width: number, evidence: readonly string[] = []): number {
	const longest = evidence.length === 0 ? 26 : Math.max(...evidence.map(text => text.length));
	return Math.max(12, Math.min(28, width - ROW_CHROME - longest));
}

/** One recommendation: priority (coloured unless selected), skill, issue, the evidence in numbers. */
export function recommendationLine(item: Recommendation, skillWidth: number, selected: boolean, skill = fitName(item.skill, skillWidth)): Line {
	const rest = ` ${skill.padEnd(skillWidth)}  ${item.issue.replaceAll('_', ' ').padEnd(19)} ${evidenceSummary(item)}`;
	return selected ? [{text: item.priority.padEnd(7) + rest}] : [{text: item.priority.padEnd(7), tone: PRIORITY_TONES[item.priority]}, {text: rest}];
}

export function adviceLines(item: Recommendation | undefined, width: number): Line[] {
	return item ? [blank, ...wrapText(item.action, width - 2).map(text => plain(`  ${text}`))] : [blank];
}

function section(title: string, rows: readonly string[]): Line[] {
	return [blank, heading(title), ...rows.map(row => plain(`  ${row}`))];
}

/** The sections under the recommendations: skills new in the window, the most frequent workflows. */
export function insightSections(data: {newSkills: readonly AdoptedSkill[]; newestOnly: boolean; workflows: WorkflowsReport}, windowLabel: string, zone: string): Line[] {
	const {newSkills, newestOnly, workflows} = data;
	return [
		...section(
			// Newest by first use, not by install: the heading says which, and the window it reads.
			newestOnly ? 'Skills first used most recently' : `Skills first used in ${windowLabel}`,
			newSkills.length === 0
				? ['none: every skill used here was first used before']
				: newSkills.slice(0, 5).map(skill => `${formatInstant(skill.first_used, zone)}  ${skill.skill_name}${skill.first_project ? `  in ${skill.first_project}` : ''}`),
		),
		...section(
			`Most frequent workflows (${quantity(workflows.sessions, 'session')})`,
			workflows.frequent.length === 0
				? ['none: workflows need records with a session_id']
				: workflows.frequent.map(flow => `${String(flow.executions).padStart(4)}×  ${formatPercent(flow.success_rate).padStart(6)}  ${formatDuration(flow.avg_duration_ms).padStart(7)}  ${flow.skills.join(' → ')}`),
		),
	];
}

/** `lines` in `room` lines: what does not fit is said, not silently cut (the commands show it all). */
export function fitLines(lines: readonly Line[], room: number): Line[] {
	if (lines.length <= room) return [...lines];
	return [...lines.slice(0, Math.max(0, room - 1)), dimmed(`  … ${quantity(lines.length - room + 1, 'more line', 'more lines')}: a taller terminal, or skillscope workflows / adoption`)];
}

/** The list comes first and keeps at least 5 rows; the advice and the sections fill what is left. */
export function recommendationRoom(count: number, height: number): number {
	return Math.min(count, Math.max(5, height - 12));
}
