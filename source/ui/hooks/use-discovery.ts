import {useRef} from 'react';
import {discoverProjects} from '../../data/transcripts/discovery.js';
import {useServices} from '../services.js';
import {useAsync} from './use-async.js';

/**
 * The launch directories found in the Claude Code transcripts (none without a root). Discovery
 * reads every transcript: it runs only once the Projects screen is shown, and again only when it
 * is shown after the data changed, never behind another screen.
 */
export function useDiscovery(shown: boolean, version: number) {
	const {database, claudeRoot, tuning} = useServices();
	const seen = useRef<number | undefined>(undefined);
	if (shown) seen.current = version;
	return useAsync(
		async () => (claudeRoot === undefined || seen.current === undefined ? undefined : discoverProjects(database, claudeRoot, tuning?.limits)),
		[database, claudeRoot, seen.current],
	);
}
