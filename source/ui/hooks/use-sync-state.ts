import {useCallback, useRef, useState, type MutableRefObject} from 'react';

/**
 * State whose latest value is readable at once through a ref. Keys arrive faster than React
 * renders (a paste right after `a`, `y` right after `d`): input routing reads the ref, so each
 * key sees what the keys before it did, rendered or not.
 */
export function useSyncReducer<S, A>(reduce: (state: S, action: A) => S, initial: S): [S, (action: A) => void, MutableRefObject<S>] {
	const ref = useRef(initial);
	const [state, setState] = useState(initial);
	const dispatch = useCallback(
		(action: A) => {
			ref.current = reduce(ref.current, action);
			setState(ref.current);
		},
		[reduce],
	);
	return [state, dispatch, ref];
}
