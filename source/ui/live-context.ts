import {createContext, useContext} from 'react';

/** What a screen may ask of live collection: whether it runs, and to collect now (a project was just registered). */
export interface LiveControl {
	enabled: boolean;
	collectNow: () => void;
}

export const LiveContext = createContext<LiveControl>({enabled: false, collectNow() {}});

export function useLiveControl(): LiveControl {
	return useContext(LiveContext);
}
