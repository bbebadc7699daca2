/** The `--help` text; the README's usage block is a copy of it (a test keeps them equal). */
export const HELP = `
  Explore how AI-assistant skills are used and how well they work, across your projects.
  Everything stays on this machine.

  Usage
    $ skillscope                          open the explorer (needs a terminal)
    $ skillscope <command> [options]

  Commands
    register <path> [--name N] [--type T]  add a project directory (again: rename, reactivate)
    unregister <path|name|id> [--purge]    deactivate a project; --purge deletes its rows too
    projects                               list registered projects
    collect [<path|name|id>...] [--force]  read what changed in all active projects, or those named
                                           (--force: read every file again)
    aggregate [--window W] [--force]       bring the rollups up to date (--force: recompute all)
    top [--window W] [--at DATE] [--since DATE] [--until DATE] [--project P]
        [--limit N] [--min-success R] [--sort FIELD[:asc|:desc]]
                                           most used skills in a time window
    skill <name> [--project P] [--since DATE] [--until DATE] [--window W]
                                           effectiveness of one skill; --window daily|weekly|monthly
                                           adds its trend and whether it is improving
    cousage [--skill NAME] [--min-sessions N] [--project P] [--since DATE] [--until DATE]
        [--limit N]                        skills used in the same sessions (lift; pairs seen in
                                           at least N sessions, default 3)
    next <name> [--project P] [--since DATE] [--until DATE] [--limit N]
                                           what usually comes after a skill in a session
    recommend [--project P]                what to fix first: low success, follow-ups, declining
                                           trends, skills unused for 30 days
    workflows [--project P] [--min-sessions N] [--limit N]
                                           most frequent skill sequences, and the fastest ones
    adoption [--window W] [--at DATE] [--project P]
                                           when each skill was first used; the new ones
    compare <name>                         one skill across projects
    summary [--project P]                  totals and the top 10
    health                                 database, schema, freshness, last collection
    export --format json|csv|parquet --output FILE [--what usage|aggregates]
        [--anonymize] [--force]            write invocations or rollups to a file; --anonymize:
                                           project ids for paths and names, no sessions, queries
                                           or error texts; --force overwrites FILE
    prune --older-than DATE [--yes]        delete invocations invoked before DATE, then
                                           recompute the rollups (asks first; --yes in scripts)
    mcp                                    serve the tools to AI assistants (MCP over stdio)

  Options
    --db PATH              database file (default ~/.claude/data/mahavishnu/skill_metrics.duckdb,
                           or $SKILLSCOPE_DB)
    --timezone IANA        zone of days, weeks and months (default: this machine's)
    --naive-timezone IANA  zone of timestamps written without one (default: this machine's)
    --json                 print JSON on stdout (rates 0-1, times ISO-8601 UTC)
    --no-color             no colours (also NO_COLOR=1)
    --debug                show stack traces
    --help, --version

  Values
    W       daily | weekly | monthly | all (default all)
    DATE    2026-11-24 | today | yesterday | 30d (30 days ago), in --timezone
    FIELD   total_invocations successful_completions failed_invocations pending_invocations
            success_rate avg_duration_ms avg_followup_actions last_used skill_name
    R       a fraction from 0 to 1, e.g. 0.8

  Exit codes
    0 ok   1 error   2 bad usage   3 done, but some sources could not be read

  Examples
    $ skillscope register ~/code/webapp --type web
    $ skillscope collect
    $ skillscope top --window weekly --limit 5
    $ skillscope skill code-review --json
`;
