// The public API of @patchprobe/core. Everything else is internal.
// First: loads ts-morph's TypeScript through V8's code cache before anything imports ts-morph.
import './process/preload.js';
export { verifyPatch } from './pipeline/verify.js';
export { runShard } from './pipeline/shard.js';
export { mergePartials } from './shard/merge.js';
export type { PartialResult } from './shard/partial.js';
export type { BaselineCache } from './cache/baseline-cache.js';
export { resolveCiBase, type CiBase, type CiBaseOptions, type CiBaseSource } from './git/ci-base.js';
export { inspectChange, type InspectOptions } from './pipeline/inspect.js';
export { InspectSession, openInspectSession } from './pipeline/inspect-session.js';
export { changeFingerprint } from './git/fingerprint.js';
export { resolveOptions, VERDICTS, type VerifyOptions, type ResolvedVerifyOptions } from './options.js';
export {
  resolveInspectOptions,
  CLI_FLAGS,
  flagsOf,
  FAIL_ON_DEFAULTS,
  INSPECT_DEFAULTS,
  OPTION_DEFAULTS,
  VerifyOptionsSchema,
  type CliFlag,
  type CommandName,
  type FlagParse,
  type InspectDefaults,
} from './options.js';
export type { ProgressEvent, ProgressListener, StageName } from './events.js';
export type { Report, ReportFile, ReportRun, ReportCache, TestCounts, Verdict, Confidence } from './report/report.js';
export { SCHEMA_VERSION } from './report/report.js';
export { renderSummary, formatCounts, findingLocation, findingRank, sortFindings } from './report/summary.js';
export { decideVerdict, type Decision } from './verdict/decide.js';
export { FINDING_KINDS, type Finding, type FindingKind, type Severity } from './verdict/finding.js';
export { FINDING_KIND_INFO, type FindingKindInfo, type SarifRuleText } from './verdict/finding-kinds.js';
export type { TestChange } from './suites/compare.js';
export type { DeclarationChange, CodeExcerpt, ChangeKind } from './static/types.js';
export type { MutationReport, MutationCounts, MutantEntry, MutantStatus, MutationDeclaration, MutationRun, MutationSide } from './mutation/types.js';
export type { TestState, SetupName } from './suites/types.js';
export {
  PatchprobeError,
  UsageError,
  SetupError,
  AbortedError,
  InternalError,
  isPatchprobeError,
  type ErrorCode,
} from './errors.js';
export {
  agentBrief,
  renderAgentBrief,
  explainFinding,
  renderExplanation,
  suggestTests,
  numberFindings,
  AGENT_LIST_MAX,
  type AgentBrief,
  type AgentFinding,
  type AgentFailingTest,
  type AgentCounterexample,
  type AgentMutant,
  type AgentSuggestedTest,
  type FindingExplanation,
} from './report/agent-brief.js';
