/**
 * Where a project lives, as its machine knows it. A project pulled from a lake is stored under
 * `<machine id>:<path>` (the same path on two machines is two projects); only a local project's
 * path is a directory here.
 */
export function projectPlace(project: {project_path: string; machine_id: string}): {path: string; local: boolean} {
	const prefix = `${project.machine_id}:`;
	return project.project_path.startsWith(prefix) ? {path: project.project_path.slice(prefix.length), local: false} : {path: project.project_path, local: true};
}
