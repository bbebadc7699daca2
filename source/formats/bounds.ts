/**
 * Where values stop being data and start being damage: plain numbers and checks, without zod, so
 * that what only needs these (a transcript parse thread) does not pay for loading it.
 */

/** Names longer than this are not skill names but damage (a pasted prompt, a corrupt write). */
export const MAX_SKILL_NAME_LENGTH = 200;

/** Instants outside these are damage (a zeroed clock, a typo'd year), not invocations. */
export const MIN_INSTANT_US = 0;
export const MAX_INSTANT_US = Date.UTC(2200, 0, 1) * 1000;

export function instantOutOfRange(us: number): string | undefined {
	if (us >= MIN_INSTANT_US && us < MAX_INSTANT_US) return undefined;
	return 'out of range (before 1970 or after 2199)';
}

/** No invocation lasts a year: a longer duration is damage and is read as unknown (NULL). */
export const MAX_DURATION_MS = 366 * 86_400_000;

/** A usable duration in milliseconds: finite, not negative, not absurd; null otherwise. */
export function usableDurationMs(ms: number | null | undefined): number | null {
	if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0 || ms > MAX_DURATION_MS) return null;
	return ms;
}
