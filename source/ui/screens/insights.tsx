import {Box, Text} from 'ink';
import {useRef, type ReactNode} from 'react';
import {listProjects} from '../../data/registry.js';
import {formatDuration, formatInstant, formatPercent, truncate} from '../../domain/format.js';
import {evidenceSummary, type Priority} from '../../domain/recommend.js';
import {choiceLabel} from '../../domain/window-choice.js';
import type {ScreenInput} from '../app.js';
import {Empty, ErrorBox, Loading} from '../components/states.js';
import {Tint} from '../components/tint.js';
import {useAsync} from '../hooks/use-async.js';
import {useCommands} from '../hooks/use-commands.js';
import {useInsights} from '../hooks/use-insights.js';
import {nextScope} from '../navigation.js';
import {useServices} from '../services.js';
import type {UiAction, UiState} from '../state.js';
import {THEME} from '../theme.js';

const PRIORITY_COLORS: Record<Priority, string> = {high: THEME.bad, medium: THEME.warn, low: THEME.muted};

/**
 * Recommendations by priority (Enter opens the skill), the selected one's advice in full, then
 * the skills new in the window and the most frequent workflows.
 */
export function InsightsScreen({state, dispatch, height, width, input: keys}: {state: UiState; dispatch: (action: UiAction) => void; height: number; width: number; input: ScreenInput}) {
	const {database, displayZone} = useServices();
	const opened = useRef(false);
	if (state.screen === 'insights') opened.current = true;
	const projects = useAsync(async () => (opened.current ? listProjects(database, {activeOnly: true, counts: false}) : []), [database, state.dataVersion, opened.current]);
	const loaded = useInsights(state.choice, state.scopeProjectId, state.dataVersion, opened.current);
	const items = loaded.data?.advice.recommendations ?? [];
	const last = Math.max(0, items.length - 1);
	const cursor = Math.min(state.insightCursor, last);
	useCommands(
		'insights',
		'insights',
		{
			'cursor-up': () => dispatch({type: 'insight-cursor', cursor: Math.min(keys.current().insightCursor, last) - 1}),
			'cursor-down': () => dispatch({type: 'insight-cursor', cursor: Math.min(last, keys.current().insightCursor + 1)}),
			'cursor-top': () => dispatch({type: 'insight-cursor', cursor: 0}),
			'cursor-bottom': () => dispatch({type: 'insight-cursor', cursor: last}),
			open() {
				const item = items[Math.min(keys.current().insightCursor, last)];
				if (item) dispatch({type: 'open-skill', skill: item.skill, from: 'insights'});
			},
			scope() {
				const ids = (projects.data ?? []).map(project => project.project_id);
				dispatch({type: 'scope', projectId: nextScope(ids, keys.current().scopeProjectId)});
			},
		},
		keys.shown,
	);

	if (loaded.status === 'error') return <ErrorBox message={loaded.error} />;
	if (!loaded.data) return <Loading what="insights" />;
	const {advice, newSkills, newestOnly, workflows} = loaded.data;
	const stale = loaded.status === 'loading';
	const skillWidth = Math.max(12, Math.min(28, width - 58));
	const below: ReactNode[] = [];
	const section = (title: string, rows: string[]) => {
		below.push(<Text key={`gap-${title}`}> </Text>, <Text key={title} bold>{title}</Text>);
		for (const [index, row] of rows.entries()) below.push(<Text key={`${title}-${index}`} wrap="truncate-end">{`  ${row}`}</Text>);
	};

	section(
		newestOnly ? 'Newest skills' : `New in ${choiceLabel(state.choice)}`,
		newSkills.length === 0 ? ['none: every skill used here was first used before'] : newSkills.slice(0, 5).map(skill => `${formatInstant(skill.first_used, displayZone)}  ${skill.skill_name}${skill.first_project ? `  (${skill.first_project})` : ''}`),
	);
	section(
		`Most frequent workflows (${workflows.sessions} sessions)`,
		workflows.frequent.length === 0
			? ['none: workflows need records with a session_id']
			: workflows.frequent.map(flow => `${String(flow.executions).padStart(4)}×  ${formatPercent(flow.success_rate).padStart(6)}  ${formatDuration(flow.avg_duration_ms).padStart(7)}  ${flow.skills.join(' → ')}`),
	);

	const header = `${advice.recommendations.length} recommendations for ${advice.skills_considered} skills · all time, weekly trends`;
	if (items.length === 0) {
		return (
			<Box flexDirection="column">
				<Empty>Nothing to recommend: no skill breaks a rule ({advice.skills_considered} skills, all time). r collects newer data.</Empty>
				{below.slice(0, Math.max(0, height - 3))}
			</Box>
		);
	}

	// The list comes first and keeps at least 5 rows; the advice and the sections below fill what is left.
	const listRoom = Math.min(items.length, Math.max(5, height - 12));
	const first = Math.min(Math.max(0, cursor - Math.floor(listRoom / 2)), Math.max(0, items.length - listRoom));
	const shown = items.slice(first, first + listRoom);
	const more = items.length > listRoom;
	const selected = items[cursor];
	const adviceLines = selected ? wrapText(selected.action, width - 2).map((text, index) => <Text key={`action-${index}`}>{`  ${text}`}</Text>) : [];
	const all = [<Text key="gap-action"> </Text>, ...adviceLines, ...below];
	const room = Math.max(0, height - 1 - shown.length - (more ? 1 : 0));
	// What does not fit is said, not silently cut: the commands show it all.
	const rest = all.length <= room
		? all
		: [...all.slice(0, Math.max(0, room - 1)), <Text key="cut" dimColor>{`  … ${all.length - room + 1} more lines: a taller terminal, or skillscope workflows / adoption`}</Text>];
	return (
		<Box flexDirection="column">
			<Text dimColor>{stale ? `${header}  (loading…)` : header}</Text>
			{shown.map((item, index) => {
				const row = `${item.priority.padEnd(7)} ${truncate(item.skill, skillWidth).padEnd(skillWidth)}  ${item.issue.replaceAll('_', ' ').padEnd(19)} ${evidenceSummary(item)}`;
				const at = first + index;
				return at === cursor ? (
					<Text key={at} wrap="truncate-end">
						{'› '}
						<Tint inverse>{row}</Tint>
					</Text>
				) : (
					<Text key={at} wrap="truncate-end" dimColor={stale}>
						{'  '}
						<Tint color={PRIORITY_COLORS[item.priority]}>{item.priority.padEnd(7)}</Tint>
						{row.slice(7)}
					</Text>
				);
			})}
			{more ? <Text dimColor>{`  ${first + 1}–${first + shown.length} of ${items.length}`}</Text> : null}
			{rest}
		</Box>
	);
}

/** Words into lines of at most `width` characters (a longer word is cut). */
function wrapText(text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/)) {
		if (line && line.length + 1 + word.length > width) {
			lines.push(line);
			line = '';
		}

		line = line ? `${line} ${word}` : word.slice(0, width);
	}

	if (line) lines.push(line);
	return lines;
}
