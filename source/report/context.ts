import type {Database} from '../data/database.js';

/** What every one-shot command gets: the open database and how to present its answer. */
export interface CommandContext {
	database: Database;
	displayZone: string;
	naiveZone: string;
	now: Date;
	json: boolean;
	/** Where progress and warnings go: never stdout, which carries data only. */
	warn: (line: string) => void;
}

export interface CommandResult {
	/** The JSON document (`--json`), and what the text form is drawn from. */
	data: unknown;
	/** The text form, drawn only when asked for: drawing tables loads ink, which --json never needs. */
	text: () => Promise<string>;
	exitCode: 0 | 3;
}
