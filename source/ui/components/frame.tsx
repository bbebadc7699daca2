import {Box, Text} from 'ink';
import {footerHints} from '../keymap.js';
import {SCREEN_TITLES, SCREENS, SHORT_TITLES, type ScreenId} from '../navigation.js';
import {THEME} from '../theme.js';
import {Tint} from './tint.js';

/** Below this width the tabs use their short titles, so that all six fit on one line. */
const FULL_TITLES_WIDTH = 92;

export function Tabs({screen, width}: {screen: ScreenId; width: number}) {
	const titles = width >= FULL_TITLES_WIDTH ? SCREEN_TITLES : SHORT_TITLES;
	return (
		<Text>
			<Tint bold color={THEME.accent}>skillscope</Tint>
			{SCREENS.map((id, index) => {
				const label = ` ${index + 1} ${titles[id]} `;
				return id === screen ? (
					<Tint key={id} inverse bold>
						{label}
					</Tint>
				) : (
					<Text key={id} dimColor>
						{label}
					</Text>
				);
			})}
		</Text>
	);
}

export function Breadcrumbs({trail, windowLabel, scopeLabel}: {trail: readonly string[]; windowLabel: string; scopeLabel: string}) {
	return (
		<Text wrap="truncate-end">
			<Text bold>{trail.join(' › ')}</Text>
			<Text dimColor>{'  ·  '}</Text>
			<Tint color={THEME.accent}>{windowLabel}</Tint>
			<Text dimColor>{'  ·  '}</Text>
			<Text>{scopeLabel}</Text>
		</Text>
	);
}

export function Footer({screen, status}: {screen: ScreenId; status?: string}) {
	const hints = footerHints(screen);
	return (
		<Box>
			<Text wrap="truncate-end">
				{hints.map(({keys, hint}, index) => (
					<Text key={hint}>
						{index > 0 ? '  ' : ''}
						<Tint bold color={THEME.accent}>{keys}</Tint> {hint}
					</Text>
				))}
				{status ? <Text dimColor>{`   ${status}`}</Text> : null}
			</Text>
		</Box>
	);
}
