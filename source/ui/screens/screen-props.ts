import type {ScreenId} from '../navigation.js';
import type {PromptId, UiAction, UiState} from '../state.js';

/** What every screen is handed. `current` reads the state as of the latest key, rendered or not. */
export interface ScreenProps {
	state: UiState;
	current: () => UiState;
	dispatch: (action: UiAction) => void;
	height: number;
	width: number;
}

/** The screen's own keys work while it is shown and no overlay or prompt takes them. */
export function takesKeys(current: () => UiState, screen: ScreenId): () => boolean {
	return () => current().screen === screen && current().mode.kind === 'normal';
}

/** The prompt `prompt` is the one being typed. */
export function typing(current: () => UiState, prompt: PromptId): () => boolean {
	return () => {
		const {mode} = current();
		return mode.kind === 'prompt' && mode.prompt === prompt;
	};
}
