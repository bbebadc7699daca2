// Imported first by the CLI, before any library reads the environment.
// chalk honours FORCE_COLOR and --no-color but not NO_COLOR (https://no-color.org).
if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') process.env.FORCE_COLOR = '0';
// React's development build checks every render and is several times slower: a user runs the
// production one unless they asked otherwise.
process.env.NODE_ENV ??= 'production';
export {};
