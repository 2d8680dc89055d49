import fs from 'node:fs';
import path from 'node:path';
import type { Report, Verdict } from '@patchprobe/core';
import type { CiOutputs } from '../parse-argv.js';
import { formatAnnotation, selectAnnotations } from '../render/annotations.js';
import { renderHtml } from '../render/html.js';
import { renderMarkdown } from '../render/markdown.js';
import { renderSarif } from '../render/sarif.js';
import { renderText } from '../render/text.js';
import { colorsFor, writeOutput, type CliIo, type Outcome } from './io.js';

/** GitHub refuses a step summary larger than 1 MiB (and then shows none of it). */
const STEP_SUMMARY_LIMIT = 1024 * 1024;

/**
 * What `gate` and `merge` do with a report: the terminal report, workflow annotations, the
 * markdown summary (appended to $GITHUB_STEP_SUMMARY, never truncating it), --json, --sarif, --html.
 *
 * Streams: stdout carries exactly one machine-readable thing. With `--json -` or `--summary -` that
 * is the JSON or the markdown, and annotations go to stderr (GitHub reads workflow commands from
 * both); otherwise annotations, when on, take stdout. The human report goes to stdout only when
 * nothing else does.
 */
export function writeCiOutputs(report: Report, outputs: CiOutputs, failOn: readonly Verdict[], io: CliIo, extraNotes: string[] = []): Outcome {
  const stdoutTaken = outputs.json === '-' || outputs.summary === '-';
  const annotate = outputs.annotations ?? io.env.GITHUB_ACTIONS === 'true';
  const human = stdoutTaken || annotate ? io.stderr : io.stdout;
  const notes = [...extraNotes];

  if (annotate) {
    const { annotations, dropped } = selectAnnotations(report);
    if (annotations.length > 0) (stdoutTaken ? io.stderr : io.stdout).write(`${annotations.map(formatAnnotation).join('\n')}\n`);
    if (dropped > 0) notes.push(`${dropped} more finding${dropped === 1 ? ' is' : 's are'} not annotated (GitHub shows 10 per level); the summary and the JSON report have all of them`);
  }
  if (outputs.json !== undefined) writeOutput(outputs.json, `${JSON.stringify(report, null, 2)}\n`, io);
  const stepSummary = io.env.GITHUB_STEP_SUMMARY?.trim() || undefined;
  if (stepSummary) {
    appendStepSummary(stepSummary, report, io);
    notes.push(`summary appended to $GITHUB_STEP_SUMMARY`);
  }
  // --summary naming the step summary file itself: appended once, above.
  if (outputs.summary !== undefined && !(stepSummary && outputs.summary !== '-' && path.resolve(outputs.summary) === path.resolve(stepSummary))) {
    writeOutput(outputs.summary, ensureNewline(renderMarkdown(report)), io);
  }
  if (outputs.sarif !== undefined) writeOutput(outputs.sarif, `${JSON.stringify(renderSarif(report), null, 2)}\n`, io);
  if (outputs.html !== undefined) writeOutput(outputs.html, ensureNewline(renderHtml(report)), io);

  const c = colorsFor(human, io.env);
  human.write(renderText(report, c));
  for (const note of notes) human.write(c.dim(`patchprobe: ${note}\n`));
  return { failed: failOn.includes(report.verdict) };
}

/** Appends (never truncates): earlier steps' content stays, and ours keeps under GitHub's size limit. */
function appendStepSummary(file: string, report: Report, io: CliIo): void {
  let size = 0;
  try {
    size = fs.statSync(file).size;
  } catch {
    // not there yet: GitHub creates it empty, a local run may not
  }
  const separator = size > 0 ? '\n' : '';
  const markdown = renderMarkdown(report, { maxBytes: Math.max(1024, STEP_SUMMARY_LIMIT - size - separator.length - 1) });
  writeOutput(file, `${separator}${ensureNewline(markdown)}`, io, { append: true });
}

const ensureNewline = (text: string): string => (text.endsWith('\n') ? text : `${text}\n`);
