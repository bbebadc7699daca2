import {Box, Text} from 'ink';
import {useEffect, useMemo, useState} from 'react';
import {formatCount, formatDuration, truncate} from '../../domain/format.js';
import {Tint} from '../components/tint.js';
import type {ScreenInput} from '../app.js';
import {useCommands} from '../hooks/use-commands.js';
import type {CollectState} from '../hooks/use-collect.js';
import {useTableLines} from '../hooks/use-table-lines.js';
import {THEME} from '../theme.js';

function bar(done: number, total: number, width: number): string {
	const filled = total === 0 ? width : Math.round((done / total) * width);
	return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

/** Redraws a running collect's clocks four times a second. */
function useTicker(running: boolean): number {
	const [now, setNow] = useState(Date.now());
	useEffect(() => {
		if (!running) return;
		const timer = setInterval(() => setNow(Date.now()), 250);
		return () => clearInterval(timer);
	}, [running]);
	return now;
}

export function CollectScreen({collect, onCancel, onBack, height, width, input: keys}: {
	collect: CollectState;
	onCancel: () => void;
	onBack: () => void;
	height: number;
	width: number;
	input: ScreenInput;
}) {
	const running = collect.status === 'running' || collect.status === 'aggregating';
	const now = useTicker(running);
	useCommands('collect', 'collect', {'cancel-collect': () => (running ? onCancel() : onBack())}, keys.shown);
	const rows = useMemo(() => collect.projects.map(project => ({
		project: truncate(project.name, Math.max(12, width - 60)),
		state: project.state,
		sources: project.state === 'waiting' ? '' : `${project.sourcesDone}/${project.sources}`,
		rows: formatCount(project.rowsWritten),
		errors: formatCount(project.errors),
		time: project.durationMs !== undefined ? formatDuration(project.durationMs) : project.startedAt ? formatDuration(now - project.startedAt) : '',
	})), [collect.projects, now, width]);
	const lines = useTableLines(rows) ?? [];
	if (collect.status === 'idle') {
		return (
			<Box paddingY={1}>
				<Text>No collection yet in this session. Press <Text bold>r</Text> to read the active projects’ metrics (only what is new is added).</Text>
			</Box>
		);
	}

	const done = collect.projects.filter(project => project.state === 'done').length;
	const total = collect.projects.length;
	const elapsed = formatDuration((collect.report?.totals.duration_ms ?? now - (collect.startedAt ?? now)));
	const status = {
		running: `Collecting… ${done}/${total} projects, ${elapsed}  (Esc cancels)`,
		aggregating: `Updating aggregates… ${elapsed}`,
		done: `Done in ${elapsed}`,
		cancelled: `Cancelled after ${elapsed}: every source read so far is complete; the rest was left untouched`,
		failed: `Failed: ${collect.failure ?? ''}`,
		idle: '',
	}[collect.status];
	const totals = collect.report?.totals;
	const errorLines = Math.max(0, height - rows.length - 8);
	return (
		<Box flexDirection="column">
			<Text>
				<Tint color={collect.status === 'failed' ? THEME.bad : THEME.accent}>{bar(done, total, Math.min(30, Math.max(10, width - 60)))}</Tint> {status}
			</Text>
			{lines.map((line, index) => (
				<Text key={index}>{line}</Text>
			))}
			{totals ? (
				<Text>
					{`${formatCount(totals.collected)} new, ${formatCount(totals.updated)} updated, ${formatCount(totals.unchanged)} unchanged, `}
					<Tint color={totals.errors > 0 ? THEME.bad : undefined}>{`${formatCount(totals.errors)} errors`}</Tint>
				</Text>
			) : null}
			{collect.errors.slice(0, errorLines).map((error, index) => (
				<Tint key={index} color={THEME.bad}>{truncate(`✗ ${error.message}`, width - 1)}</Tint>
			))}
			{collect.errors.length > errorLines ? <Text dimColor>{`… ${collect.errors.length - errorLines} more errors (skillscope collect --json lists them all)`}</Text> : null}
		</Box>
	);
}
