import { findingRank, type Finding, type FindingKind, type MutantEntry, type Report } from '@patchprobe/core';

/** One GitHub Actions annotation, as `formatAnnotation` writes it. */
export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  /** Repository-relative; an annotation without a file is shown on the run, not on a line. */
  file?: string;
  line?: number;
  endLine?: number;
  title: string;
  message: string;
}

/**
 * Info findings a reviewer should see on the diff: the evidence of what the patch changed (a test it
 * made pass, a function that now answers differently) and the mutants no test caught. The other
 * infos (one per file or declaration) would bury them; the SARIF log reports the same set as notes.
 */
export const NOTABLE_INFO_KINDS: ReadonlySet<FindingKind> = new Set<FindingKind>(['fail-to-pass', 'test-fixed', 'probe-diverged', 'mutation-survivor']);

const LEVEL = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** Mutants of the patched code that no test caught: survived, or reached by no test. */
export function survivingMutants(report: Report): MutantEntry[] {
  return (report.mutation?.mutants ?? []).filter((m) => m.side === 'after' && (m.status === 'survived' || m.status === 'no-coverage'));
}

/**
 * Surviving mutants no `mutation-survivor` finding reports: the mutation stage writes findings for
 * the first few only. Findings name a line, not a mutant, so on each line the first mutants (in
 * report order, as the stage takes them) count as the ones its findings report.
 */
export function unreportedSurvivors(report: Report): MutantEntry[] {
  const reported = new Map<string, number>();
  for (const f of report.findings) {
    if (f.kind === 'mutation-survivor' && f.file && f.line !== undefined) reported.set(`${f.file}:${f.line}`, (reported.get(`${f.file}:${f.line}`) ?? 0) + 1);
  }
  return survivingMutants(report).filter((m) => {
    const left = reported.get(`${m.file}:${m.line}`) ?? 0;
    if (left > 0) reported.set(`${m.file}:${m.line}`, left - 1);
    return left === 0;
  });
}

/**
 * The findings worth a reviewer's eye: errors, warnings and the notable infos. The stage's "N more
 * surviving mutants" finding is left out where its mutants are reported one by one instead.
 */
export function notableFindings(report: Report): Finding[] {
  const survivorsListed = report.mutation?.status === 'ran';
  return report.findings.filter(
    (f) => (f.severity !== 'info' || NOTABLE_INFO_KINDS.has(f.kind)) && !(survivorsListed && f.kind === 'mutation-survivor' && f.file === undefined),
  );
}

/** A surviving mutant in the words of the mutation stage's own `mutation-survivor` findings. */
export function survivorMessage(m: MutantEntry): string {
  return `\`${m.file}:${m.line}\` \`${m.original}\` → \`${m.replacement}\` ${m.status === 'no-coverage' ? 'is reached by no test' : 'survived'}`;
}

/**
 * The annotations worth showing on a pull request, most important first, in the report's order
 * (findingRank: a test edited to pass, then errors, spec-changed, warnings, notable infos); surviving
 * mutants no finding reports follow as notices, the severity the stage gives its own survivor findings. GitHub shows at
 * most 10 annotations of each level per step and silently drops the rest, so anything past
 * `perLevel` is cut here and counted.
 * @default perLevel 10
 */
export function selectAnnotations(report: Report, options: { perLevel?: number } = {}): { annotations: Annotation[]; dropped: number } {
  const perLevel = options.perLevel ?? 10;
  // Array.prototype.sort is stable, so equal ranks keep the findings' order; mutants after findings.
  const candidates = [
    ...notableFindings(report).sort((a, b) => findingRank(a) - findingRank(b)).map((f) => fromFinding(report, f)),
    ...unreportedSurvivors(report).map(fromMutant),
  ];
  const used = { error: 0, warning: 0, notice: 0 };
  const annotations = candidates.filter((a) => used[a.level]++ < perLevel);
  return { annotations, dropped: candidates.length - annotations.length };
}

function fromFinding(report: Report, f: Finding): Annotation {
  const a: Annotation = { level: LEVEL[f.severity], title: `patchprobe: ${f.kind}`, message: f.message };
  if (!f.file) return a;
  a.file = f.file;
  if (f.line === undefined) return a;
  a.line = f.line;
  // A finding about a declaration spans it, so the annotation marks the whole function.
  const decl = f.symbol ? report.static?.declarations.find((d) => d.symbol === f.symbol && d.file === f.file && d.line === f.line) : undefined;
  if (decl && decl.endLine > decl.line) a.endLine = decl.endLine;
  return a;
}

function fromMutant(m: MutantEntry): Annotation {
  return { level: 'notice', file: m.file, line: m.line, title: 'patchprobe: mutation-survivor', message: survivorMessage(m) };
}

// GitHub's toolkit escaping (@actions/core command.ts): data and property values are
// percent-encoded so a newline cannot end the command and a ':' or ',' cannot end a property.
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** The workflow command for one annotation: `::error file=src/a.ts,line=3,title=…::message`. */
export function formatAnnotation(a: Annotation): string {
  const props: Array<[string, string | number | undefined]> = [
    ['file', a.file],
    ['line', a.file ? a.line : undefined],
    ['endLine', a.file && a.line !== undefined ? a.endLine : undefined],
    ['title', a.title],
  ];
  const list = props.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
  return `::${a.level}${list.length > 0 ? ` ${list.join(',')}` : ''}::${escapeData(a.message)}`;
}
