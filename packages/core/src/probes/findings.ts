import type { Finding, FindingKind, Severity } from '../verdict/finding.js';
import type { ProbeTargetResult } from './plan.js';
import type { ProbeTarget } from './targets.js';

export interface ProbeFindingsInput {
  targets: readonly ProbeTarget[];
  results: readonly ProbeTargetResult[];
  uncovered: ReadonlyArray<{ symbol: string; reason: string }>;
  /** The lines the patch added in a file (after side), to tell a deliberate `throw` from an accident. */
  addedLines: (file: string) => readonly string[];
  /** A test added or edited by the patch that expects the new behaviour of this target, if any. */
  expectingTest: (target: ProbeTarget) => string | undefined;
  /** 1-based line of a declaration in the after tree. */
  lineOf: (symbol: string) => number | undefined;
}

const THROW = /\bthrow\b/;

/**
 * Probe results as evidence (issue 4 §5). A divergence says behaviour changed (substantive);
 * an accidental crash, a hang or a degenerate value where the old version returned a proper one
 * says something that worked now breaks (regressive), unless a test the patch wrote expects it.
 */
export function probeFindings(input: ProbeFindingsInput): Finding[] {
  const out: Finding[] = [];
  const byId = new Map(input.targets.map((t) => [t.id, t]));
  for (const r of input.results) {
    const target = byId.get(r.id);
    if (!target) continue;
    const at = { symbol: r.id, file: target.file, ...lineOf(input, r.id) };
    const push = (kind: FindingKind, severity: Severity, message: string): void => {
      out.push({ kind, severity, message, ...at });
    };
    const via = viaText(target);
    const stats = statsText(r);
    switch (r.outcome) {
      case 'equivalent':
        push('probe-equivalent', 'info', `${name(target)}: same results before and after on ${stats}${via}`);
        break;
      case 'nondeterministic': {
        const n = r.nondeterminism;
        const detail = n ? ` (${n.call}: ${n.first}, then ${n.second})` : '';
        push('probe-nondeterministic', 'warning', `${name(target)}: ${r.reason ?? 'gives different results for the same input'}${detail}; its before/after differences are not counted${via}`);
        break;
      }
      case 'inconclusive':
        push('probe-inconclusive', 'warning', `${name(target)} could not be probed: ${r.reason ?? 'unknown reason'}${via}`);
        break;
      case 'diverged': {
        const ce = r.counterexample;
        if (!ce) break;
        const call = ce.call.length > 200 ? `${ce.call.slice(0, 199)}…` : ce.call;
        const pair = `\`${call}\`: before ${ce.before}, after ${ce.after}`;
        const seed = ` (seed ${r.seed}${ce.path ? `, path ${ce.path}` : ''})`;
        const breaks = ce.divergence === 'crash' || ce.divergence === 'hang' || ce.divergence === 'timeout' || ce.divergence === 'degenerate';
        if (breaks) {
          const expecting = input.expectingTest(target);
          const kind: FindingKind = ce.divergence === 'degenerate' ? 'probe-degenerate' : 'probe-crash';
          const what =
            ce.divergence === 'degenerate'
              ? 'returns a degenerate value where it returned a proper one'
              : ce.divergence === 'crash'
                ? 'crashes on an input of its declared types that worked before'
                : 'never returns on an input that worked before';
          if (expecting) push(kind, 'warning', `${pair}: the new version ${what}, but ${expecting} (added or edited by the patch) expects the new behaviour${seed}${via}`);
          else push(kind, 'error', `${pair}: the new version ${what}${seed}${via}`);
        } else if (ce.divergence === 'throws') {
          const deliberate = target.covers.some((s) => input.addedLines(s.slice(0, s.indexOf('#'))).some((l) => THROW.test(l)));
          if (deliberate) push('probe-new-validation', 'warning', `${pair}: the patch adds a throw, so inputs like this are now rejected${seed}${via}`);
          else push('probe-diverged', 'info', `${pair}${seed}${via}`);
        } else if (ce.divergence === 'returns-undefined') {
          push('probe-returns-undefined', 'warning', `${pair}: the new version returns undefined where the old one returned a value${seed}${via}`);
        } else if (ce.divergence === 'argument-mutated') {
          push('probe-argument-mutated', 'warning', `${pair}: same result, but the versions leave the arguments in a different state (one of them mutates its input)${seed}${via}`);
        } else {
          push('probe-diverged', 'info', `${pair}${seed}${via}`);
        }
        break;
      }
    }
  }
  for (const u of input.uncovered) {
    out.push({ kind: 'probe-inconclusive', severity: 'warning', symbol: u.symbol, file: u.symbol.slice(0, u.symbol.indexOf('#')), ...lineOf(input, u.symbol), message: `${u.symbol.slice(u.symbol.indexOf('#') + 1)} changed but cannot be probed: ${u.reason}` });
  }
  return out;
}

function lineOf(input: ProbeFindingsInput, symbol: string): { line?: number } {
  const line = input.lineOf(symbol);
  return line === undefined ? {} : { line };
}

function name(t: ProbeTarget): string {
  return `\`${t.id.slice(t.id.indexOf('#') + 1)}\``;
}

function viaText(t: ProbeTarget): string {
  const helpers = t.covers.filter((s) => s !== t.id && !s.startsWith(`${t.id}.`));
  if (helpers.length === 0) return '';
  return ` — probed because it calls the changed ${helpers.map((s) => `\`${s.slice(s.indexOf('#') + 1)}\``).join(', ')}`;
}

function statsText(r: ProbeTargetResult): string {
  const inputs = [
    r.inputs.derived ? (r.inputs.complete ? 'inputs generated from its parameter types' : 'inputs partly generated from its parameter types') : '',
    r.inputs.recorded > 0 ? `${r.inputs.recorded} argument list${r.inputs.recorded === 1 ? '' : 's'} recorded from the tests` : '',
  ].filter(Boolean);
  return `${r.runs} input${r.runs === 1 ? '' : 's'}${inputs.length ? ` (${inputs.join(' and ')})` : ''}`;
}
