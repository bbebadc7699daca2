import {Box, Text} from 'ink';
import {footerHints, SCREENS, type ScreenId} from '../keymap.js';
import {SCREEN_TITLES} from '../navigation.js';
import {THEME} from '../theme.js';
import {Tint} from './tint.js';

export function Tabs({screen}: {screen: ScreenId}) {
	return (
		<Text>
			<Tint bold color={THEME.accent}>skillscope</Tint>
			{SCREENS.map((id, index) => {
				const label = ` ${index + 1} ${SCREEN_TITLES[id]} `;
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
