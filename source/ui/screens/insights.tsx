import {Box} from 'ink';
import {Text} from '../components/text.js';
import {useRef} from 'react';
import {scopeCycle} from '../../data/registry/machines.js';
import {choiceLabel} from '../../domain/window-choice.js';
import {quantity} from '../../domain/format.js';
import {evidenceSummary} from '../../domain/recommend.js';
import {LineView} from '../components/line-view.js';
import {AsyncView} from '../components/states.js';
import {useInsights} from '../hooks/use-insights.js';
import {fitNames} from '../../domain/fit/names.js';
import {adviceLines, fitLines, insightSections, recommendationLine, recommendationRoom, skillColumnWidth} from '../lines/insights-lines.js';
import {ListView, rowsShown} from '../list/list-view.js';
import {useList} from '../list/use-list.js';
import {nextScope} from '../navigation.js';
import {useServices} from '../services.js';
import {takesKeys, type ScreenProps} from './screen-props.js';

/**
 * Recommendations by priority (Enter opens the skill), the selected one's advice in full, then
 * the skills new in the window and the most frequent workflows.
 */
export function InsightsScreen({state, current, dispatch, height, width}: ScreenProps) {
	const {database, displayZone} = useServices();
	const opened = useRef(false);
	if (state.screen === 'insights') opened.current = true;
	const loaded = useInsights(state.choice, state.scopeProjectId, state.dataVersion, opened.current);
	const items = loaded.data?.advice.recommendations ?? [];
	const room = recommendationRoom(items.length, height);
	const slice = useList({
		context: 'insights',
		list: 'insights',
		state,
		dispatch,
		size: {count: items.length, visible: room},
		isActive: takesKeys(current, 'insights'),
		handlers: {
			open() {
				const item = items[current().lists.insights.cursor];
				if (item) dispatch({type: 'open-skill', skill: item.skill});
			},
			scope() {
				// Read at the key, not ahead: a list loaded earlier may be one reload old, or not there yet.
				void scopeCycle(database).then(ids => dispatch({type: 'scope', projectId: nextScope(ids, current().scopeProjectId)}));
			},
		},
	});

	return (
		<AsyncView state={loaded} what="insights">
			{(data, stale) => {
				const {advice} = data;
				const below = insightSections(data, choiceLabel(state.choice), displayZone);
				if (items.length === 0) {
					return (
						<Box flexDirection="column">
							<Box paddingY={1}>
								<Text>{`Nothing to recommend: no skill breaks a rule (${quantity(advice.skills_considered, 'skill')}, all time). r collects newer data.`}</Text>
							</Box>
							{below.slice(0, Math.max(0, height - 3)).map((line, index) => <LineView key={index} line={line} />)}
						</Box>
					);
				}

				const header = `${quantity(items.length, 'recommendation')} for ${quantity(advice.skills_considered, 'skill')} · all time, weekly trends`;
				const skillWidth = skillColumnWidth(width, items.map(evidenceSummary));
				const skills = fitNames(items.map(item => item.skill), skillWidth);
				const rest = [...adviceLines(items[slice.cursor], width), ...below];
				const fitted = fitLines(rest, Math.max(0, height - 1 - (slice.end - slice.start) - (slice.clipped ? 1 : 0)));
				return (
					<Box flexDirection="column">
						<Text dimColor>{stale ? `${header}  (loading…)` : header}</Text>
						<ListView slice={slice} dim={stale} status={rowsShown('')} row={index => <LineView line={recommendationLine(items[index]!, skillWidth, index === slice.cursor, skills[index])} />} />
						{fitted.map((line, index) => <LineView key={index} line={line} />)}
					</Box>
				);
			}}
		</AsyncView>
	);
}
