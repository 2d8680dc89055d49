/**
 * Runs a state update the way React's `act` does in a component test: a callback that returns a
 * promise is an async update, which must go through `await actAsync(…)`.
 */
export function act(update: () => unknown): void {
  const result = update();
  if (result !== null && typeof result === 'object' && typeof (result as { then?: unknown }).then === 'function') {
    throw new Error('act(...) callback returned a promise: await actAsync(...) for async updates');
  }
}
