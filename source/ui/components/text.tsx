import {Text as InkText, type TextProps} from 'ink';
import {Children, type ReactNode} from 'react';
import {visible} from '../../domain/terminal-text.js';

/*
 * The explorer's only way to put text on the screen (a test holds that no other module imports
 * ink's Text). Names, paths and messages come from files anyone may have written: each string is
 * made visible here, so a screen cannot forget it, and Ink measures and cuts what is drawn.
 */

const shown = (child: ReactNode): ReactNode => (typeof child === 'string' ? visible(child) : child);

/** Ink's Text, its strings made visible; nested elements (Tint, DrawnLine) draw their own. */
export function Text({children, ...props}: TextProps) {
	return <InkText {...props}>{Children.map(children, shown)}</InkText>;
}

/**
 * A line of a table drawn by tableLines: its cells were made visible before ink-table measured
 * them, and its colours (ink-table's heading and borders) must reach the terminal as they are.
 */
export function DrawnLine({line, ...props}: Omit<TextProps, 'children'> & {line: string}) {
	return <InkText {...props}>{line}</InkText>;
}
