import process from 'node:process';
import type {Transport} from '@modelcontextprotocol/sdk/shared/transport.js';
import {ErrorCode, type JSONRPCMessage, JSONRPCMessageSchema} from '@modelcontextprotocol/sdk/types.js';
import {idInHead, idOf} from './request-id.js';

/** The largest message read: what the SDK's own stdio transport takes, far more than any tool's arguments. */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
/** How much of a message too large to read is kept to find its id. */
const HEAD_BYTES = 64 * 1024;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const LIMIT = `${MAX_MESSAGE_BYTES / 1024 / 1024} MB`;

/**
 * MCP over stdio, one JSON-RPC message a line, as the SDK's StdioServerTransport speaks it, but
 * never silent and never stopped by what a client sends: the SDK's closed the connection on a
 * line over 10 MB (the server then exited without a word) and answered nothing to a line that is
 * not JSON or not a JSON-RPC message. Each of those gets the JSON-RPC error the specification
 * names (-32700, -32600), with the message's id when it can be read, and a line in the log; a
 * line too large is counted past, never held in memory.
 */
export class LineTransport implements Transport {
	onclose?: () => void;
	onerror?: (error: Error) => void;
	onmessage?: (message: JSONRPCMessage) => void;

	private parts: Buffer[] = [];
	private length = 0;
	/** The line being counted past: its first bytes and its size so far. */
	private oversized?: {head: string; bytes: number};
	private lineNumber = 0;

	constructor(
		private readonly log: (line: string) => void,
		private readonly input: NodeJS.ReadableStream = process.stdin,
		private readonly output: NodeJS.WritableStream = process.stdout,
	) {}

	async start(): Promise<void> {
		this.input.on('data', this.read);
		this.input.on('error', this.failed);
	}

	async send(message: JSONRPCMessage): Promise<void> {
		if (!this.output.write(`${JSON.stringify(message)}\n`)) await new Promise(resolve => this.output.once('drain', resolve));
	}

	async close(): Promise<void> {
		this.input.off('data', this.read);
		this.input.off('error', this.failed);
		this.parts = [];
		this.onclose?.();
	}

	private readonly failed = (error: Error) => this.onerror?.(error);

	private readonly read = (chunk: Buffer | string) => {
		const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
		let start = 0;
		for (let end = bytes.indexOf(0x0A); end >= 0; end = bytes.indexOf(0x0A, start)) {
			this.take(bytes.subarray(start, end));
			this.lineEnded();
			start = end + 1;
		}

		this.take(bytes.subarray(start));
	};

	private take(part: Buffer): void {
		if (this.oversized) {
			this.oversized.bytes += part.length;
		} else if (this.length + part.length > MAX_MESSAGE_BYTES) {
			const head = Buffer.concat([...this.parts, part.subarray(0, HEAD_BYTES)]).subarray(0, HEAD_BYTES).toString('utf8');
			this.oversized = {head, bytes: this.length + part.length};
			this.parts = [];
			this.length = 0;
		} else if (part.length > 0) {
			this.parts.push(part);
			this.length += part.length;
		}
	}

	private lineEnded(): void {
		this.lineNumber++;
		const {oversized} = this;
		const line = Buffer.concat(this.parts).toString('utf8').replace(/\r$/, '');
		this.parts = [];
		this.length = 0;
		this.oversized = undefined;
		if (oversized) {
			this.refuse(idInHead(oversized.head), ErrorCode.InvalidRequest, `Invalid Request: a message of more than ${LIMIT} is not read`, `a message of ${megabytes(oversized.bytes)}, over ${LIMIT}`);
		} else if (line.trim() !== '') {
			this.parse(line);
		}
	}

	private parse(line: string): void {
		let value: unknown;
		try {
			value = JSON.parse(line);
		} catch (error) {
			const why = (error as Error).message;
			this.refuse(null, ErrorCode.ParseError, `Parse error: ${why}`, `not JSON (${why})`);
			return;
		}

		const message = JSONRPCMessageSchema.safeParse(value);
		if (message.success) this.onmessage?.(message.data);
		else this.refuse(idOf(value), ErrorCode.InvalidRequest, 'Invalid Request: not a JSON-RPC 2.0 request, notification or response', 'not a JSON-RPC message');
	}

	private refuse(id: string | number | null, code: number, message: string, logged: string): void {
		this.log(`line ${this.lineNumber}: ${logged}; answered ${code}`);
		// JSON-RPC answers with a null id when the message's could not be read.
		void this.send({jsonrpc: '2.0', id, error: {code, message}} as unknown as JSONRPCMessage).catch((error: unknown) => this.onerror?.(error as Error));
	}
}
