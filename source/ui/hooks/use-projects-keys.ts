import type {Project} from '../../data/registry/registry.js';
import type {FoundRow} from '../lines/projects-lines.js';
import {typedPath} from '../lines/projects-lines.js';
import {useList} from '../list/use-list.js';
import type {ScreenProps} from '../screens/screen-props.js';
import {takesKeys, typing} from '../screens/screen-props.js';
import {useCommands} from './use-commands.js';
import type {useProjectActions} from './use-project-actions.js';
import {useServices} from '../services.js';

type Selected = {kind: 'project'; project: Project} | {kind: 'found'; row: FoundRow} | undefined;

/** `~` in typed paths, read when used, as the shell would. */

export interface ProjectsKeys {
	state: ScreenProps['state'];
	current: ScreenProps['current'];
	dispatch: ScreenProps['dispatch'];
	size: {count: number; visible: number};
	rows: readonly Project[];
	found: readonly FoundRow[];
	actions: ReturnType<typeof useProjectActions>;
	/** Discovery has answered (it runs in the background). */
	discovered: boolean;
	claudeRoot: string | undefined;
}

/**
 * The Projects screen's keys: one cursor over the registered projects, then the directories
 * found in transcripts; the add-directory prompt and the yes/no questions.
 */
export function useProjectsKeys({state, current, dispatch, size, rows, found, actions, discovered, claudeRoot}: ProjectsKeys) {
	const {home} = useServices();
	const selected = (): Selected => {
		const index = current().lists.projects.cursor;
		if (index < rows.length) return rows[index] && {kind: 'project', project: rows[index]};
		const row = found[index - rows.length];
		return row && {kind: 'found', row};
	};

	const notRegistered = (row: FoundRow) => actions.tell(`${row.path} is not registered: a registers it.`);
	const ask = (confirm: 'toggle-project' | 'purge-project') => {
		const chosen = selected();
		if (chosen?.kind === 'project') dispatch({type: 'ask', confirm, subject: chosen.project.project_id});
		else if (chosen) notRegistered(chosen.row);
	};

	const slice = useList({
		context: 'projects',
		list: 'projects',
		state,
		dispatch,
		size,
		isActive: takesKeys(current, 'projects'),
		handlers: {
			open() {
				const chosen = selected();
				if (chosen?.kind === 'found') notRegistered(chosen.row);
				if (chosen?.kind !== 'project') return;
				dispatch({type: 'scope', projectId: chosen.project.project_id});
				dispatch({type: 'go', screen: 'leaderboard'});
			},
			'add-project'() {
				const chosen = selected();
				if (chosen?.kind !== 'found') dispatch({type: 'open-prompt', prompt: 'add-project'});
				else if (chosen.row.unregistered) actions.tell(`${chosen.row.path} was unregistered: d on its row above reactivates it.`);
				else void actions.registerFound([chosen.row.path]);
			},
			'register-discovered'() {
				if (claudeRoot === undefined) actions.tell('Transcripts are off: no Claude Code root was given.');
				else if (!discovered) actions.tell('Still looking for projects in the transcripts: A again once they are listed.');
				else if (!found.some(row => !row.unregistered)) actions.tell('Nothing to register: every directory found in transcripts is registered, or was unregistered.');
				else dispatch({type: 'ask', confirm: 'register-discovered', subject: 'all'});
			},
			'toggle-active': () => ask('toggle-project'),
			'purge-project': () => ask('purge-project'),
		},
	});
	useCommands('prompt', {
		submit() {
			const {mode} = current();
			const path = mode.kind === 'prompt' ? typedPath(mode.text, home) : '';
			dispatch({type: 'end-prompt', keep: true});
			if (path) void actions.add(path);
		},
		cancel: () => dispatch({type: 'end-prompt', keep: false}),
		erase: () => dispatch({type: 'prompt-erase'}),
	}, typing(current, 'add-project'));
	useCommands('confirm', {
		yes() {
			const {mode} = current();
			dispatch({type: 'end-confirm'});
			if (mode.kind !== 'confirm') return;
			// Never the unregistered: the user said no to those.
			if (mode.confirm === 'register-discovered') {
				void actions.registerFound(found.filter(row => !row.unregistered).map(row => row.path));
				return;
			}

			const project = rows.find(candidate => candidate.project_id === mode.subject);
			if (project) void actions.confirmed(mode.confirm, project);
		},
		no: () => dispatch({type: 'end-confirm'}),
	}, () => current().screen === 'projects' && current().mode.kind === 'confirm');

	return slice;
}
