import {formatClock} from '../../domain/clock.js';
import type {LiveState} from '../hooks/use-live.js';

/** The footer's mark: `live 14:03:07` (the last look), `polling 14:03:07` after a fallback, `live off`. */
export function liveMark(live: LiveState, zone: string): string {
	if (!live.enabled) return 'live off';
	const word = live.mode === 'polling' ? 'polling' : 'live';
	if (live.failure) return `${word}: collect failed`;
	return live.lastAt ? `${word} ${formatClock(live.lastAt, zone)}` : `${word}…`;
}
