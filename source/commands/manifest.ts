// Generated from registry.ts by `npm run manifest` (scripts/command-manifest.ts): do not edit.
// test/cli/manifest.test.ts fails when it no longer matches the registry.
import type {ManifestEntry} from './command.js';

/** `skillscope --help`, as printed. */
export const HELP = `
  Explore how AI-assistant skills are used and how well they work, across your projects.
  Everything stays on this machine.

  Usage
    $ skillscope                          open the explorer (needs a terminal)
    $ skillscope <command> [options]

  Commands
    register <path> [--name N] [--type T] | register --discovered
                                           add a project directory (again: rename, reactivate);
                                           --discovered: every project found in Claude Code
                                           transcripts that is not registered yet (those once
                                           unregistered stay so; missing directories too)
    unregister <path|name|id> [--purge]    deactivate a project; --purge deletes its rows too
    projects                               list registered projects
    discover                               the projects found in Claude Code transcripts (launch
                                           directories), registered or not
    collect [<path|name|id>...] [--force] [--watch] [--quiet]
                                           read what changed in all active projects, or those named
                                           (a directory inside one names it) (--force: read every
                                           file again; --watch: keep collecting as files change, a
                                           line per change, until Ctrl+C; --quiet: print nothing
                                           unless a source fails)
    aggregate [--window W] [--force]       bring the rollups up to date (--force: recompute all)
    top [--window W] [--at DATE] [--since DATE] [--until DATE] [--project P]
        [--machine M] [--limit N] [--min-success R] [--sort FIELD[:asc|:desc]]
        [--trigger T] [--source S]         most used skills in a time window
    skill <name> [--project P] [--machine M] [--since DATE] [--until DATE]
        [--window W]                       effectiveness of one skill; --window daily|weekly|monthly
                                           adds its trend and whether it is improving
    versions <name> [--project P] [--machine M] [--since DATE] [--until DATE]
        [--diff A B]                       the texts a skill was given (its versions) and their
                                           clean rates: did an edit make it better or worse; --diff
                                           A B: what changed (v1, v2, … or a fingerprint prefix)
    cousage [--skill NAME] [--min-sessions N] [--project P] [--machine M]
        [--since DATE] [--until DATE] [--limit N]
                                           skills used in the same sessions (lift; pairs seen in at
                                           least N sessions, default 3)
    next <name> [--project P] [--machine M] [--since DATE] [--until DATE]
        [--limit N]                        what usually comes after a skill in a session
    recommend [--project P] [--machine M]  what to fix first: low success, follow-ups, declining
                                           trends, a worse version, interruptions, skills unused for
                                           30 days, skills the model rarely picks when listed,
                                           descriptions cut from the listing
    skills [--state STATE] [--scope SCOPE] [--project P]
                                           the installed skills and commands (user, plugin, project)
                                           with their uses, what the model was offered (sessions
                                           listed, picked by the model, typed, description cut),
                                           state (active, stale: unused for 30 days, never-picked:
                                           listed but only typed, never-used) and problems; skills
                                           invoked but not installed; what their descriptions cost
                                           each session, and what the recorded listings cut
    workflows [--project P] [--machine M] [--min-sessions N] [--limit N]
                                           most frequent skill sequences, and the fastest ones
    adoption [--window W] [--at DATE] [--project P] [--machine M]
                                           when each skill was first used; the new ones
    compare <name> [--machine M]           one skill across projects
    summary [--project P] [--machine M]    totals and the top 10
    health                                 database, schema, freshness, last collection, transcripts
                                           near Claude Code's cleanup, the plugin hook's last
                                           collect
    export --format json|csv|parquet --output FILE [--what usage|aggregates]
        [--machine M] [--anonymize] [--force]
                                           write invocations or rollups to a file; --anonymize:
                                           project ids for paths and names, no sessions, queries or
                                           error texts; --force overwrites FILE
    prune --older-than DATE [--yes]        delete invocations invoked before DATE, then recompute
                                           the rollups (asks first; --yes in scripts)
    machines [--name N] [--new-id]         list the machines whose invocations this database holds
                                           (this one, and those pulled from a lake); --name names
                                           this one (default: the host name); --new-id gives this
                                           database an id of its own (a database copied from another
                                           machine, whose pushes are refused)
    lake push|pull <DIR> [--anonymize] [--mirror]
                                           push: write this machine's invocations to
                                           DIR/machine=<id>/ as Parquet (replacing its last push);
                                           pull: read every other machine's folder of DIR into this
                                           database
    sync <DIR> [--anonymize] [--mirror]    lake push then lake pull: this machine's invocations into
                                           DIR, every other machine's into this database
    team push|pull|status|top [--anonymize] [--since DATE] [--until DATE]
        [--project P] [--machine M] [--window W] [--limit N]
                                           the team's PostgreSQL server (team.url or
                                           $SKILLSCOPE_TEAM_URL): push: this machine's invocations
                                           to it; pull: the other machines' new ones into this
                                           database (--since, --project, --machine narrow it);
                                           status: its machines, last pushes and rows; top: the
                                           leaderboard computed on the server, in UTC days
    hook session-end [--cwd DIR] [--session ID]
                                           what the Claude Code plugin runs when a session ends:
                                           reads the hook's JSON on stdin and collects the session's
                                           project in the background (collect --quiet DIR); prints
                                           nothing, exits 0; what it could not collect goes to
                                           <database>.hook.log (health shows it). --cwd: collect
                                           DIR's project now, as the background does
    mcp                                    serve the tools to AI assistants (MCP over stdio)

  Options
    --db PATH              database file (default ~/.claude/data/mahavishnu/skill_metrics.duckdb,
                           or $SKILLSCOPE_DB)
    --timezone IANA        zone of days, weeks and months (default: this machine's)
    --naive-timezone IANA  zone of timestamps written without one (default: this machine's)
    --claude-dir DIR       Claude Code's root, whose transcripts are read (default $CLAUDE_CONFIG_DIR,
                           or ~/.claude)
    --json                 print JSON on stdout (rates 0-1, times ISO-8601 UTC)
    --no-color             no colours (also NO_COLOR=1)
    --debug                show stack traces
    --help, --version

  Values
    W       daily | weekly | monthly | all (default all)
    DATE    2026-11-24 | today | yesterday | 30d (30 days ago), in --timezone
    FIELD   total_invocations successful_completions failed_invocations pending_invocations
            success_rate avg_duration_ms avg_followup_actions clean_rate last_used skill_name
    R       a fraction from 0 to 1, e.g. 0.8
    T       model | user | subagent | unknown (who triggered a skill; trackers record none)
    S       claude-code | session-buddy | crackerjack

  Exit codes
    0 ok   1 error   2 bad usage   3 done, but some sources could not be read

  Examples
    $ skillscope discover
    $ skillscope register --discovered
    $ skillscope register ~/code/webapp --type web
    $ skillscope collect
    $ skillscope top --window weekly --limit 5
    $ skillscope skill code-review --json
`;

/** Every command of the registry, in its order: what the command line checks before loading one. */
export const COMMAND_MANIFEST: readonly ManifestEntry[] = [
	{"name":"register","usage":"register <path> [--name N] [--type T] | register --discovered","flags":{"name":"string","type":"string","discovered":"boolean"},"report":true,"module":"register.js","exportName":"register","positionals":[{"key":"path","label":"<path>","optional":true}]},
	{"name":"unregister","usage":"unregister <path|name|id> [--purge]","flags":{"purge":"boolean"},"report":true,"module":"unregister.js","exportName":"unregister","positionals":[{"key":"project","label":"<path|name|id>"}]},
	{"name":"projects","usage":"projects","flags":{},"report":true,"module":"projects.js","exportName":"projects"},
	{"name":"discover","usage":"discover","flags":{},"report":true,"module":"discover.js","exportName":"discover"},
	{"name":"collect","usage":"collect [<path|name|id>...] [--force] [--watch] [--quiet]","flags":{"force":"boolean","watch":"boolean","quiet":"boolean"},"report":true,"module":"collect.js","exportName":"collect","positionals":[{"key":"projects","label":"<path|name|id>","optional":true,"variadic":true}]},
	{"name":"aggregate","usage":"aggregate [--window W] [--force]","flags":{"window":"string","force":"boolean"},"report":true,"module":"aggregate.js","exportName":"aggregate"},
	{"name":"top","usage":"top [--window W] [--at DATE] [--since DATE] [--until DATE] [--project P] [--machine M] [--limit N] [--min-success R] [--sort FIELD[:asc|:desc]] [--trigger T] [--source S]","flags":{"window":"string","at":"string","since":"string","until":"string","project":"string","machine":"string","limit":"string","minSuccess":"string","sort":"string","trigger":"string","source":"string"},"report":true,"module":"top.js","exportName":"top"},
	{"name":"skill","usage":"skill <name> [--project P] [--machine M] [--since DATE] [--until DATE] [--window W]","flags":{"project":"string","machine":"string","since":"string","until":"string","window":"string"},"report":true,"module":"skill.js","exportName":"skill","positionals":[{"key":"skill","label":"<name>"}]},
	{"name":"versions","usage":"versions <name> [--project P] [--machine M] [--since DATE] [--until DATE] [--diff A B]","flags":{"project":"string","machine":"string","since":"string","until":"string","diff":"string"},"report":true,"module":"versions.js","exportName":"versions","positionals":[{"key":"skill","label":"<name>"},{"key":"to","label":"B","optional":true}]},
	{"name":"cousage","usage":"cousage [--skill NAME] [--min-sessions N] [--project P] [--machine M] [--since DATE] [--until DATE] [--limit N]","flags":{"skill":"string","minSessions":"string","project":"string","machine":"string","since":"string","until":"string","limit":"string"},"report":true,"module":"cousage.js","exportName":"cousage"},
	{"name":"next","usage":"next <name> [--project P] [--machine M] [--since DATE] [--until DATE] [--limit N]","flags":{"project":"string","machine":"string","since":"string","until":"string","limit":"string"},"report":true,"module":"next.js","exportName":"next","positionals":[{"key":"skill","label":"<name>"}]},
	{"name":"recommend","usage":"recommend [--project P] [--machine M]","flags":{"project":"string","machine":"string"},"report":true,"module":"recommend.js","exportName":"recommend"},
	{"name":"skills","usage":"skills [--state STATE] [--scope SCOPE] [--project P]","flags":{"state":"string","scope":"string","project":"string"},"report":true,"module":"skills.js","exportName":"skills"},
	{"name":"workflows","usage":"workflows [--project P] [--machine M] [--min-sessions N] [--limit N]","flags":{"project":"string","machine":"string","minSessions":"string","limit":"string"},"report":true,"module":"workflows.js","exportName":"workflows"},
	{"name":"adoption","usage":"adoption [--window W] [--at DATE] [--project P] [--machine M]","flags":{"window":"string","at":"string","project":"string","machine":"string"},"report":true,"module":"adoption.js","exportName":"adoption"},
	{"name":"compare","usage":"compare <name> [--machine M]","flags":{"machine":"string"},"report":true,"module":"compare.js","exportName":"compare","positionals":[{"key":"skill","label":"<name>"}]},
	{"name":"summary","usage":"summary [--project P] [--machine M]","flags":{"project":"string","machine":"string"},"report":true,"module":"summary.js","exportName":"summary"},
	{"name":"health","usage":"health","flags":{},"report":true,"module":"health.js","exportName":"health"},
	{"name":"export","usage":"export --format json|csv|parquet --output FILE [--what usage|aggregates] [--machine M] [--anonymize] [--force]","flags":{"format":"string","output":"string","what":"string","anonymize":"boolean","force":"boolean","machine":"string"},"report":true,"module":"export.js","exportName":"exportCommand"},
	{"name":"prune","usage":"prune --older-than DATE [--yes]","flags":{"olderThan":"string","yes":"boolean"},"report":true,"module":"prune.js","exportName":"prune"},
	{"name":"machines","usage":"machines [--name N] [--new-id]","flags":{"name":"string","newId":"boolean"},"report":true,"module":"machines.js","exportName":"machines"},
	{"name":"lake","usage":"lake push|pull <DIR> [--anonymize] [--mirror]","flags":{"anonymize":"boolean","mirror":"boolean"},"report":true,"module":"lake.js","exportName":"lake","positionals":[{"key":"action","label":"push|pull"},{"key":"dir","label":"<DIR>"}]},
	{"name":"sync","usage":"sync <DIR> [--anonymize] [--mirror]","flags":{"anonymize":"boolean","mirror":"boolean"},"report":true,"module":"sync.js","exportName":"sync","positionals":[{"key":"dir","label":"<DIR>"}]},
	{"name":"team","usage":"team push|pull|status|top [--anonymize] [--since DATE] [--until DATE] [--project P] [--machine M] [--window W] [--limit N]","flags":{"anonymize":"boolean","since":"string","until":"string","project":"string","machine":"string","window":"string","limit":"string"},"report":true,"module":"team.js","exportName":"team","positionals":[{"key":"action","label":"push|pull|status|top"}]},
	{"name":"hook","usage":"hook session-end [--cwd DIR] [--session ID]","flags":{"cwd":"string","session":"string"},"report":false,"module":"hook.js","exportName":"hook","positionals":[{"key":"event","label":"session-end"}]},
	{"name":"mcp","usage":"mcp","flags":{},"report":false,"module":"mcp.js","exportName":"mcp"},
];
