// Node module hooks (registered by stryker-warm-pool.mjs): the project's vitest 4 chunk that holds
// its `Pool` loads rewritten by patchVitestPool; every other module loads as it is. A chunk that
// does not read as expected loads unchanged (the runner then finds `patched` false and goes cold).
import { patchVitestPool } from './stryker-warm-worker.mjs';

let target;

export function initialize(data) {
  target = data?.url;
}

export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  if (url !== target || result.source == null) return result;
  const source = typeof result.source === 'string' ? result.source : Buffer.from(result.source).toString('utf8');
  const patched = patchVitestPool(source);
  return patched === undefined ? result : { ...result, source: patched };
}
