#!/bin/sh
# The skillscope CLI the user installed (npm install -g skillscope), run for the plugin's MCP
# server. The plugin carries no copy of skillscope and downloads nothing: Claude Code copies only
# this folder into its plugin cache, so the repository's dist/ is not beside it. SKILLSCOPE_BIN
# names another one: a command, or a path (a clone's dist/cli.js is run with node).
bin=${SKILLSCOPE_BIN:-skillscope}
case $bin in
*.js) [ -f "$bin" ] && exec node "$bin" "$@" ;;
*) command -v "$bin" >/dev/null 2>&1 && exec "$bin" "$@" ;;
esac
echo "skillscope: $bin was not found: install it with npm install -g skillscope, or set SKILLSCOPE_BIN" >&2
exit 127
