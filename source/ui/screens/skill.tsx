import {Box, Text} from 'ink';
import {useMemo, useState, type ReactNode} from 'react';
import {formatCount, formatDecimal, formatDuration, formatInstant, formatPercent, truncate} from '../../domain/format.js';
import {Empty, ErrorBox, Loading} from '../components/states.js';
import {sparkline} from '../components/sparkline.js';
import {Tint} from '../components/tint.js';
import type {ScreenInput} from '../app.js';
import {useCommands} from '../hooks/use-commands.js';
import {useSkill} from '../hooks/use-skill.js';
import {useTableLines} from '../hooks/use-table-lines.js';
import {useServices} from '../services.js';
import type {UiState} from '../state.js';
import type {TrendReport} from '../../data/queries/trend.js';
import {INSIGHT_COLORS, rateColor, THEME} from '../theme.js';

const BUCKET_NOUN = {daily: 'day', weekly: 'week', monthly: 'month'} as const;

const DIRECTION_MARKS = {improving: ['▲', THEME.good], declining: ['▼', THEME.bad], stable: ['■', THEME.muted]} as const;

function Direction({trend_direction: direction, trend_slope: slope, trend_buckets_used: used, window}: TrendReport) {
	const [mark, color] = DIRECTION_MARKS[direction];
	const detail = slope === null
		? `fewer than 3 ${BUCKET_NOUN[window]}s with uses`
		: `${slope >= 0 ? '+' : ''}${formatDecimal(slope * 100, 1)} points per ${BUCKET_NOUN[window]}, last ${used} ${BUCKET_NOUN[window]}s with uses`;
	return (
		<Text>
			<Tint color={color} bold>{`${mark} ${direction}`}</Tint>
			<Text dimColor>{`  (${detail})`}</Text>
		</Text>
	);
}

/** The drill-down is a list of one-line elements, so that scrolling is exact at any height. */
export function SkillScreen({state, height, width, input: keys}: {state: UiState; height: number; width: number; input: ScreenInput}) {
	const {displayZone} = useServices();
	const loaded = useSkill(state.skill, state.choice, state.scopeProjectId, state.dataVersion);
	const [scroll, setScroll] = useState(0);
	const lines: ReactNode[] = [];
	// While another skill loads, the previous one's numbers must not stand under its name.
	const data = loaded.data?.report.skill_name === state.skill ? loaded.data : undefined;
	const projectRows = useMemo(() => (data?.report.by_project ?? []).map(row => ({
		project: truncate(row.project_name, Math.max(12, width - 60)),
		uses: formatCount(row.total_invocations),
		success: formatPercent(row.success_rate),
		'avg time': formatDuration(row.avg_duration_ms),
		'follow-ups': formatDecimal(row.avg_followup_actions),
	})), [data, width]);
	const projectLines = useTableLines(projectRows) ?? [];
	if (data?.report.found) {
		const {report, trend} = data;
		const line = (key: string, label: string, value: ReactNode) => (
			<Text key={key}>
				<Text dimColor>{label.padEnd(14)}</Text>
				{value}
			</Text>
		);
		lines.push(
			line('uses', 'uses', `${formatCount(report.total_invocations)} finished: ${formatCount(report.successful_completions)} succeeded, ${formatCount(report.failed_invocations)} failed; ${formatCount(report.pending_invocations)} pending`),
			line('rate', 'success rate', <Tint color={rateColor(report.success_rate)} bold>{formatPercent(report.success_rate)}</Tint>),
			line('duration', 'duration', `avg ${formatDuration(report.avg_duration_ms)}  p50 ${formatDuration(report.p50_duration_ms)}  p90 ${formatDuration(report.p90_duration_ms)}`),
			line('followups', 'follow-ups', `${formatDecimal(report.avg_followup_actions)} per use`),
			line('used', 'used', `${formatInstant(report.first_used, displayZone)} – ${formatInstant(report.last_used, displayZone)}`),
			line('trend-uses', `uses/${BUCKET_NOUN[data.trendWindow]}`, `${sparkline(trend.map(point => point.total_invocations))}  (last ${trend.length}, max ${Math.max(...trend.map(point => point.total_invocations))})`),
			line('trend-rate', 'success', `${sparkline(trend.map(point => point.success_rate), 1)}  (0–100%)`),
			line('direction', 'direction', <Direction {...data.direction} />),
			<Text key="gap-1"> </Text>,
			<Text key="insights" bold>Insights</Text>,
			...report.insights.map((insight, index) => (
				<Text key={`insight-${index}`}>
					{'  '}
					<Tint color={INSIGHT_COLORS[insight.level]}>{`● ${insight.level.padEnd(9)}`}</Tint>
					{insight.message}
				</Text>
			)),
			<Text key="gap-2"> </Text>,
			<Text key="by-project" bold>By project</Text>,
			...projectLines.map((text, index) => <Text key={`project-${index}`}>{text}</Text>),
		);
		const counted = (title: string, rows: ReadonlyArray<{label: string; count: number}>) => {
			if (rows.length === 0) return;
			lines.push(<Text key={`gap-${title}`}> </Text>, <Text key={title} bold>{title}</Text>);
			for (const row of rows.slice(0, 5)) lines.push(<Text key={`${title}-${row.label}`}>{`  ${String(row.count).padStart(6)}  ${truncate(row.label, width - 12)}`}</Text>);
		};

		counted('Most common errors', report.errors.map(row => ({label: row.error_type, count: row.count})));
		counted('Follow-up actions', report.follow_up_actions.map(row => ({label: row.action, count: row.count})));
		counted('Workflow paths', report.workflow_paths.map(row => ({label: row.workflow_path, count: row.count})));
		const listed = (title: string, rows: string[], none: string) => {
			lines.push(<Text key={`gap-${title}`}> </Text>, <Text key={title} bold>{title}</Text>);
			if (rows.length === 0) lines.push(<Text key={`${title}-none`} dimColor>{`  ${none}`}</Text>);
			for (const [index, row] of rows.entries()) lines.push(<Text key={`${title}-${index}`}>{`  ${truncate(row, width - 4)}`}</Text>);
		};

		const {together, next} = data;
		listed(
			`Used with (lift, of ${formatCount(together.sessions)} sessions)`,
			together.pairs.map(pair => `${formatDecimal(pair.lift).padStart(6)}×  ${pair.skill_b}  (${formatCount(pair.sessions_together)} sessions together)`),
			`no skill shares ${together.min_sessions} or more sessions with it`,
		);
		listed(
			`Usually next (${formatCount(next.transitions)} transitions)`,
			next.next.map(row => `${formatPercent(row.probability).padStart(6)}  ${row.skill}  (${formatCount(row.count)})`),
			'nothing followed it in a session',
		);
	}

	// One line is kept for the scroll position, so that the body never outgrows its box.
	const room = lines.length > height ? height - 1 : height;
	const maxScroll = Math.max(0, lines.length - room);
	useCommands(
		'skill',
		'skill',
		{
			'cursor-up': () => setScroll(value => Math.max(0, value - 1)),
			'cursor-down': () => setScroll(value => Math.min(maxScroll, value + 1)),
		},
		keys.shown,
	);

	if (loaded.status === 'error') return <ErrorBox message={loaded.error} />;
	if (!data) return <Loading what={`${state.skill ?? 'skill'}`} />;
	if (!data.report.found) {
		return <Empty>No finished or pending use of “{state.skill}” in this window and scope. ← / → or t change the window.</Empty>;
	}

	const offset = Math.min(scroll, maxScroll);
	return (
		<Box flexDirection="column">
			{lines.slice(offset, offset + room)}
			{maxScroll > 0 ? <Tint color={THEME.muted}>{`lines ${offset + 1}–${Math.min(lines.length, offset + room)} of ${lines.length} (j/k scroll)`}</Tint> : null}
		</Box>
	);
}
