/**
 * The ids and small draws every transcript line is built from, all from the seeded PRNG so that
 * the same plan gives the same bytes.
 */

export const HEX = Array.from({length: 256}, (_, byte) => byte.toString(16).padStart(2, '0'));
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A version 4 UUID, as Claude Code gives every line. */
export function uuid(next: () => number): string {
	let out = '';
	for (let i = 0; i < 16; i++) {
		let byte = Math.floor(next() * 256);
		if (i === 6) byte = (byte & 0x0f) | 0x40;
		if (i === 8) byte = (byte & 0x3f) | 0x80;
		out += HEX[byte]!;
		if (i === 3 || i === 5 || i === 7 || i === 9) out += '-';
	}

	return out;
}

/** An API id such as `msg_01…`, `req_011C…` or `toolu_01…`. */
export function token(next: () => number, prefix: string, length: number): string {
	let out = prefix;
	for (let i = 0; i < length; i++) out += BASE62[Math.floor(next() * 62)]!;
	return out;
}

export function pick<T>(next: () => number, items: readonly T[]): T {
	return items[Math.floor(next() * items.length)]!;
}

export function iso(ms: number): string {
	return new Date(ms).toISOString();
}
