import type { Static } from '@sinclair/typebox';
import type { ReportSchema } from './schema.js';
import type { ConfidenceSchema, ReportCacheSchema, ReportFileSchema, ReportRunSchema, TestCountsSchema, VerdictSchema } from './schema-parts.js';

// The report's types, derived from its schema (schema.ts), which report.schema.json is generated from.

export type Verdict = Static<typeof VerdictSchema>;
export type Confidence = Static<typeof ConfidenceSchema>;
export const SCHEMA_VERSION = 1;

export type TestCounts = Static<typeof TestCountsSchema>;

export type ReportRun = Static<typeof ReportRunSchema>;

/**
 * The baseline cache: `off` without a cache folder (or when no suite ran), `hit` when every
 * before-tree result asked for was reused, `miss` when none was, `partial` otherwise.
 */
export type ReportCache = Static<typeof ReportCacheSchema>;

export type ReportFile = Static<typeof ReportFileSchema>;

/** The machine-readable result, described by report.schema.json in this package. */
export type Report = Static<typeof ReportSchema>;
