import {Box, Text} from 'ink';
import {THEME} from '../theme.js';
import {Tint} from './tint.js';

export function Loading({what}: {what: string}) {
	return (
		<Box paddingY={1}>
			<Tint color={THEME.muted}>Loading {what}…</Tint>
		</Box>
	);
}

export function Empty({children}: {children: React.ReactNode}) {
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
