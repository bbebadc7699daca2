import {bindingFor, type Command, type KeyContext} from '../keymap.js';

export interface Registration {
	context: KeyContext;
	handlers: Partial<Record<Command, () => void>>;
	isActive: () => boolean;
}

/**
 * The handlers each mounted part of the explorer has for its context. One listener routes every
 * key through here: the contexts of the input mode, in order, and the first one that binds the
 * key owns it (even when no handler of it is active, so a global key never fires in its place).
 */
export class KeyRegistry {
	private readonly registrations = new Set<{current: Registration}>();

	add(registration: {current: Registration}): () => void {
		this.registrations.add(registration);
		return () => this.registrations.delete(registration);
	}

	/** True when one of `contexts` binds the key. */
	route(contexts: readonly KeyContext[], name: string): boolean {
		const found = bindingFor(contexts, name);
		if (!found) return false;
		const command = found.binding.command as Command;
		for (const {current} of this.registrations) {
			if (current.context !== found.context || !current.isActive()) continue;
			const handler = current.handlers[command];
			if (handler) {
				handler();
				break;
			}
		}

		return true;
	}

	/** The commands that have a handler in `context`, for the check that every bound one does. */
	handled(context: KeyContext): Set<Command> {
		const commands = new Set<Command>();
		for (const {current} of this.registrations) {
			if (current.context === context) for (const command of Object.keys(current.handlers)) commands.add(command as Command);
		}

		return commands;
	}
}
