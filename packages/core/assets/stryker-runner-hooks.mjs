// Node module hooks in StrykerJS's test runner processes (registered by stryker-runner-preload.mjs).
//  - resolve: `vitest/node` imported by StrykerJS's vitest-wrapper.js is the project's vitest/node
//    (data.vitestNodeUrl), the one that wrapper goes on to import anyway: one vitest, not two.
//  - load: the project's vitest 4 chunk that holds its `Pool` loads rewritten by patchVitestPool
//    (data.poolUrl); a chunk that does not read as expected loads unchanged (the runner then finds
//    `patched` false and goes cold). Every other module resolves and loads as it is.
import { patchVitestPool } from './stryker-warm-worker.mjs';

let poolUrl;
let vitestNodeUrl;

export function initialize(data) {
  poolUrl = data?.poolUrl;
  vitestNodeUrl = data?.vitestNodeUrl;
}

/** Whether `parentURL` is StrykerJS's vitest runner's wrapper, which imports a vitest of its own. */
export const isStrykerVitestWrapper = (parentURL) => typeof parentURL === 'string' && /\/@stryker-mutator\/vitest-runner\/dist\/src\/vitest-wrapper\.js$/.test(parentURL);

export async function resolve(specifier, context, nextResolve) {
  if (vitestNodeUrl && specifier === 'vitest/node' && isStrykerVitestWrapper(context.parentURL)) return { url: vitestNodeUrl, shortCircuit: true };
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  if (!poolUrl || url !== poolUrl || result.source == null) return result;
  const source = typeof result.source === 'string' ? result.source : Buffer.from(result.source).toString('utf8');
  const patched = patchVitestPool(source);
  return patched === undefined ? result : { ...result, source: patched };
}
