import { describe, expect, it } from 'vitest';
import { subscriptionCounts } from '../src/events';

describe('subscriptionCounts', () => {
  it('counts the handlers of each channel', () => {
    expect(subscriptionCounts(['evt:open', 'evt:close', 'evt:open'])).toEqual({ 'evt:open': 2, 'evt:close': 1 });
    expect(subscriptionCounts([])).toEqual({});
  });
});
