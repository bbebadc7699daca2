import {isUtf8} from 'node:buffer';

/*
 * Recoveries for what real writers put in files that are not quite JSON: Python's json.dumps
 * writes the bare tokens NaN, Infinity and -Infinity for float('nan') / float('inf'), and a
 * crash or a foreign tool can leave bytes that are not UTF-8. Both are only looked for after the
 * fast path failed (JSON.parse, isUtf8), so healthy files pay nothing.
 */

const NON_STANDARD = ['-Infinity', 'Infinity', 'NaN'] as const;

/**
 * `text` with every bare NaN / Infinity / -Infinity token outside strings replaced by `null`,
 * and how many were replaced. Strings (with their escapes) are copied as they are.
 */
export function replaceNonStandardNumbers(text: string): {text: string; replaced: number} {
	let replaced = 0;
	let out = '';
	let copiedUpTo = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (inString) {
			if (code === 0x5c) i++; // backslash: skip the escaped character
			else if (code === 0x22) inString = false;
			continue;
		}

		if (code === 0x22) {
			inString = true;
			continue;
		}

		// N, I or -: the only first letters of the tokens we replace.
		if (code !== 0x4e && code !== 0x49 && code !== 0x2d) continue;
		const token = NON_STANDARD.find(candidate => text.startsWith(candidate, i));
		if (!token) continue;
		// A token, not the middle of a word: the next character must end a value.
		const next = text.charCodeAt(i + token.length);
		if (!Number.isNaN(next) && /[\w$]/.test(String.fromCharCode(next))) continue;
		out += `${text.slice(copiedUpTo, i)}null`;
		i += token.length - 1;
		copiedUpTo = i + 1;
		replaced++;
	}

	return replaced === 0 ? {text, replaced} : {text: out + text.slice(copiedUpTo), replaced};
}

/** The offset of the first byte that is not part of valid UTF-8, or -1 when all of it is valid. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
	if (isUtf8(bytes)) return -1;
	let i = 0;
	while (i < bytes.length) {
		const byte = bytes[i]!;
		let length: number;
		let min: number;
		if (byte < 0x80) {
			i++;
			continue;
		} else if (byte >= 0xc2 && byte <= 0xdf) {
			length = 2;
			min = 0x80;
		} else if (byte >= 0xe0 && byte <= 0xef) {
			length = 3;
			min = 0x800;
		} else if (byte >= 0xf0 && byte <= 0xf4) {
			length = 4;
			min = 0x1_00_00;
		} else {
			return i;
		}

		if (i + length > bytes.length) return i;
		let codePoint = byte & (0xff >> (length + 1));
		for (let k = 1; k < length; k++) {
			const next = bytes[i + k]!;
			if ((next & 0xc0) !== 0x80) return i;
			codePoint = (codePoint << 6) | (next & 0x3f);
		}

		if (codePoint < min || codePoint > 0x10_ff_ff || (codePoint >= 0xd8_00 && codePoint <= 0xdf_ff)) return i;
		i += length;
	}

	return -1;
}
