/*
 * The demo's crowded corner (issue 27), as data: make-demo-transcripts.ts writes it after every
 * other session, from a PRNG of its own, so that the first 95 sessions stay byte for byte and no
 * skill of theirs gains a use. What a new user should see in it:
 *
 *   Three projects named shop: the story's /home/demo/code/shop, a second checkout on the desktop
 *   (/home/demo/Desktop/workSpace/shop) and a client's (/home/demo/clients/acme/shop). Only their
 *   folders tell them apart: shop (code), shop (workSpace), shop (acme).
 *   A project with a long name deep in a long path
 *   (/home/demo/Documents/work/platform-team/services/payments-reconciliation-service).
 *   The project-reader plugin, whose skills share a long prefix: project-reader:diagnose,
 *   project-reader:read and project-reader:cpp, a few uses each, in all three new projects; the
 *   skill part is what tells them apart when a column is narrow.
 */

/** The new launch directories: none inside another, none inside the story's. */
export const CROWDED_LAUNCHES = {
	workSpace: '/home/demo/Desktop/workSpace/shop',
	acme: '/home/demo/clients/acme/shop',
	payments: '/home/demo/Documents/work/platform-team/services/payments-reconciliation-service',
} as const;

export const PROJECT_READER = ['project-reader:diagnose', 'project-reader:read', 'project-reader:cpp'] as const;

export type CrowdedSkill = (typeof PROJECT_READER)[number];

export interface CrowdedSession {
	cwd: string;
	daysAgo: number;
	/** One turn each: its prompt and the skill the model loads in it (none for a plain turn). */
	turns: Array<{prompt: string; skill?: CrowdedSkill}>;
}

const [DIAGNOSE, READ, CPP] = PROJECT_READER;

/** Twelve sessions over the last three weeks: read 9 uses, diagnose 7, cpp 5. */
export const CROWDED_SESSIONS: CrowdedSession[] = [
	{cwd: CROWDED_LAUNCHES.workSpace, daysAgo: 20, turns: [{prompt: 'read the checkout module and tell me how it fits together', skill: READ}, {prompt: 'why does the cart total go negative?', skill: DIAGNOSE}]},
	{cwd: CROWDED_LAUNCHES.acme, daysAgo: 18, turns: [{prompt: 'read this repo, it is new to me', skill: READ}, {prompt: 'what does the native price engine do?', skill: CPP}]},
	{cwd: CROWDED_LAUNCHES.payments, daysAgo: 17, turns: [{prompt: 'read the reconciliation job', skill: READ}, {prompt: 'the nightly run fails on refunds, diagnose it', skill: DIAGNOSE}, {prompt: 'write the fix'}]},
	{cwd: CROWDED_LAUNCHES.workSpace, daysAgo: 15, turns: [{prompt: 'the coupon test fails on this checkout only', skill: DIAGNOSE}, {prompt: 'fix it'}]},
	{cwd: CROWDED_LAUNCHES.acme, daysAgo: 13, turns: [{prompt: 'the price engine segfaults on an empty basket', skill: CPP}, {prompt: 'diagnose the crash', skill: DIAGNOSE}]},
	{cwd: CROWDED_LAUNCHES.payments, daysAgo: 11, turns: [{prompt: 'read the settlement importer', skill: READ}]},
	{cwd: CROWDED_LAUNCHES.acme, daysAgo: 9, turns: [{prompt: 'read the acme theme overrides', skill: READ}, {prompt: 'review the allocator in price_engine.cpp', skill: CPP}]},
	{cwd: CROWDED_LAUNCHES.workSpace, daysAgo: 7, turns: [{prompt: 'read the payment adapters', skill: READ}, {prompt: 'update the README'}]},
	{cwd: CROWDED_LAUNCHES.payments, daysAgo: 5, turns: [{prompt: 'amounts are off by a cent, diagnose it', skill: DIAGNOSE}, {prompt: 'read the rounding helpers', skill: READ}]},
	{cwd: CROWDED_LAUNCHES.acme, daysAgo: 4, turns: [{prompt: 'profile the C++ tax rules', skill: CPP}, {prompt: 'read the tax tables loader', skill: READ}]},
	{cwd: CROWDED_LAUNCHES.workSpace, daysAgo: 2, turns: [{prompt: 'the build broke after the merge, diagnose it', skill: DIAGNOSE}, {prompt: 'read the build scripts', skill: READ}]},
	{cwd: CROWDED_LAUNCHES.acme, daysAgo: 1, turns: [{prompt: 'port the discount rule to C++', skill: CPP}, {prompt: 'why does the port fail one case?', skill: DIAGNOSE}]},
];

/** How a project-reader skill fares: the chance it loads, and the error it meets when it does not. */
export const CROWDED_OUTCOMES: Record<CrowdedSkill, {success: number; failure: string}> = {
	'project-reader:diagnose': {success: 0.85, failure: 'Sibling tool call errored'},
	'project-reader:read': {success: 0.95, failure: 'error'},
	'project-reader:cpp': {success: 0.7, failure: 'Bash command failed for pattern "!`cmake --version`": [stderr] cmake: command not found'},
};
