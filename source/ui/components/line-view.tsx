import {DrawnLine, Text} from './text.js';
import type {Line, Tone} from '../lines/line.js';
import {THEME} from '../theme.js';
import {Tint} from './tint.js';

const TONES: Record<Tone, string> = {accent: THEME.accent, muted: THEME.muted, good: THEME.good, warn: THEME.warn, bad: THEME.bad};

/** One built line, cut (never wrapped) at the width of its box. */
export function LineView({line, dim = false}: {line: Line; dim?: boolean}) {
	return (
		<Text wrap="truncate-end" dimColor={dim}>
			{line.map((segment, index) =>
				segment.drawn ? (
					<DrawnLine key={index} line={segment.text} />
				) : segment.tone || segment.inverse ? (
					<Tint key={index} color={segment.tone && TONES[segment.tone]} bold={segment.bold} inverse={segment.inverse} dimColor={segment.dim}>
						{segment.text}
					</Tint>
				) : (
					<Text key={index} bold={segment.bold} dimColor={segment.dim}>
						{segment.text}
					</Text>
				),
			)}
		</Text>
	);
}
