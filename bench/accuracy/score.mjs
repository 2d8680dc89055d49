// Scores: confusion matrices, accuracy, precision and recall of `regressive`, per predictor, overall
// and split by whether the project's own tests decide the case; and the Markdown that
// docs/accuracy.md publishes.
import { PREDICTORS } from './baselines.mjs';

export const LABELS = ['substantive', 'cosmetic', 'regressive'];

const pct = (n, d) => (d === 0 ? '–' : `${Math.round((100 * n) / d)} %`);

/**
 * @param {{ label: string, testsDecide: boolean, predictions?: Record<string, string>, error?: string }[]} rows
 */
export function score(rows, predictor) {
  const done = rows.filter((r) => r.predictions?.[predictor]);
  const matrix = Object.fromEntries(LABELS.map((l) => [l, Object.fromEntries([...LABELS, 'error'].map((p) => [p, 0]))]));
  let correct = 0;
  for (const r of done) {
    const p = r.predictions[predictor];
    matrix[r.label][LABELS.includes(p) ? p : 'error']++;
    if (p === r.label) correct++;
  }
  const tp = matrix.regressive.regressive;
  const predictedRegressive = LABELS.reduce((n, l) => n + matrix[l].regressive, 0);
  const actualRegressive = LABELS.reduce((n, p) => n + matrix.regressive[p], 0) + matrix.regressive.error;
  const perLabel = Object.fromEntries(
    LABELS.map((l) => {
      const n = Object.values(matrix[l]).reduce((a, b) => a + b, 0);
      return [l, { n, correct: matrix[l][l] }];
    }),
  );
  return {
    predictor,
    n: done.length,
    correct,
    accuracy: done.length ? correct / done.length : null,
    regressivePrecision: predictedRegressive ? tp / predictedRegressive : null,
    regressiveRecall: actualRegressive ? tp / actualRegressive : null,
    falseRegressive: predictedRegressive - tp,
    perLabel,
    matrix,
  };
}

export function scoreAll(rows) {
  const split = (f) => rows.filter(f);
  return {
    all: PREDICTORS.map((p) => score(rows, p)),
    testsDecide: PREDICTORS.map((p) => score(split((r) => r.testsDecide), p)),
    testsCannot: PREDICTORS.map((p) => score(split((r) => !r.testsDecide), p)),
  };
}

function headline(scores, title) {
  const lines = [
    `| ${title} | cases | accuracy | substantive | cosmetic | regressive | precision of regressive | recall of regressive | false regressive |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const s of scores) {
    const per = LABELS.map((l) => `${s.perLabel[l].correct}/${s.perLabel[l].n}`);
    const prec = s.regressivePrecision === null ? '–' : pct(Math.round(s.regressivePrecision * 1000), 1000);
    const rec = s.regressiveRecall === null ? '–' : pct(Math.round(s.regressiveRecall * 1000), 1000);
    lines.push(`| ${s.predictor} | ${s.n} | ${pct(s.correct, s.n)} | ${per.join(' | ')} | ${prec} | ${rec} | ${s.falseRegressive} |`);
  }
  return lines.join('\n');
}

function matrixTable(s) {
  const lines = [`| ${s.predictor}: label ↓ said → | ${LABELS.join(' | ')} | no verdict |`, '| --- | --- | --- | --- | --- |'];
  for (const l of LABELS) lines.push(`| ${l} | ${LABELS.map((p) => s.matrix[l][p]).join(' | ')} | ${s.matrix[l].error} |`);
  return lines.join('\n');
}

const seconds = (ms) => (typeof ms === 'number' ? (ms / 1000).toFixed(1) : '–');

/** The Markdown block docs/accuracy.md publishes between its results markers. */
export function renderMarkdown(rows, meta) {
  const scores = scoreAll(rows);
  const times = rows.map((r) => r.patchprobe?.ms).filter((x) => typeof x === 'number').sort((a, b) => a - b);
  const ratios = rows.map((r) => r.ratio).filter((x) => typeof x === 'number').sort((a, b) => a - b);
  const q = (v, f) => (v.length ? v[Math.min(v.length - 1, Math.floor(f * v.length))] : undefined);
  const out = [];
  out.push(`Run: patchprobe ${meta.commit}, ${meta.date}, ${meta.machine}; ${rows.length} cases from ${new Set(rows.map((r) => r.repo ?? r.repoId)).size} repositories (${new Set(rows.map((r) => r.repoId)).size} install groups); \`${meta.command}\`.`);
  out.push('');
  out.push('### All cases');
  out.push('');
  out.push(headline(scores.all, 'predictor'));
  out.push('');
  out.push('### Cases the project\'s own tests decide');
  out.push('');
  out.push(headline(scores.testsDecide, 'predictor'));
  out.push('');
  out.push('### Cases the tests cannot decide');
  out.push('');
  out.push(headline(scores.testsCannot, 'predictor'));
  out.push('');
  out.push('### patchprobe by confidence');
  out.push('');
  out.push('| confidence | verdicts | right | wrong regressive | wrong cosmetic | wrong substantive |');
  out.push('| --- | --- | --- | --- | --- | --- |');
  for (const level of ['high', 'medium', 'low']) {
    const at = rows.filter((r) => r.predictions?.patchprobe && r.patchprobe?.confidence === level);
    const wrong = (said) => at.filter((r) => r.predictions.patchprobe === said && r.label !== said).length;
    out.push(`| ${level} | ${at.length} | ${at.filter((r) => r.predictions.patchprobe === r.label).length} | ${wrong('regressive')} | ${wrong('cosmetic')} | ${wrong('substantive')} |`);
  }
  out.push('');
  out.push('### Confusion matrices (all cases)');
  out.push('');
  for (const s of scores.all) {
    out.push(matrixTable(s));
    out.push('');
  }
  out.push('### Time');
  out.push('');
  out.push(`patchprobe per case: median ${seconds(q(times, 0.5))} s, 90th percentile ${seconds(q(times, 0.9))} s, max ${seconds(times.at(-1))} s; ratio to one plain \`vitest run\` of the same clone in the same run: median ${q(ratios, 0.5)?.toFixed(1) ?? '–'}×, 90th percentile ${q(ratios, 0.9)?.toFixed(1) ?? '–'}×.`);
  out.push('');
  out.push('### Misses');
  out.push('');
  out.push("Every case where patchprobe's verdict is not the label (or it gave none), with the first reason it gave.");
  out.push('');
  out.push('| case | shape | label | patchprobe | its first reason |');
  out.push('| --- | --- | --- | --- | --- |');
  for (const r of rows.filter((r) => r.predictions?.patchprobe !== r.label)) {
    const said = r.predictions?.patchprobe ? `${r.predictions.patchprobe} (${r.patchprobe.confidence})` : 'no verdict';
    const reason = (r.patchprobe?.reasons?.[0] ?? r.error ?? '').replaceAll('|', '\\|');
    out.push(`| ${r.id} | ${r.shape} | ${r.label} | ${said} | ${reason} |`);
  }
  out.push('');
  out.push('### Every case');
  out.push('');
  out.push('| case | shape | label | tests decide | patchprobe | confidence | ci | ci+textdiff | time | × plain run |');
  out.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const p = r.predictions ?? {};
    const mark = (v) => (v === undefined ? '–' : v === r.label ? v : `**${v}**`);
    out.push(
      `| ${r.id} | ${r.shape} | ${r.label} | ${r.testsDecide ? 'yes' : 'no'} | ${r.error && !p.patchprobe ? `error: ${r.error}` : mark(p.patchprobe)} | ${r.patchprobe?.confidence ?? '–'} | ${mark(p.ci)} | ${mark(p['ci+textdiff'])} | ${seconds(r.patchprobe?.ms)} s | ${r.ratio?.toFixed(1) ?? '–'} |`,
    );
  }
  return out.join('\n');
}

/** One plain-text line per predictor, for the terminal. */
export function renderText(rows) {
  const { all } = scoreAll(rows);
  return all
    .map((s) => {
      const per = LABELS.map((l) => `${l} ${s.perLabel[l].correct}/${s.perLabel[l].n}`).join(', ');
      const prec = s.regressivePrecision === null ? '–' : s.regressivePrecision.toFixed(2);
      const rec = s.regressiveRecall === null ? '–' : s.regressiveRecall.toFixed(2);
      return `${s.predictor.padEnd(18)} accuracy ${pct(s.correct, s.n).padStart(5)} (${s.correct}/${s.n}); ${per}; regressive precision ${prec}, recall ${rec}, false regressive ${s.falseRegressive}`;
    })
    .join('\n');
}
