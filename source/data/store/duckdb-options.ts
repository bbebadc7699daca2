/**
 * The options every DuckDB instance of ours is made with. By default DuckDB downloads and loads
 * an extension the moment a query names one (`read_csv('https://…')` fetches httpfs, `ST_Point`
 * spatial): skillscope must never touch the network, so only the extensions built into
 * @duckdb/node-api (core_functions, json, parquet, icu) can ever load. The repositories point at
 * a folder that does not exist, so even an explicit `INSTALL x` fails on the spot instead of
 * downloading (an `INSTALL x FROM core` names its URL itself: nothing of ours writes one).
 */
export const DUCKDB_OPTIONS: Readonly<Record<string, string>> = {
	autoinstall_known_extensions: 'false',
	autoload_known_extensions: 'false',
	custom_extension_repository: '/nonexistent/skillscope-offline',
	autoinstall_extension_repository: '/nonexistent/skillscope-offline',
};

/** The extensions the package carries inside itself, loaded without any file or download. */
export const BUILT_IN_EXTENSIONS = ['core_functions', 'icu', 'json', 'parquet'] as const;
