import {visible} from '../../domain/terminal-text.js';

/**
 * A screen line as data: pieces of text with a tone. Screens build lines in pure functions (unit
 * tested without rendering) and one view draws them; a line never wraps, it is cut at the width.
 */
export type Tone = 'accent' | 'muted' | 'good' | 'warn' | 'bad';

export interface Segment {
	text: string;
	tone?: Tone;
	bold?: boolean;
	dim?: boolean;
	inverse?: boolean;
	/** A line of a drawn table (tableLines): its cells were made visible there, and its colours are its own. */
	drawn?: boolean;
}

export type Line = readonly Segment[];

export const plain = (text: string): Line => [{text}];
export const blank: Line = [{text: ' '}];
export const heading = (text: string): Line => [{text, bold: true}];
export const dimmed = (text: string): Line => [{text, dim: true}];
export const drawnLine = (text: string): Line => [{text, drawn: true}];

/** What a line reads as, without its tones: for tests and widths. */
export function lineText(line: Line): string {
	return line.map(segment => segment.text).join('');
}

/** Words into lines of at most `width` characters as drawn (a longer word is cut); line breaks are spaces here. */
export function wrapText(text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).map(visible)) {
		if (line && line.length + 1 + word.length > width) {
			lines.push(line);
			line = '';
		}

		line = line ? `${line} ${word}` : word.slice(0, width);
	}

	if (line) lines.push(line);
	return lines;
}
