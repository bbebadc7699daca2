import {z} from 'zod';
import type {FlagType, RegisteredCommand} from './command.js';

/*
 * A command's flags as its option schema defines them: what the manifest (manifest.ts) records,
 * so that the command line knows them without loading zod or the command.
 */

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
	return schema instanceof z.ZodOptional || schema instanceof z.ZodDefault ? unwrap(schema.unwrap() as z.core.$ZodType) : schema;
}

export function flagType(schema: z.core.$ZodType): FlagType {
	return unwrap(schema) instanceof z.ZodBoolean ? 'boolean' : 'string';
}

/** The command's options given as flags (its positionals are not flags). */
export function commandFlags(command: RegisteredCommand): Array<[string, FlagType]> {
	const positional = new Set(command.positionals?.map(argument => argument.key));
	return Object.entries(command.options.shape)
		.filter(([key]) => !positional.has(key))
		.map(([key, schema]) => [key, flagType(schema as z.core.$ZodType)]);
}
