import { cacheSection } from '../cache/open-cache.js';
import { buildReport } from '../report/build-report.js';
import { defineStage, VERSION } from './context.js';

/** 8. The report: the verdict, its evidence and what each stage measured (schemaVersion 1). */
export const reportStage = defineStage({
  name: 'report',
  needs: ['snapshot', 'files', 'evidence', 'decision'],
  run: ({ state, timings, startedAt }, { snapshot, files, evidence, decision }) => ({
    report: buildReport({
      version: VERSION,
      snapshot,
      files,
      findings: evidence,
      decision,
      matrix: state.matrix,
      comparison: state.comparison,
      staticEvidence: state.static,
      probeEvidence: state.probes,
      mutation: state.mutation?.report,
      cache: cacheSection(state.cache, state.matrix?.reusedRuns ?? 0),
      timings,
      durationMs: performance.now() - startedAt,
    }),
  }),
});
