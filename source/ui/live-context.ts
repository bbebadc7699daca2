import {createContext, useContext} from 'react';

/** What a screen may ask of live collection: to collect now (a project was just registered); false when live is off. */
export interface LiveControl {
	enabled: boolean;
	collectNow: () => boolean;
}

export const LiveContext = createContext<LiveControl>({enabled: false, collectNow: () => false});

export function useLiveControl(): LiveControl {
	return useContext(LiveContext);
}
