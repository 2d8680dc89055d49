import { FINDING_KIND_INFO, FINDING_KINDS } from './finding-kinds.js';

export const FINDING_KINDS_DOC_START = '<!-- finding-kinds:start -->';
export const FINDING_KINDS_DOC_END = '<!-- finding-kinds:end -->';

const cell = (text: string): string => text.replaceAll('|', '\\|');

/**
 * docs/verdict.md's "Finding kinds" table, from the start marker up to (not including) the end
 * marker. scripts/gen-verdict-docs.mjs writes it; a test fails when the doc differs.
 */
export function findingKindsDocTable(): string {
  const rows = FINDING_KINDS.map((kind) => {
    const { severity, verdict, doc } = FINDING_KIND_INFO[kind];
    const gated = verdict.role === 'regressive' && verdict.severityGated ? ` (warning ${verdict.severityGated.warningWhen})` : '';
    return `| \`${kind}\` | ${severity}${cell(gated)} | ${cell(doc)} |`;
  });
  return [FINDING_KINDS_DOC_START, '| kind | severity | meaning |', '| --- | --- | --- |', ...rows, ''].join('\n');
}

/** The doc with its finding-kind table replaced by a freshly generated one. */
export function withFindingKindsTable(doc: string): string {
  const start = doc.indexOf(FINDING_KINDS_DOC_START);
  const end = doc.indexOf(FINDING_KINDS_DOC_END);
  if (start < 0 || end < start) throw new Error(`docs/verdict.md has no ${FINDING_KINDS_DOC_START} … ${FINDING_KINDS_DOC_END} section`);
  return doc.slice(0, start) + findingKindsDocTable() + doc.slice(end);
}
