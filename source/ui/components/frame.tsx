import {Box} from 'ink';
import {Text} from './text.js';
import {footerHints, HINT_GAP, type HintCondition, liveKey} from '../keymap.js';
import type {BreadcrumbParts} from '../lines/breadcrumb-lines.js';
import {SCREEN_TITLES, SCREENS, SHORT_TITLES, type ScreenId, tabOf, type TabId} from '../navigation.js';
import {THEME} from '../theme.js';
import {Tint} from './tint.js';

const BRAND = 'skillscope';
const tabsWidth = (titles: Record<TabId, string>) => SCREENS.reduce((sum, id, index) => sum + (titles[id] ? ` ${index + 1} ${titles[id]} ` : ` ${index + 1} `).length, 0);

/**
 * The full titles when they fit, else the short ones, else (under some 75 columns) the current
 * tab's short title among the others' numbers; the name of the tool only when it fits beside them
 * (at 80 columns it does not): the tabs never wrap.
 */
export function Tabs({screen, width}: {screen: ScreenId; width: number}) {
	const current = tabOf(screen);
	const numbers = Object.fromEntries(SCREENS.map(id => [id, id === current ? SHORT_TITLES[id] : ''])) as Record<TabId, string>;
	const titles = BRAND.length + tabsWidth(SCREEN_TITLES) <= width ? SCREEN_TITLES : tabsWidth(SHORT_TITLES) <= width ? SHORT_TITLES : numbers;
	const brand = BRAND.length + tabsWidth(titles) <= width;
	return (
		<Text>
			{brand ? <Tint bold color={THEME.accent}>{BRAND}</Tint> : null}
			{SCREENS.map((id, index) => {
				const label = titles[id] ? ` ${index + 1} ${titles[id]} ` : ` ${index + 1} `;
				return id === current ? (
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

/** Where the user is, the window and the scope, fitted by `fitBreadcrumbs` (what gives way is what is least lost). */
export function Breadcrumbs({parts}: {parts: BreadcrumbParts}) {
	return (
		<Text wrap="truncate-end">
			<Text bold>{parts.trail}</Text>
			<Text dimColor>{parts.gap}</Text>
			<Tint color={THEME.accent}>{parts.window}</Tint>
			<Text dimColor>{parts.gap}</Text>
			<Text>{parts.scope}</Text>
		</Text>
	);
}

/**
 * `holding`: the conditions the keymap's hints may name (a collect running).
 * `mark`: live collection's state and its key, kept whole at the right; the hints give way whole,
 * the least important first, in what is left of `width`, and the status takes what they leave.
 */
export function Footer({screen, width, status, mark, holding}: {screen: ScreenId; width: number; status?: string; mark?: string; holding?: ReadonlySet<HintCondition>}) {
	const markWidth = mark ? 2 + liveKey().length + 1 + mark.length : 0;
	const hints = footerHints(screen, width - markWidth, holding);
	return (
		<Box>
			<Box flexGrow={1} flexShrink={1}>
				<Text wrap="truncate-end">
					{hints.map(({keys, hint}, index) => (
						<Text key={hint}>
							{index > 0 ? HINT_GAP : ''}
							<Tint bold color={THEME.accent}>{keys}</Tint> {hint}
						</Text>
					))}
					{status ? <Text dimColor>{`   ${status}`}</Text> : null}
				</Text>
			</Box>
			{mark ? (
				<Box flexShrink={0}>
					<Text>
						{'  '}
						<Tint bold color={THEME.accent}>{liveKey()}</Tint> <Text dimColor>{mark}</Text>
					</Text>
				</Box>
			) : null}
		</Box>
	);
}
