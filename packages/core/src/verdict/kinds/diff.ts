import { type FindingKindInfo, NONE } from './kind-info.js';

/** Finding kinds of the diff stage: facts about the change (see ../finding-kinds.ts). */
export const DIFF_KINDS = {
  'no-change': {
    stage: 'diff',
    severity: 'info',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'note', short: 'The patch changes no file', full: 'The patch changes no file.' },
    doc: 'the patch changes no file',
  },
  'source-changed': {
    stage: 'diff',
    severity: 'info',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'note', short: 'Source file changed', full: 'A non-test file changed beyond formatting.' },
    doc: 'a non-test file changed beyond formatting',
  },
  'source-formatting-only': {
    stage: 'diff',
    severity: 'info',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'note', short: 'Formatting-only source change', full: 'A non-test file changed only in whitespace, comments or formatting.' },
    doc: 'a non-test file changed only in whitespace/comments/formatting',
  },
  'docs-changed': {
    stage: 'diff',
    severity: 'info',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'note', short: 'Documentation changed', full: 'A documentation file changed.' },
    doc: 'documentation changed',
  },
  'test-file-changed': {
    stage: 'diff',
    severity: 'info',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'note', short: 'Test file changed', full: 'The patch added, edited or deleted a test file.' },
    doc: 'a test file was added, edited or deleted',
  },
  'dependencies-changed': {
    stage: 'diff',
    severity: 'warning',
    verdict: NONE,
    summaryAtInfo: false,
    sarif: { level: 'warning', short: 'Dependencies changed', full: 'package.json dependencies or a lockfile changed; both versions ran with the dependencies installed now.' },
    doc: 'package.json dependencies or a lockfile changed; both versions ran with the dependencies installed now',
  },
} satisfies Record<string, FindingKindInfo>;
