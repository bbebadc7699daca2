import {Box} from 'ink';
import {DrawnLine, Text} from '../components/text.js';
import {useEffect, useMemo, useState} from 'react';
import {formatCount, truncate} from '../../domain/format.js';
import {Tint} from '../components/tint.js';
import {useCommands} from '../hooks/use-commands.js';
import type {CollectState} from '../hooks/use-collect.js';
import {useTableLines} from '../hooks/use-table-lines.js';
import {collectStatus, isRunning, progressBar, progressRows} from '../lines/collect-lines.js';
import {useServices} from '../services.js';
import {THEME} from '../theme.js';
import {takesKeys, type ScreenProps} from './screen-props.js';

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

export function CollectScreen({collect, onCancel, current, dispatch, height, width}: ScreenProps & {collect: CollectState; onCancel: () => boolean}) {
	const {claudeRoot} = useServices();
	const running = isRunning(collect);
	const now = useTicker(running);
	useCommands('collect', {
		'cancel-collect'() {
			if (!onCancel()) dispatch({type: 'go', screen: 'leaderboard'});
		},
	}, takesKeys(current, 'collect'));
	const rows = useMemo(() => progressRows(collect, now, width), [collect, now, width]);
	const lines = useTableLines(rows) ?? [];
	if (collect.status === 'idle') {
		return (
			<Box paddingY={1}>
				<Text>
					No collection yet in this session. Press <Text bold>r</Text> to read the active projects’ metrics{claudeRoot === undefined ? '' : ' and Claude Code transcripts'} (only what is new is added).
				</Text>
			</Box>
		);
	}

	const done = collect.projects.filter(project => project.state === 'done').length;
	const totals = collect.report?.totals;
	const errorLines = Math.max(0, height - rows.length - 8);
	return (
		<Box flexDirection="column">
			<Text>
				<Tint color={collect.status === 'failed' ? THEME.bad : THEME.accent}>{progressBar(done, collect.projects.length, Math.min(30, Math.max(10, width - 60)))}</Tint> {collectStatus(collect, now)}
			</Text>
			{lines.map((line, index) => (
				<DrawnLine key={index} line={line} />
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
