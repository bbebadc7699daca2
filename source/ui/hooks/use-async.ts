import {useEffect, useRef, useState} from 'react';

export type AsyncState<T> =
	| {status: 'loading'; data?: T}
	| {status: 'error'; error: string; data?: T}
	| {status: 'ready'; data: T};

/**
 * Runs `load` whenever `deps` change. The last data stays visible while the next load runs, and
 * an answer that arrives after a newer request started is dropped, so a fast key press never
 * shows an older screen over a newer one. A change of `quiet` only (the data version, which live
 * collection bumps) reloads without marking the view as loading: the rows are those of the same
 * view, brought up to date in place, with no dimmed flash every few seconds.
 */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[], quiet: readonly unknown[] = []): AsyncState<T> {
	const [state, setState] = useState<AsyncState<T>>({status: 'loading'});
	const request = useRef(0);
	const lastDeps = useRef<readonly unknown[] | undefined>(undefined);
	useEffect(() => {
		const id = ++request.current;
		const sameView = lastDeps.current !== undefined && lastDeps.current.length === deps.length && deps.every((dep, index) => Object.is(dep, lastDeps.current![index]));
		lastDeps.current = deps;
		if (!sameView) setState(previous => ({status: 'loading', data: previous.data}));
		load().then(
			data => {
				if (id === request.current) setState({status: 'ready', data});
			},
			(error: unknown) => {
				if (id === request.current) setState(previous => ({status: 'error', error: error instanceof Error ? error.message : String(error), data: previous.data}));
			},
		);
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [...deps, ...quiet]);
	return state;
}
