import { describe, expect, it } from 'vitest';
import { createStore } from '../src/store';
import { act } from './act';

describe('createStore', () => {
  it('reads the initial state', () => {
    expect(createStore({ count: 3 }).getState()).toEqual({ count: 3 });
  });

  it('notifies subscribers of each update', () => {
    const store = createStore({ count: 0 });
    const seen: number[] = [];
    store.subscribe((state) => seen.push(state.count));
    act(() => store.setState({ count: 1 }));
    expect(seen).toEqual([1]);
  });

  it('writes each update to the storage', () => {
    const items = new Map<string, string>();
    const store = createStore({ count: 0 }, { setItem: (key, value) => void items.set(key, value) });
    act(() => store.setState({ count: 2 }));
    expect(items.get('store')).toBe('{"count":2}');
  });
});
