#!/bin/sh
# The plugin's SessionEnd hook. Claude Code pipes the session's JSON (session_id, transcript_path,
# cwd, reason) to stdin and gives a SessionEnd hook little time, less than a collect takes. So
# this hands stdin to `skillscope hook session-end` in the background (in a session of its own
# where setsid exists: closing the terminal does not end it) and returns at once. It prints
# nothing and exits 0 whatever happens. skillscope writes what it could not collect to the log
# beside its database (<database>.hook.log, shown by `skillscope health`); this script writes
# that log itself only when skillscope cannot be found. SKILLSCOPE_HOOK=off turns it off.
[ "${SKILLSCOPE_HOOK:-on}" = off ] && exit 0

bin=${SKILLSCOPE_BIN:-skillscope}
case $bin in
*.js) [ -f "$bin" ] && set -- node "$bin" ;;
*) command -v "$bin" >/dev/null 2>&1 && set -- "$bin" ;;
esac

if [ $# -eq 0 ]; then
	# The database skillscope would open when no config file names another (its default, or SKILLSCOPE_DB).
	db=${SKILLSCOPE_DB:-${HOME:-~}/.claude/data/mahavishnu/skill_metrics.duckdb}
	[ "$db" = ":memory:" ] && exit 0
	{ mkdir -p "$(dirname "$db")" && printf '%s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "skillscope was not found ($bin): the session was not collected; install it with npm install -g skillscope, or set SKILLSCOPE_BIN" >>"$db.hook.log"; } 2>/dev/null
	exit 0
fi

# A background command's stdin is /dev/null unless given: fd 3 keeps Claude Code's pipe for it.
# A session of its own, so that Claude Code ending the hook's process group as it exits does not
# end the collect: setsid (Linux), else perl's (macOS has perl, not setsid); skillscope then
# detaches again in any case.
exec 3<&0
if command -v setsid >/dev/null 2>&1; then
	setsid "$@" hook session-end <&3 >/dev/null 2>&1 3<&- &
elif command -v perl >/dev/null 2>&1; then
	perl -MPOSIX -e 'POSIX::setsid(); exec @ARGV or exit 127' "$@" hook session-end <&3 >/dev/null 2>&1 3<&- &
else
	"$@" hook session-end <&3 >/dev/null 2>&1 3<&- &
fi
exit 0
