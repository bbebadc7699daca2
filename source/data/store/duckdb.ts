import {createRequire} from 'node:module';

/*
 * The DuckDB binding, loaded with require: it is CommonJS, and an ESM `import` of it makes Node
 * scan every file of its lib/ for export names (cjs-module-lexer) first, which took 150-200 ms of
 * a start-up where require takes 55-85 ms. Every module takes DuckDB from here.
 */
type Binding = typeof import('@duckdb/node-api');

const binding = createRequire(import.meta.url)('@duckdb/node-api') as Binding;

export const {DuckDBInstance, listValue} = binding;
export type DuckDBInstance = import('@duckdb/node-api').DuckDBInstance;
export type {DuckDBConnection, DuckDBValue} from '@duckdb/node-api';
