/**
 * Like Promise.all, but waits for every promise to settle before rethrowing the first failure, so
 * no child process is still running in a copy that the caller is about to remove.
 */
export async function settleAll<T>(promises: ReadonlyArray<Promise<T>>): Promise<T[]> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}
