import {UsageError} from '../../errors.js';

/**
 * What a team command needs from the edge (main.ts, from environment.ts and the config file):
 * nothing of data/team reads the environment itself.
 */
export interface TeamSettings {
	/** SKILLSCOPE_TEAM_URL, else `team.url` of the config file. */
	url?: string;
	/** The variables a login may come from (PGUSER, PGPASSWORD, PGPASSFILE, USER, LOGNAME). */
	variables: Readonly<Record<string, string | undefined>>;
	home: string;
	/** Where a push or pull keeps its transfer files while it runs (the system's temp folder). */
	tmpdir: string;
	/** This skillscope's version, written beside each server schema version it applies. */
	clientVersion: string;
}

export function requireTeamUrl(settings: TeamSettings | undefined): string {
	if (!settings?.url) {
		throw new UsageError('no team server: set SKILLSCOPE_TEAM_URL, or "team": {"url": "postgres://user@host/db"} in the config file (see README, Teams)');
	}

	return settings.url;
}
