import {formatCount, formatPercent} from './format.js';

/**
 * A skill's exposure as the reports say it (issue 21): what the model was offered against what it
 * picked, over the sessions that recorded a listing. The figures' shape, without the data layer.
 */
export interface ExposureFigures {
	sessions_with_listings: number;
	sessions_listed: number;
	sessions_model_invoked: number;
	trigger_rate: number | null;
	sessions_user_typed: number;
	sessions_description_cut: number;
}

const sessions = (count: number) => `${formatCount(count)} session${count === 1 ? '' : 's'}`;

/**
 * One sentence: "listed in 212 sessions, picked by the model in 9 (4.2%), typed by you in 31; its
 * description was cut in 180". A scope whose sessions recorded no listing says so, never "0 %":
 * Claude Code before about 2.1.100 wrote none, and nothing is known of what it offered.
 */
export function exposureSentence(figures: ExposureFigures): string {
	if (figures.sessions_with_listings === 0) return 'no listing recorded (Claude Code before 2.1.100 does not record what it offers the model)';
	const typed = figures.sessions_user_typed > 0 ? `, typed by you in ${formatCount(figures.sessions_user_typed)}` : '';
	// Other sessions (without a listing) may have offered it: say only what the listings say.
	if (figures.sessions_listed === 0) return `not listed in any of the ${sessions(figures.sessions_with_listings)} that recorded a listing${typed}`;
	const cut = figures.sessions_description_cut === 0 ? 'its description was never cut' : `its description was cut in ${formatCount(figures.sessions_description_cut)}`;
	return `listed in ${sessions(figures.sessions_listed)}, picked by the model in ${formatCount(figures.sessions_model_invoked)} (${formatPercent(figures.trigger_rate)})${typed}; ${cut}`;
}

/** What the rates rest on: nothing when no session recorded a listing. */
export function exposureBasis(figures: ExposureFigures): string | null {
	if (figures.sessions_with_listings === 0 || figures.sessions_listed === 0) return null;
	return `rates over ${sessions(figures.sessions_with_listings)} that recorded a listing`;
}

/** The latest sessions that recorded a listing and what was cut there (the inventory's budget view). */
export interface RecentListings {
	sessions_with_listings: number;
	recent_sessions: number;
	recent_sessions_cut: number;
	descriptions_cut: number;
}

/** "12 descriptions cut, in 18 of the last 20 sessions' listings": the budget as the model met it. */
export function recentListingsSentence(listings: RecentListings): string {
	if (listings.sessions_with_listings === 0) return 'no listing recorded (Claude Code before 2.1.100 does not record what it offers the model)';
	const last = listings.recent_sessions === 1 ? 'the one session\'s listing' : `the last ${formatCount(listings.recent_sessions)} sessions' listings`;
	if (listings.descriptions_cut === 0) return `no description cut in ${last}`;
	const descriptions = `${formatCount(listings.descriptions_cut)} description${listings.descriptions_cut === 1 ? '' : 's'} cut`;
	return `${descriptions}, in ${formatCount(listings.recent_sessions_cut)} of ${last}`;
}
