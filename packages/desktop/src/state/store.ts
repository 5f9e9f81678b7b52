import { useSyncExternalStore } from 'react';
import { deskReducer } from './reducer';
import { initialDeskState, type DeskAction, type DeskState } from './types';

export interface DeskStore {
  getState: () => DeskState;
  dispatch: (a: DeskAction) => void;
  subscribe: (fn: () => void) => () => void;
}

/** A tiny reducer store: components subscribe to slices with `useDesk(selector)`. */
export function createDeskStore(initial: DeskState = initialDeskState): DeskStore {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    dispatch: (a) => {
      const next = deskReducer(state, a);
      if (next === state) return;
      state = next;
      for (const fn of listeners) fn();
    },
    subscribe: (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}

export const deskStore = createDeskStore();

/** Selectors must return stable references (a slice of the state, a primitive). */
export function useDesk<T>(selector: (s: DeskState) => T): T {
  return useSyncExternalStore(deskStore.subscribe, () => selector(deskStore.getState()));
}
