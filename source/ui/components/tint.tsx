import type {TextProps} from 'ink';
import {Text} from './text.js';
import {useServices} from '../services.js';

/** Text whose colour and emphasis are dropped when colour is off. */
export function Tint({color, bold, inverse, dimColor, ...rest}: TextProps) {
	const {color: enabled} = useServices();
	return enabled ? <Text color={color} bold={bold} inverse={inverse} dimColor={dimColor} {...rest} /> : <Text {...rest} />;
}
