import type {CollectTuning} from '../data/collect/tuning.js';
import {createContext, useContext} from 'react';
import type {Database} from '../data/store/database.js';
import type {WatchRequest} from '../data/watch/watch-refusal.js';

/** What the explorer needs from outside: the database and the zones, handed in once. */
export interface Services {
	database: Database;
	displayZone: string;
	naiveZone: string;
	now: () => Date;
	color: boolean;
	/** The Claude Code root whose transcripts are discovered and collected; undefined: transcripts off. */
	claudeRoot?: string;
	/** Live collection while the explorer is open, watching or polling; undefined: off until `l` (the tests, the bench). */
	live?: WatchRequest;
	/** The home folder, shown as `~` in paths and typed as `~` in a project's path (read at the edge). */
	home?: string;
	/** A collect's limits and threads, from the environment (the defaults when absent). */
	tuning?: CollectTuning;
}

export const ServicesContext = createContext<Services | undefined>(undefined);

export function useServices(): Services {
	const services = useContext(ServicesContext);
	if (!services) throw new Error('useServices outside <ServicesContext.Provider>');
	return services;
}
