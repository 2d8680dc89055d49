/** Where a store keeps a copy of its state: localStorage, a file, a server. */
export interface StorageLike {
  setItem(key: string, value: string): void | Promise<void>;
}

export interface Store<S> {
  getState(): S;
  /** Merges `partial` into the state, tells the subscribers, and writes the state to the storage. */
  setState(partial: Partial<S>): void;
  subscribe(listener: (state: S) => void): () => void;
}

/** A store of `initial`'s shape, written to `storage` under `key` after each update. */
export function createStore<S extends object>(initial: S, storage?: StorageLike, key = 'store'): Store<S> {
  let state = initial;
  const listeners = new Set<(state: S) => void>();
  return {
    getState: () => state,
    setState(partial) {
      state = { ...state, ...partial };
      for (const listener of listeners) listener(state);
      void storage?.setItem(key, JSON.stringify(state));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
