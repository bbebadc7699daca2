import {stat} from 'node:fs/promises';
import {Box} from 'ink';
import {Text} from '../components/text.js';
import {useMemo, useRef} from 'react';
import {listProjects, type Project} from '../../data/registry/registry.js';
import {Prompt} from '../components/prompt.js';
import {rowsStatus, SelectableTable} from '../components/selectable-table.js';
import {AsyncView} from '../components/states.js';
import {Tint} from '../components/tint.js';
import {useAsync} from '../hooks/use-async.js';
import {useDiscovery} from '../hooks/use-discovery.js';
import {useProjectActions} from '../hooks/use-project-actions.js';
import {useDrawnTable, useTableLines} from '../hooks/use-table-lines.js';
import {confirmQuestion, foundHeading, foundRows, foundTableRows, projectRows, registerAllQuestion, shortenPath, type FoundRow} from '../lines/projects-lines.js';
import {useServices} from '../services.js';
import {THEME} from '../theme.js';
import {TABLE_HEAD_LINES} from '../table-lines.js';
import {FoundSection} from './projects-found.js';
import type {ScreenProps} from './screen-props.js';
import {projectPlace} from '../../domain/project-place.js';
import {useProjectsKeys} from '../hooks/use-projects-keys.js';

/** One empty list, not a new one per render: the table is redrawn when its rows change identity. */
const NO_PROJECTS: Project[] = [];
const NO_FOUND: FoundRow[] = [];

/** `~` in typed paths and shown paths; read when used, as the shell would. */

/** A table's top, heading and rule, and its bottom. */
const TABLE_FRAME = TABLE_HEAD_LINES + 1;

/** This machine's projects whose directory is gone (another machine's are not here to look at). */
async function missingPaths(projects: readonly Project[]): Promise<Set<string>> {
	const gone = await Promise.all(
		projects.map(async project => projectPlace(project).local && (await stat(project.project_path).then(info => !info.isDirectory(), () => true))),
	);
	return new Set(projects.filter((_, index) => gone[index]).map(project => project.project_path));
}

/**
 * The registered projects, then (with a Claude Code root) the launch directories found in its
 * transcripts that are not registered: one list, one cursor, in two tables.
 */
export function ProjectsScreen({state, current, dispatch, height, width}: ScreenProps) {
	const {database, displayZone, claudeRoot, home} = useServices();
	// Loaded once first shown: the row counts scan every invocation, which the explorer's first
	// frame (usually the leaderboard) should not wait for.
	const opened = useRef(false);
	const shown = state.screen === 'projects';
	if (shown) opened.current = true;
	const projects = useAsync(async () => (opened.current ? listProjects(database) : undefined), [database, opened.current], [state.dataVersion]);
	// A project registered from transcripts may be gone from this machine: its row says so.
	const missing = useAsync(async () => missingPaths(projects.data ?? NO_PROJECTS), [projects.data]);
	const discovery = useDiscovery(shown, state.dataVersion);
	const rows = projects.data ?? NO_PROJECTS;
	const found = useMemo(() => (discovery.data ? foundRows(discovery.data.projects, projects.data) : NO_FOUND), [discovery.data, projects.data]);
	const actions = useProjectActions(() => dispatch({type: 'data-changed'}));
	const {mode} = state;
	const asked = mode.kind === 'confirm' && mode.confirm !== 'register-discovered' ? rows.find(project => project.project_id === mode.subject) : undefined;
	const askedAll = mode.kind === 'confirm' && mode.confirm === 'register-discovered';
	const promptShown = mode.kind === 'prompt' || asked !== undefined || askedAll || actions.message !== undefined;
	const heading = discovery.data && found.length > 0 ? foundHeading(found, rows.length, discovery.data.claude_dir, width, home) : [];
	const problems = discovery.data?.problems.length ?? 0;
	const chrome = (rows.length > 0 ? TABLE_FRAME : 0) + (found.length > 0 ? TABLE_FRAME + heading.length + (problems > 0 ? 1 : 0) : 0) + 1 + (promptShown ? 1 : 0);
	const size = {count: rows.length + found.length, visible: height - chrome};
	const slice = useProjectsKeys({state, current, dispatch, size, rows, found, actions, discovered: discovery.data !== undefined, claudeRoot});

	const tableRows = useMemo(() => projectRows(rows, width, displayZone, home, missing.data), [rows, width, displayZone, missing.data, home]);
	const lines = useTableLines(tableRows);
	const foundTable = useMemo(() => foundTableRows(found, width, displayZone, home), [found, width, displayZone, home]);
	// The found rows change under a cursor (a registers one): only a drawing of these rows is shown.
	const drawnFound = useDrawnTable(foundTable);
	const foundLines = drawnFound.current ? drawnFound.lines : undefined;
	let prompt: React.ReactNode = null;
	if (mode.kind === 'prompt' && mode.prompt === 'add-project') prompt = <Prompt label="Add project directory: " text={mode.text} hint="(Enter adds, Esc cancels)" />;
	else if (mode.kind === 'confirm' && asked) prompt = <Prompt label={confirmQuestion(mode.confirm, asked)} hint="" warn />;
	else if (askedAll) prompt = <Prompt label={registerAllQuestion(found)} hint="" warn />;
	else if (actions.message) prompt = <Tint color={actions.message.bad ? THEME.bad : THEME.good}>{actions.message.text}</Tint>;

	const registered = {start: slice.start, end: Math.min(slice.end, rows.length)};
	const below = {start: Math.max(slice.start, rows.length), end: slice.end};
	const foundShown = found.length > 0 && foundLines !== undefined && below.end > below.start;
	const status = rowsStatus(slice);
	const emptyMessage = claudeRoot === undefined
		? 'No projects registered yet. Press a to add a project directory (one with .session-buddy/ or .crackerjack/ metrics).'
		: `No projects registered yet, and none found in Claude Code transcripts under ${shortenPath(claudeRoot, 48, home)}. Press a to add a project directory (one with .session-buddy/ or .crackerjack/ metrics, or where Claude Code was run).`;
	// Without registered projects, the empty message waits for discovery: it may have found some.
	const waitingForDiscovery = claudeRoot !== undefined && discovery.data === undefined && discovery.status !== 'error';
	return (
		<Box flexDirection="column">
			<AsyncView
				state={{...projects, data: projects.data && (rows.length === 0 || lines) ? lines ?? [] : undefined}}
				what="projects"
				empty={() => (rows.length > 0 || found.length > 0 || waitingForDiscovery ? undefined : emptyMessage)}
			>
				{drawn => (rows.length > 0 && registered.end > registered.start ? <SelectableTable lines={drawn} slice={{...slice, ...registered}} status={false} /> : null)}
			</AsyncView>
			<FoundSection claudeRoot={claudeRoot} discovery={discovery} heading={heading} shown={foundShown} lines={foundLines} slice={{...slice, ...below}} first={rows.length} />
			{status ? <Text dimColor>{status}</Text> : null}
			{prompt}
		</Box>
	);
}
