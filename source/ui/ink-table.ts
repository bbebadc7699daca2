import {createRequire, Module} from 'node:module';
import * as ink from 'ink';
import type {ComponentType} from 'react';

/**
 * ink-table 3.1 is CommonJS and `require`s ink, which is ESM with top-level await: Node cannot
 * require it. Handing `require` the ink module we already imported lets ink-table load, and keeps
 * one ink (one renderer, one set of contexts) in the process.
 */
const require = createRequire(import.meta.url);
const tableEntry = require.resolve('ink-table');
const inkEntry = createRequire(tableEntry).resolve('ink');
if (!require.cache[inkEntry]) {
	const shim = new Module(inkEntry);
	shim.filename = inkEntry;
	shim.loaded = true;
	shim.exports = ink;
	require.cache[inkEntry] = shim;
}

type Scalar = string | number | boolean | null | undefined;
export interface TableProps {
	data: Array<Record<string, Scalar>>;
	columns?: string[];
	padding?: number;
}

const tableModule = require('ink-table') as {default: ComponentType<TableProps>};
export const Table = tableModule.default;
