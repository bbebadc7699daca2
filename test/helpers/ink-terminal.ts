import {EventEmitter} from 'node:events';
import {render} from 'ink';
import type {ReactElement} from 'react';

/**
 * ink-testing-library's terminal, with a size: its stdout is always 100 columns and has no
 * rows, and the explorer lays itself out by both. Frames are kept, so that a test can tell a
 * settled screen from one still drawing.
 */
class Stdout extends EventEmitter {
	frames: string[] = [];
	constructor(readonly columns: number, readonly rows: number) {
		super();
	}

	write = (frame: string) => {
		this.frames.push(frame);
		return true;
	};
}

class Stdin extends EventEmitter {
	isTTY = true;
	private data: string | null = null;
	write = (data: string) => {
		this.data = data;
		this.emit('readable');
		this.emit('data', data);
	};

	read = () => {
		const {data} = this;
		this.data = null;
		return data;
	};

	setEncoding() {}
	setRawMode() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
}

export interface Terminal {
	lastFrame: () => string;
	frameCount: () => number;
	/** Every frame drawn since `from` (a frameCount taken before). */
	framesSince: (from: number) => string[];
	write: (data: string) => void;
	unmount: () => void;
}

export function renderInTerminal(tree: ReactElement, size: {columns: number; rows: number}): Terminal {
	const stdout = new Stdout(size.columns, size.rows);
	const stdin = new Stdin();
	const instance = render(tree, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: new Stdout(size.columns, size.rows) as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	return {
		lastFrame: () => stdout.frames.at(-1) ?? '',
		frameCount: () => stdout.frames.length,
		framesSince: from => stdout.frames.slice(from),
		write: data => stdin.write(data),
		unmount: () => instance.unmount(),
	};
}

const turn = () => new Promise(resolve => setImmediate(resolve));

/**
 * Until the app is idle: no new frame over a few turns of the event loop (React commits, then
 * effects run, then a table drawn on the next turn lands). Never a fixed sleep.
 */
export async function settle(terminal: Terminal): Promise<void> {
	let seen = terminal.frameCount();
	const deadline = Date.now() + 5000;
	for (let quiet = 0; quiet < 3; ) {
		// A screen that redraws on its own (a collect's clocks) still leaves quiet turns between frames.
		if (Date.now() > deadline) throw new Error(`the explorer never stopped drawing; last frame:\n${terminal.lastFrame()}`);
		await turn();
		const now = terminal.frameCount();
		quiet = now === seen ? quiet + 1 : 0;
		seen = now;
	}
}
