import {Text} from '../components/text.js';
import {formatCount} from '../../domain/format.js';
import type {Discovery} from '../../data/transcripts/discovery.js';
import {SelectableTable} from '../components/selectable-table.js';
import {ErrorBox} from '../components/states.js';
import {Tint} from '../components/tint.js';
import {shortenPath} from '../lines/projects-lines.js';
import {useServices} from '../services.js';
import {THEME} from '../theme.js';

type Lines = Parameters<typeof SelectableTable>[0]['lines'];
type Slice = Parameters<typeof SelectableTable>[0]['slice'];

export interface FoundSectionProps {
	claudeRoot: string | undefined;
	discovery: {status: string; data?: Discovery; error?: string};
	heading: readonly string[];
	/** Some found rows fall in the visible slice, and their drawing is ready. */
	shown: boolean;
	lines: Lines | undefined;
	slice: Slice;
	first: number;
}

/** The Projects screen's lower part: the launch directories found in transcripts, or why none show. */
export function FoundSection({claudeRoot, discovery, heading, shown, lines, slice, first}: FoundSectionProps) {
	const {home} = useServices();
	const problems = discovery.data?.problems.length ?? 0;
	return (
		<>
			{claudeRoot === undefined ? null : discovery.status === 'error' ? (
				<ErrorBox message={`Claude Code transcripts under ${claudeRoot}: ${discovery.error}`} />
			) : discovery.data === undefined ? (
				<Text dimColor wrap="truncate-end">{`Looking for projects in Claude Code transcripts under ${shortenPath(claudeRoot, 48, home)}…`}</Text>
			) : shown ? (
				<>
					{heading.map(line => (
						<Text key={line} wrap="truncate-end">
							<Tint color={THEME.accent}>{line}</Tint>
						</Text>
					))}
					{problems > 0 ? <Text dimColor wrap="truncate-end">{`${formatCount(problems)} transcript files could not be read: skillscope discover names them`}</Text> : null}
					<SelectableTable lines={lines!} slice={slice} first={first} status={false} />
				</>
			) : null}
		</>
	);
}
