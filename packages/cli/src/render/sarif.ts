import { createHash } from 'node:crypto';
import { FINDING_KIND_INFO, FINDING_KINDS, type Finding, type FindingKind, type MutantEntry, type Report } from '@patchprobe/core';
import { notableFindings, survivorMessage, unreportedSurvivors } from './annotations.js';

// The subset of SARIF 2.1.0 patchprobe writes; the tests validate it against the official schema.
export type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifMessage {
  text: string;
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: SarifMessage;
  defaultConfiguration: { level: SarifLevel };
}

export interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId: '%SRCROOT%' };
    region?: { startLine: number };
  };
  logicalLocations?: Array<{ fullyQualifiedName: string }>;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: SarifLocation[];
  partialFingerprints: { 'patchprobe/v1': string };
  properties?: { test?: string; symbol?: string };
}

export interface SarifRun {
  tool: { driver: { name: 'patchprobe'; version: string; informationUri: string; rules: SarifRule[] } };
  invocations: Array<{ executionSuccessful: boolean }>;
  results: SarifResult[];
  properties: { verdict: Report['verdict']; confidence: Report['confidence']; reasons: string[] };
}

export interface SarifLog {
  $schema: 'https://json.schemastore.org/sarif-2.1.0.json';
  version: '2.1.0';
  runs: [SarifRun];
}

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** What one result is about, before it gets its rule index and fingerprint. */
interface Draft {
  kind: FindingKind;
  level: SarifLevel;
  text: string;
  file?: string;
  line?: number;
  symbol?: string;
  test?: string;
}

/**
 * The report as a SARIF 2.1.0 log for GitHub code scanning: every error and warning finding, the
 * notable infos as notes, and the surviving mutants no finding reports. Rule ids are
 * `patchprobe/<finding kind>` and never change; fingerprints ignore line numbers, so an alert
 * survives code moving above it.
 */
export function renderSarif(report: Report): SarifLog {
  const drafts: Draft[] = [
    ...notableFindings(report).map(fromFinding),
    ...unreportedSurvivors(report).map(fromMutant),
  ];
  // Rules in FINDING_KINDS order, so a rule's index depends only on which kinds occur.
  const kinds = FINDING_KINDS.filter((k) => drafts.some((d) => d.kind === k));
  const rules = kinds.map(rule);
  const seen = new Map<string, number>();
  const results = drafts.map((d): SarifResult => {
    const hash = fingerprint(d);
    // Identical results (same test in two findings of a kind) still need distinct fingerprints.
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    const result: SarifResult = {
      ruleId: `patchprobe/${d.kind}`,
      ruleIndex: kinds.indexOf(d.kind),
      level: d.level,
      message: { text: sarifText(d.text) },
      locations: [location(report, d)],
      partialFingerprints: { 'patchprobe/v1': `${hash}:${n}` },
    };
    if (d.test || d.symbol) result.properties = { ...(d.test ? { test: d.test } : {}), ...(d.symbol ? { symbol: d.symbol } : {}) };
    return result;
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'patchprobe', version: report.tool.version, informationUri: 'https://patchprobe.dev', rules } },
        invocations: [{ executionSuccessful: true }],
        results,
        properties: { verdict: report.verdict, confidence: report.confidence, reasons: report.reasons },
      },
    ],
  };
}

function fromFinding(f: Finding): Draft {
  return { kind: f.kind, level: LEVEL[f.severity], text: f.message, file: f.file, line: f.line, symbol: f.symbol, test: f.test };
}

function fromMutant(m: MutantEntry): Draft {
  return { kind: 'mutation-survivor', level: 'note', text: survivorMessage(m), file: m.file, line: m.line, symbol: m.symbol };
}

/** A kind's rule; its texts are in the registry (FINDING_KIND_INFO, docs/verdict.md "Finding kinds"). */
function rule(kind: FindingKind): SarifRule {
  const { level, short, full } = FINDING_KIND_INFO[kind].sarif;
  return {
    id: `patchprobe/${kind}`,
    name: kind.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase()),
    shortDescription: { text: short },
    fullDescription: { text: full },
    help: { text: full },
    defaultConfiguration: { level },
  };
}

/**
 * Stable across runs of the same problem: the kind, where (file, declaration, test) and the message
 * with every number blanked, since line numbers, seeds and counts in a message shift between runs.
 */
export function fingerprint(d: Pick<Draft, 'kind' | 'file' | 'symbol' | 'test' | 'text'>): string {
  const parts = [d.kind, d.file ?? '', d.symbol ?? '', d.test ?? '', d.text.replace(/\d+/g, '#')];
  return createHash('sha256').update(parts.join('\0')).digest('hex');
}

function location(report: Report, d: Draft): SarifLocation {
  // GitHub rejects a result without a file ("expected at least one location"); a finding about the
  // whole project points at the project's package.json.
  const file = d.file ?? (report.subject.project ? `${report.subject.project}/package.json` : 'package.json');
  const loc: SarifLocation = { physicalLocation: { artifactLocation: { uri: fileUri(file), uriBaseId: '%SRCROOT%' } } };
  if (d.file && d.line !== undefined && d.line >= 1) loc.physicalLocation.region = { startLine: d.line };
  if (d.symbol) loc.logicalLocations = [{ fullyQualifiedName: d.symbol }];
  return loc;
}

/** A repository-relative path as a URI reference: each segment percent-encoded ("a b#c.ts" → "a%20b%23c.ts"). */
export function fileUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** SARIF §3.11.5: literal braces in a message are doubled, or a viewer reads "{0}" as a placeholder. */
const sarifText = (s: string): string => s.replace(/[{}]/g, (c) => c + c);
