import {useEffect, useRef, useState} from 'react';

export type AsyncState<T> =
	| {status: 'loading'; data?: T}
	| {status: 'error'; error: string; data?: T}
	| {status: 'ready'; data: T};

/**
 * Runs `load` whenever `deps` change. The last data stays visible while the next load runs, and
 * an answer that arrives after a newer request started is dropped, so a fast key press never
 * shows an older screen over a newer one.
 */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): AsyncState<T> {
	const [state, setState] = useState<AsyncState<T>>({status: 'loading'});
	const request = useRef(0);
	useEffect(() => {
		const id = ++request.current;
		setState(previous => ({status: 'loading', data: previous.data}));
		load().then(
			data => {
				if (id === request.current) setState({status: 'ready', data});
			},
			(error: unknown) => {
				if (id === request.current) setState(previous => ({status: 'error', error: error instanceof Error ? error.message : String(error), data: previous.data}));
			},
		);
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, deps);
	return state;
}
