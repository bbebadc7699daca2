/*
 * The id of a JSON-RPC message, for the error that answers it. A message too large to read is
 * not parsed: its top-level "id" is looked for in its first bytes (clients write it before the
 * params), so that the client waiting on that id gets its answer.
 */

type Id = string | number | null;

/** The id of a parsed value when it is a message with a usable one; null otherwise (JSON-RPC says so). */
export function idOf(value: unknown): Id {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
	const {id} = value as {id?: unknown};
	return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : null;
}

/** Where the JSON string opening at `start` (a quote) ends (past its closing quote), or -1 if `text` ends first. */
function stringEnd(text: string, start: number): number {
	for (let index = start + 1; index < text.length; index++) {
		if (text[index] === '\\') index++;
		else if (text[index] === '"') return index + 1;
	}

	return -1;
}

const VALUE = /^\s*:\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|"(?:[^"\\]|\\.)*")/;

/** The top-level "id" of the message that `head` begins, when it lies whole within it. */
export function idInHead(head: string): Id {
	let depth = 0;
	let index = 0;
	while (index < head.length) {
		const char = head[index]!;
		if (char === '"') {
			const end = stringEnd(head, index);
			if (end < 0) return null;
			const value = depth === 1 && head.slice(index, end) === '"id"' ? VALUE.exec(head.slice(end)) : null;
			if (value) return idOf({id: JSON.parse(value[1]!)});
			index = end;
			continue;
		}

		if (char === '{' || char === '[') depth++;
		else if (char === '}' || char === ']') depth--;
		index++;
	}

	return null;
}
