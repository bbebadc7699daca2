import {mkdir, open, type FileHandle} from 'node:fs/promises';
import path from 'node:path';
import type {LineSink} from './session-envelope.js';

/** Lines buffered up to 1 MB, then written: a file of any size never sits in memory whole. */
export class FileSink implements LineSink {
	lines = 0;
	private parts: string[] = [];
	private size = 0;
	private constructor(private readonly handle: FileHandle) {}

	static async create(file: string, flags = 'w'): Promise<FileSink> {
		await mkdir(path.dirname(file), {recursive: true});
		return new FileSink(await open(file, flags));
	}

	push(line: string): void {
		this.parts.push(line, '\n');
		this.lines += 1;
		this.size += line.length + 1;
	}

	async flushIfFull(): Promise<void> {
		if (this.size >= 2 ** 20) await this.flush();
	}

	async flush(): Promise<void> {
		if (this.parts.length === 0) return;
		const chunk = this.parts.join('');
		this.parts = [];
		this.size = 0;
		await this.handle.write(chunk);
	}

	async close(): Promise<void> {
		await this.flush();
		await this.handle.close();
	}
}
