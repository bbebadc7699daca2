import {Box} from 'ink';
import {Text} from './text.js';
import type {ReactNode} from 'react';
import type {AsyncState} from '../hooks/use-async.js';
import {THEME} from '../theme.js';
import {Tint} from './tint.js';

export function Loading({what}: {what: string}) {
	return (
		<Box paddingY={1}>
			<Tint color={THEME.muted}>Loading {what}…</Tint>
		</Box>
	);
}

export function Empty({children}: {children: ReactNode}) {
	return (
		<Box paddingY={1} flexDirection="column">
			<Text>{children}</Text>
		</Box>
	);
}

export function ErrorBox({message}: {message: string}) {
	return (
		<Box paddingY={1}>
			<Tint color={THEME.bad}>Error: {message}</Tint>
		</Box>
	);
}

/**
 * The one place that picks what a screen shows for its data: the error, loading (until a first
 * answer), the empty message, or the ready view (with `stale` while a newer answer loads).
 */
export function AsyncView<T>({state, what, empty, children}: {
	state: AsyncState<T | undefined>;
	what: string;
	/** The message when the data has nothing to show; undefined when it does. */
	empty?: (data: T) => ReactNode;
	children: (data: T, stale: boolean) => ReactNode;
}) {
	if (state.status === 'error') return <ErrorBox message={state.error} />;
	if (state.data === undefined) return <Loading what={what} />;
	const message = empty?.(state.data);
	if (message !== undefined && message !== null && message !== false) return <Empty>{message}</Empty>;
	return <>{children(state.data, state.status === 'loading')}</>;
}
