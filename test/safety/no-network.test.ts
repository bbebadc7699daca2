import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {readdir, readFile} from 'node:fs/promises';
import {join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';

/*
 * skillscope never talks to the network but to the team server a user names (issue 24): no
 * module of ours imports a networking module or calls fetch, and the PostgreSQL driver (pg) is
 * imported by data/team/ only, which only `skillscope team` loads (test/architecture/layers.test.ts
 * holds that, test/cli/startup-modules.test.ts that no other command loads pg). The MCP server
 * (source/mcp) speaks over stdio only, so it must not use the SDK's HTTP or SSE transports either.
 */
const SOURCE = fileURLToPath(new URL('../../source/', import.meta.url));

const NETWORK_MODULES = ['http', 'https', 'net', 'dgram', 'tls', 'http2', 'undici', 'pg', 'pg-copy-streams'];
/** The team server's room: it connects to the URL the user configured, and nothing else does. */
const TEAM_ROOM = join('data', 'team');
const moduleName = String.raw`['"](?:node:)?(${NETWORK_MODULES.join('|')})(?:/[^'"]*)?['"]`;
const IMPORTS = [
	new RegExp(String.raw`\bfrom\s*${moduleName}`, 'g'),
	new RegExp(String.raw`\bimport\s*${moduleName}`, 'g'),
	new RegExp(String.raw`\bimport\s*\(\s*${moduleName}`, 'g'),
	new RegExp(String.raw`\brequire\s*\(\s*${moduleName}`, 'g'),
];
const NETWORK_TRANSPORTS = /['"]@modelcontextprotocol\/sdk\/(?:server|client)\/(?:sse|streamableHttp|websocket)(?:\.js)?['"]/g;
const FETCH = /(?<![\w.$])fetch\s*\(|\bglobalThis\.fetch\b|\bnew\s+WebSocket\b|\bXMLHttpRequest\b/g;

async function sourceFiles(directory: string): Promise<string[]> {
	const entries = await readdir(directory, {withFileTypes: true});
	const files = await Promise.all(entries.map(async entry => {
		const path = join(directory, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return /\.(?:ts|tsx|js|mjs|cjs)$/.test(entry.name) ? [path] : [];
	}));
	return files.flat();
}

/** The code without comments, so that a comment mentioning fetch( is not a finding. */
function withoutComments(text: string): string {
	return text.replaceAll(/\/\*[\s\S]*?\*\//g, '').replaceAll(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

export function networkUses(text: string): string[] {
	const code = withoutComments(text);
	return [...IMPORTS, NETWORK_TRANSPORTS, FETCH].flatMap(pattern => [...code.matchAll(pattern)].map(match => match[0]));
}

test('the scanner finds every form it looks for', () => {
	const bad = [
		`import http from 'http';`,
		`import {request} from "node:https";`,
		`import * as net from 'node:net';`,
		`import 'node:dgram';`,
		`const tls = await import('tls');`,
		`const h2 = require('node:http2');`,
		`await fetch('https://example.com');`,
		`import {SSEServerTransport} from '@modelcontextprotocol/sdk/server/sse.js';`,
		`import pg from 'pg';`,
		`import {from} from 'pg-copy-streams';`,
	];
	for (const line of bad) assert.notDeepEqual(networkUses(line), [], line);
	const fine = [`import {readFile} from 'node:fs/promises';`, `// fetch(this) is a comment`, `const prefetch = 1; prefetcher(2);`, `import x from './http-like.js';`, `object.fetch(1)`];
	for (const line of fine) assert.deepEqual(networkUses(line), [], line);
});

test('no module under source/ imports a networking module or calls fetch; data/team/ only the PostgreSQL driver', async () => {
	const files = await sourceFiles(SOURCE);
	const team = files.filter(file => relative(SOURCE, file).startsWith(`${TEAM_ROOM}/`));
	assert.ok(team.some(file => networkUses(readFileSync(file, 'utf8')).includes(`from 'pg'`)), 'the scanner sees the team room import pg');
	assert.ok(files.length > 20, `found only ${files.length} source files`);
	const findings: string[] = [];
	for (const file of files) {
		const allowed = team.includes(file) ? /['"]pg(-copy-streams)?['"]/ : undefined;
		for (const use of networkUses(await readFile(file, 'utf8'))) if (!allowed?.test(use)) findings.push(`${relative(SOURCE, file)}: ${use}`);
	}

	assert.deepEqual(findings, []);
});
