import { Type, type Static } from '@sinclair/typebox';
import type { FileCategory, FileStatus } from '../diff/change-set.js';
import type { StageName } from '../events.js';
import type { MutationReport } from '../mutation/types.js';
import type { Counterexample } from '../probes/plan.js';
import type { ProbeEvidence, ProbeReportEntry } from '../probes/run-probe-stage.js';
import type { BlastRadiusEntry } from '../static/reach/blast-radius.js';
import type { StaticEvidence } from '../static/run-static.js';
import type { DeclarationChange } from '../static/types.js';
import type { TestChange } from '../suites/compare.js';
import type { SetupName } from '../suites/types.js';
import type { Finding } from '../verdict/finding.js';
import { SCHEMA_VERSION } from './report.js';
import { BlastRadiusEntrySchema, CounterexampleSchema, DeclarationChangeSchema, MutationReportSchema, ProbeFunctionSchema, ProbesSectionProperties, StaticSectionProperties } from './schema-evidence.js';
import { Closed, Count, Nullable, type Equal } from './schema-kit.js';
import {
  ConfidenceSchema,
  FindingSchema,
  ReportCacheSchema,
  ReportFileSchema,
  SubjectSchema,
  TestChangeSchema,
  TestsSchema,
  TimingsSchema,
  ToolSchema,
  VerdictSchema,
} from './schema-parts.js';

/**
 * The report, described once: report.ts derives its types from this, and report.schema.json is
 * generated from it (json-schema.ts, scripts/gen-report-schema.mjs).
 */
export const ReportSchema = Closed(
  {
    schemaVersion: Type.Literal(SCHEMA_VERSION),
    tool: ToolSchema,
    verdict: VerdictSchema,
    confidence: ConfidenceSchema,
    reasons: Type.Array(Type.String(), { minItems: 1 }),
    findings: Type.Array(FindingSchema),
    subject: SubjectSchema,
    changes: Closed({ files: Type.Array(ReportFileSchema) }),
    tests: TestsSchema,
    /** Static evidence: null when the stage did not run (no change). */
    static: Nullable(Closed(StaticSectionProperties)),
    /** Property probes: null when the stage did not run (no code change, or --no-probes). */
    probes: Nullable(Closed(ProbesSectionProperties)),
    /** Mutation probes of the touched declarations: null when the stage did not run (no code change, or --no-mutation). */
    mutation: Nullable(MutationReportSchema, { description: 'Mutation probes: null when the stage did not run (no code change, or --no-mutation).' }),
    cache: ReportCacheSchema,
    timings: TimingsSchema,
    durationMs: Count(),
    /** A short plain-text summary fit for a PR comment or an AI agent's next prompt. */
    summary: Type.String({ minLength: 1 }),
  },
  {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://patchprobe.dev/schema/report-v1.json',
    title: 'patchprobe report',
    description: 'What `patchprobe verify --json` writes and `verifyPatch()` returns. schemaVersion 1.',
  },
);

// The parts whose TypeScript types live with the stages that produce them: each line fails to
// compile when the schema and the type drift apart.
type Section<K extends 'static' | 'probes'> = NonNullable<Static<typeof ReportSchema>[K]>;
true satisfies Equal<Static<typeof FindingSchema>, Finding>;
true satisfies Equal<Static<typeof ReportFileSchema>['status'], FileStatus>;
true satisfies Equal<Static<typeof ReportFileSchema>['category'], FileCategory>;
true satisfies Equal<Static<typeof TestChangeSchema>, TestChange>;
true satisfies Equal<Static<typeof TestsSchema>['runs'][number]['setup'], SetupName>;
true satisfies Equal<Static<typeof TimingsSchema>, Partial<Record<StageName, number>>>;
true satisfies Equal<Static<typeof DeclarationChangeSchema>, DeclarationChange>;
true satisfies Equal<Static<typeof BlastRadiusEntrySchema>, BlastRadiusEntry>;
true satisfies Equal<Section<'static'>, Omit<StaticEvidence, 'findings'>>;
true satisfies Equal<Static<typeof CounterexampleSchema>, Counterexample>;
true satisfies Equal<Static<typeof ProbeFunctionSchema>, ProbeReportEntry>;
true satisfies Equal<Section<'probes'>, Omit<ProbeEvidence, 'findings' | 'allEquivalent' | 'strong'>>;
true satisfies Equal<Static<typeof MutationReportSchema>, MutationReport>;
